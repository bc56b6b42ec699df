// In-memory repositories and a password hasher that takes no time: what the
// service tests give the services instead of SQLite and scrypt. They keep
// the interfaces' promises (orders, a ConflictError for a taken name, an
// atomic addReply), and test/repositories/contract.ts runs the same checks
// against them and against SQLite, so a fake cannot drift from the real one.
import { ConflictError } from '../src/domain/errors.ts';
import type { Post, Reply, User } from '../src/domain/models.ts';
import type { PostsRepository } from '../src/repositories/posts-repository.ts';
import type { NewUser, UsersRepository } from '../src/repositories/users-repository.ts';
import type { PasswordHasher } from '../src/services/password-hasher.ts';

// #region fake-hasher
/** "Hashes" by prefixing: fast, and a wrong password still fails. */
export const fakeHasher: PasswordHasher & { dummyCalls: number } = {
  dummyCalls: 0,
  hash: async (password) => `fake$${password}`,
  verify: async (password, stored) => stored === `fake$${password}`,
  async verifyDummy() {
    fakeHasher.dummyCalls++;
    return false;
  },
};
// #endregion fake-hasher

type StoredPost = Omit<Post, 'author'> & { authorId: number };
type StoredReply = Omit<Reply, 'author'> & { authorId: number };

// #region memory-repositories
/** A users and a posts repository over plain arrays, sharing one set of users as a database would. */
export function memoryRepositories(): { users: UsersRepository & { rows: (User & { passwordHash: string | null })[] }; posts: PostsRepository } {
  const users: (User & { passwordHash: string | null })[] = [];
  const posts: StoredPost[] = [];
  const replies: StoredReply[] = [];
  const copy = <T>(value: T): T => structuredClone(value);
  const withoutHash = ({ passwordHash: _hash, ...user }: User & { passwordHash: string | null }): User => copy(user);
  const author = (id: number) => ({ id, username: users.find((user) => user.id === id)!.username });
  const toPost = ({ authorId, ...post }: StoredPost): Post => ({ ...copy(post), author: author(authorId) });
  const toReply = ({ authorId, ...reply }: StoredReply): Reply => ({ ...copy(reply), author: author(authorId) });
  const nextId = (rows: { id: number }[]) => Math.max(0, ...rows.map((row) => row.id)) + 1;

  const usersRepository = {
    rows: users,
    async create(user: NewUser) {
      // Usernames in any letter case, emails as stored (lowercased by the schema).
      if (users.some((other) => other.username.toLowerCase() === user.username.toLowerCase())) throw new ConflictError('username is already taken');
      if (users.some((other) => other.email.toLowerCase() === user.email.toLowerCase())) throw new ConflictError('email is already taken');
      const stored = { id: nextId(users), ...copy(user) };
      users.push(stored);
      return withoutHash(stored);
    },
    async findById(id: number) {
      const found = users.find((user) => user.id === id);
      return found && withoutHash(found);
    },
    async findByEmailWithHash(email: string) {
      const found = users.find((user) => user.email.toLowerCase() === email.toLowerCase());
      return found && copy(found);
    },
    async list({ status, limit, offset }: { status?: string; limit: number; offset: number }) {
      return users.filter((user) => status === undefined || user.status === status).slice(offset, offset + limit).map(withoutHash);
    },
    async count({ status }: { status?: string }) {
      return users.filter((user) => status === undefined || user.status === status).length;
    },
    async setAccess(id: number, access: Pick<User, 'status'> & Partial<Pick<User, 'role'>>) {
      const found = users.find((user) => user.id === id);
      if (found === undefined) return undefined;
      Object.assign(found, { status: access.status }, access.role === undefined ? {} : { role: access.role });
      return withoutHash(found);
    },
  } satisfies UsersRepository & { rows: unknown };

  const byActivity = (a: StoredPost, b: StoredPost) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id - a.id;
  const postsRepository: PostsRepository = {
    async list({ limit, offset }) {
      return [...posts].sort(byActivity).slice(offset, offset + limit).map(toPost);
    },
    async count() {
      return posts.length;
    },
    async findById(id) {
      const found = posts.find((post) => post.id === id);
      return found && toPost(found);
    },
    async create({ authorId, title, body, at }) {
      const post = { id: nextId(posts), authorId, title, body, replyCount: 0, createdAt: at, updatedAt: at, lastActivityAt: at };
      posts.push(post);
      return toPost(post);
    },
    async update(id, { title, body, at }) {
      const found = posts.find((post) => post.id === id);
      if (found === undefined) return undefined;
      Object.assign(found, title === undefined ? {} : { title }, body === undefined ? {} : { body }, { updatedAt: at });
      return toPost(found);
    },
    async delete(id) {
      const index = posts.findIndex((post) => post.id === id);
      if (index >= 0) posts.splice(index, 1);
      for (let i = replies.length - 1; i >= 0; i--) if (replies[i]!.postId === id) replies.splice(i, 1);
    },
    async listReplies(postId, { limit, offset }) {
      return replies.filter((reply) => reply.postId === postId).slice(offset, offset + limit).map(toReply);
    },
    async countReplies(postId) {
      return replies.filter((reply) => reply.postId === postId).length;
    },
    // One synchronous block: nothing can run between the two changes, which is what atomic means here.
    async addReply({ postId, authorId, body, at }) {
      const post = posts.find((candidate) => candidate.id === postId);
      if (post === undefined) return undefined;
      const reply = { id: nextId(replies), postId, authorId, body, createdAt: at };
      replies.push(reply);
      post.replyCount += 1;
      post.lastActivityAt = at;
      return toReply(reply);
    },
  };

  return { users: usersRepository, posts: postsRepository };
}
// #endregion memory-repositories
