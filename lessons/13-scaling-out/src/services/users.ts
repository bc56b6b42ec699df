import { NotFoundError } from '../domain/errors.ts';
import type { User, UserStatus } from '../domain/models.ts';
import type { UsersRepository } from '../repositories/users-repository.ts';

// #region users-service
/** What an admin does with accounts. Who is an admin is the guards' business, before any of this runs. */
export interface UsersService {
  list(query: { status?: UserStatus; limit: number; offset: number }): Promise<{ users: User[]; total: number; limit: number; offset: number }>;
  /** The user, or a NotFoundError. */
  get(id: number): Promise<User>;
  /** Approves the account; approving an approved one changes nothing. NotFoundError when there is none. */
  approve(id: number): Promise<User>;
}

export function createUsersService({ users }: { users: UsersRepository }): UsersService {
  return {
    async list({ status, limit, offset }) {
      const [page, total] = await Promise.all([users.list({ status, limit, offset }), users.count({ status })]);
      return { users: page, total, limit, offset };
    },
    async get(id) {
      return (await users.findById(id)) ?? notFound();
    },
    async approve(id) {
      return (await users.setAccess(id, { status: 'approved' })) ?? notFound();
    },
  };
}
// #endregion users-service

function notFound(): never {
  throw new NotFoundError('User not found');
}
