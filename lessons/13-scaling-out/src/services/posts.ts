import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { Actor, Post, Reply } from '../domain/models.ts';
import { pageOf, pageWindow, type Page } from '../domain/pagination.ts';
import type { PostsRepository } from '../repositories/posts-repository.ts';

/** Which page of a list, and how many per page. */
export interface PageRequest {
  page: number;
  limit: number;
}

// #region posts-service
/** Posts and replies, for approved members (the guards see to that before a call). */
export interface PostsService {
  list(request: PageRequest): Promise<Page<Post>>;
  /** The post, or a NotFoundError. */
  get(id: number): Promise<Post>;
  create(author: Actor, post: { title: string; body: string }): Promise<Post>;
  /** The changed post. NotFoundError, or ForbiddenError for someone who is neither the author nor an admin. */
  edit(actor: Actor, id: number, edit: { title?: string; body?: string }): Promise<Post>;
  delete(actor: Actor, id: number): Promise<void>;
  replies(postId: number, request: PageRequest): Promise<Page<Reply>>;
  reply(author: Actor, postId: number, body: string): Promise<Reply>;
}

export function createPostsService({ now, posts }: { posts: PostsRepository; now: () => number }): PostsService {
  const timestamp = () => new Date(now()).toISOString();

  async function postOrNotFound(id: number): Promise<Post> {
    const post = await posts.findById(id);
    if (post === undefined) throw new NotFoundError('Post not found');
    return post;
  }

  // #region ownership
  /** Only the author of a post, or an admin, may change or delete it. */
  function assertCanChange(actor: Actor, post: Post): void {
    if (post.author.id !== actor.id && actor.role !== 'admin') {
      throw new ForbiddenError('Only the author of this post or an admin may change it');
    }
  }
  // #endregion ownership

  return {
    async list(request) {
      const [data, total] = await Promise.all([posts.list(pageWindow(request)), posts.count()]);
      return pageOf(data, request, total);
    },

    get: postOrNotFound,

    create: (author, { title, body }) => posts.create({ authorId: author.id, title, body, at: timestamp() }),

    // #region edit-post
    async edit(actor, id, edit) {
      // Not found before forbidden: a post that does not exist has no author to compare.
      const post = await postOrNotFound(id);
      assertCanChange(actor, post);
      return (await posts.update(post.id, { ...edit, at: timestamp() })) ?? postOrNotFound(id);
    },

    async delete(actor, id) {
      const post = await postOrNotFound(id);
      assertCanChange(actor, post);
      await posts.delete(post.id);
    },
    // #endregion edit-post

    // Oldest first: a conversation reads from the top.
    async replies(postId, request) {
      const post = await postOrNotFound(postId);
      const [data, total] = await Promise.all([posts.listReplies(post.id, pageWindow(request)), posts.countReplies(post.id)]);
      return pageOf(data, request, total);
    },

    // #region reply
    async reply(author, postId, body) {
      const post = await postOrNotFound(postId);
      // One call, one transaction: the repository stores the reply and
      // counts it on the post together (see PostsRepository.addReply).
      const reply = await posts.addReply({ postId: post.id, authorId: author.id, body, at: timestamp() });
      // The post was deleted between the two calls.
      if (reply === undefined) throw new NotFoundError('Post not found');
      return reply;
    },
    // #endregion reply
  };
}
// #endregion posts-service
