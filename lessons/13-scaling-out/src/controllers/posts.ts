import type { ValidatedHandler } from '@forum-lessons/middleware';
import type { editPostBody, newPostBody, newReplyBody, pageQuery, postIdParams } from '../schemas/posts.ts';
import type { PostsService } from '../services/posts.ts';
import { actorOf } from './actor.ts';

// #region posts-controller
/**
 * Posts and replies, the HTTP half: the parsed input in, a service call,
 * the status, Location header and JSON out. Each handler is typed with the
 * schemas its route validates with (routes/posts.ts), so req.params.id is
 * a number here. The routes mount these behind the `approved` guards, so
 * req.user is an approved user.
 */
export function createPostsController({ posts }: { posts: PostsService }) {
  const list: ValidatedHandler<{ query: typeof pageQuery }> = async (req, res) => {
    res.json(await posts.list(req.query));
  };

  const create: ValidatedHandler<{ body: typeof newPostBody }> = async (req, res) => {
    const post = await posts.create(actorOf(req), req.body);
    // req.baseUrl is where the router is mounted, with the API's own mount
    // path in front: /api/v1/posts. Written like this, nothing here repeats it.
    res.status(201).location(`${req.baseUrl}/${post.id}`).json(post);
  };

  const get: ValidatedHandler<{ params: typeof postIdParams }> = async (req, res) => {
    res.json(await posts.get(req.params.id));
  };

  const edit: ValidatedHandler<{ params: typeof postIdParams; body: typeof editPostBody }> = async (req, res) => {
    res.json(await posts.edit(actorOf(req), req.params.id, req.body));
  };

  const remove: ValidatedHandler<{ params: typeof postIdParams }> = async (req, res) => {
    await posts.delete(actorOf(req), req.params.id);
    res.status(204).end();
  };

  const replies: ValidatedHandler<{ params: typeof postIdParams; query: typeof pageQuery }> = async (req, res) => {
    res.json(await posts.replies(req.params.id, req.query));
  };

  const reply: ValidatedHandler<{ params: typeof postIdParams; body: typeof newReplyBody }> = async (req, res) => {
    const created = await posts.reply(actorOf(req), req.params.id, req.body.body);
    res.status(201).location(`${req.baseUrl}/${created.postId}/replies`).json(created);
  };

  return { list, create, get, edit, delete: remove, replies, reply };
}
// #endregion posts-controller

export type PostsController = ReturnType<typeof createPostsController>;
