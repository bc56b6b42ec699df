import type { Post, Reply } from '../domain/models.ts';

// #region posts-repository
/** A window of a list: how many items, after how many. */
export interface Window {
  limit: number;
  offset: number;
}

/**
 * Where posts and replies are kept. Lists come back in the order the API
 * shows them: posts by newest activity (newest id first among equal times),
 * replies oldest first.
 */
export interface PostsRepository {
  list(window: Window): Promise<Post[]>;
  count(): Promise<number>;
  findById(id: number): Promise<Post | undefined>;
  /** Stores a new post whose three timestamps are `at`, and returns it. */
  create(post: { authorId: number; title: string; body: string; at: string }): Promise<Post>;
  /** Changes the fields given and updatedAt; the changed post, or undefined when it is gone. */
  update(id: number, edit: { title?: string; body?: string; at: string }): Promise<Post | undefined>;
  /** Deletes the post and its replies. */
  delete(id: number): Promise<void>;
  listReplies(postId: number, window: Window): Promise<Reply[]>;
  countReplies(postId: number): Promise<number>;
  // #region add-reply
  /**
   * Stores the reply, adds one to the post's replyCount and moves its
   * lastActivityAt to `at`: all three or none. The reply, or undefined when
   * the post does not exist (nothing is stored then).
   */
  addReply(reply: { postId: number; authorId: number; body: string; at: string }): Promise<Reply | undefined>;
  // #endregion add-reply
}
// #endregion posts-repository
