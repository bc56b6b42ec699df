import type { Request } from 'express';
import type { Actor } from '../domain/models.ts';

/** The logged-in user on req.user (the guards put it there), as the services' rules need it. */
export function actorOf({ user }: Pick<Request, 'user'>): Actor {
  return { id: Number(user!.id), role: user!.role === 'admin' ? 'admin' : 'member' };
}
