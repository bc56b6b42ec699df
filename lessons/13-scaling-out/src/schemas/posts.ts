import { z } from 'zod';
import { id, text, wholeNumber } from './users.ts';

// #region post-fields
/**
 * Trimmed, then 1 to `max` characters: a title or body of spaces is blank,
 * and "must not be blank" says so. Stored as the text it is and sent back as
 * a JSON string: nothing interprets it as HTML or Markdown on the server.
 */
function content(max: number) {
  return text()
    .trim()
    .min(1, { error: 'must not be blank', abort: true })
    .max(max, `must be at most ${max} characters long`);
}

export const title = content(200);
export const body = content(10_000);
// #endregion post-fields

// #region post-schemas
/** `POST /posts`: a new post. */
export const newPostBody = z.object({ title, body }, 'must be a JSON object');

/** `PATCH /posts/:id`: a new title, a new body, or both; something must change. */
export const editPostBody = z
  .object({ title: title.optional(), body: body.optional() }, 'must be a JSON object')
  .refine((edit) => edit.title !== undefined || edit.body !== undefined, 'must change the title, the body, or both');

/** `POST /posts/:id/replies`: a reply. */
export const newReplyBody = z.object({ body }, 'must be a JSON object');

export const postIdParams = z.object({ id });
// #endregion post-schemas

// #region page-query
/**
 * `?page=&limit=`: page 1 unless asked, 20 per page unless asked, at most
 * 100. A page past the last one is not an error: it is empty, and the
 * envelope's `pages` says how many there are.
 */
export const pageQuery = z.object({
  page: wholeNumber(1).default(1),
  limit: wholeNumber(1, 100).default(20),
});
// #endregion page-query
