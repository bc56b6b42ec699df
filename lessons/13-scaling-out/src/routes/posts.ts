import { validate } from '@forum-lessons/middleware';
import { Router } from 'express';
import type { PostsController } from '../controllers/posts.ts';
import { editPostBody, newPostBody, newReplyBody, pageQuery, postIdParams } from '../schemas/posts.ts';

// #region create-posts-router
/**
 * The posts and replies routes. api.ts mounts the router behind the
 * `approved` guards: every controller here has an approved user on req.user.
 * Who may change a post is the posts service's rule, checked per post.
 */
export function createPostsRouter({ controller }: { controller: PostsController }): Router {
  const router = Router();
  router.get('/', validate({ query: pageQuery }), controller.list);
  router.post('/', validate({ body: newPostBody }), controller.create);
  router.get('/:id', validate({ params: postIdParams }), controller.get);
  router.patch('/:id', validate({ params: postIdParams, body: editPostBody }), controller.edit);
  router.delete('/:id', validate({ params: postIdParams }), controller.delete);
  router.get('/:id/replies', validate({ params: postIdParams, query: pageQuery }), controller.replies);
  router.post('/:id/replies', validate({ params: postIdParams, body: newReplyBody }), controller.reply);
  return router;
}
// #endregion create-posts-router
