// The views of an approved member: the list of posts with a form for a new
// one, and one post with its replies and a form for a reply.
import { api, type Post, type Reply } from './api.js';
import { field, h, onSubmit, time, valueOf } from './dom.js';
import { pager, type Navigate, type View } from './view.js';

/** Small pages, so that paging shows up in a forum of a dozen posts. */
export const postsPerPage = 10;
export const repliesPerPage = 10;

// #region posts-view
/** `#/posts?page=N`: one page of posts, newest activity first, and a form for a new post. */
export async function postsView(page: number, navigate: Navigate): Promise<View> {
  const posts = await api.posts(page, postsPerPage);

  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'new-post-heading' },
    h('h2', { id: 'new-post-heading' }, 'Write a post'),
    field({ label: 'Title', name: 'title' }),
    field({ label: 'Body', name: 'body', multiline: true }),
    h('button', { type: 'submit' }, 'Publish post'),
  );
  onSubmit(form, async () => {
    const post = await api.createPost({ title: valueOf(form, 'title'), body: valueOf(form, 'body') });
    navigate(`#/posts/${post.id}`, { message: 'Your post was published.' });
  });

  const list =
    posts.data.length > 0
      ? h('ol', { class: 'post-list' }, ...posts.data.map(postSummary))
      : h('p', { class: 'empty' }, posts.total === 0 ? 'No posts yet. Write the first one.' : 'There are no posts on this page.');

  return {
    title: page > 1 ? `Posts, page ${page}` : 'Posts',
    element: h(
      'section',
      { class: 'view' },
      h('h1', {}, 'Posts'),
      h(
        'div',
        { class: 'with-aside' },
        h('div', {}, list, pager('Pages of posts', posts, (n) => `#/posts?page=${n}`)),
        form,
      ),
    ),
  };
}

function postSummary(post: Post): HTMLElement {
  return h(
    'li',
    { class: 'card post-summary' },
    h('h2', {}, h('a', { href: `#/posts/${post.id}` }, post.title)),
    h('p', { class: 'excerpt' }, excerpt(post.body)),
    h('p', { class: 'meta' }, `by ${post.author.username} · ${replies(post.replyCount)} · `, time(post.lastActivityAt)),
  );
}

/** The start of a body, on one line: enough to tell posts apart. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ');
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

function replies(count: number): string {
  return count === 1 ? '1 reply' : `${count} replies`;
}
// #endregion posts-view

// #region post-view
/** `#/posts/ID?page=N`: one post, one page of its replies (oldest first), and a form for a reply. */
export async function postView(id: number, page: number, navigate: Navigate): Promise<View> {
  // Two requests at once: neither needs the other's answer.
  const [post, replyPage] = await Promise.all([api.post(id), api.replies(id, page, repliesPerPage)]);

  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'reply-heading' },
    h('h2', { id: 'reply-heading' }, 'Write a reply'),
    field({ label: 'Reply', name: 'body', multiline: true }),
    h('button', { type: 'submit' }, 'Post reply'),
  );
  onSubmit(form, async () => {
    const reply = await api.createReply(post.id, { body: valueOf(form, 'body') });
    // The newest reply is last: go to the last page, and put the focus on it.
    const lastPage = Math.ceil((replyPage.total + 1) / repliesPerPage);
    navigate(`#/posts/${post.id}?page=${lastPage}`, { message: 'Your reply was added.', focus: `#reply-${reply.id}` });
  });

  return {
    title: post.title,
    element: h(
      'section',
      { class: 'view' },
      h('p', {}, h('a', { href: '#/posts' }, '← All posts')),
      h(
        'article',
        { class: 'card post' },
        h('h1', {}, post.title),
        h('p', { class: 'meta' }, `by ${post.author.username} · `, time(post.createdAt)),
        // CSS keeps the author's line breaks (white-space: pre-wrap): the
        // text stays text, no markup is made from it.
        h('p', { class: 'body' }, post.body),
      ),
      h(
        'section',
        { 'aria-labelledby': 'replies-heading' },
        h('h2', { id: 'replies-heading' }, `Replies (${replyPage.total})`),
        replyPage.data.length > 0 ? h('ol', { class: 'reply-list' }, ...replyPage.data.map(replyItem)) : h('p', { class: 'empty' }, 'No replies yet.'),
        pager('Pages of replies', replyPage, (n) => `#/posts/${post.id}?page=${n}`),
      ),
      form,
    ),
  };
}

function replyItem(reply: Reply): HTMLElement {
  // tabindex="-1": the script can focus a new reply, the Tab key skips it.
  return h(
    'li',
    { class: 'card reply', id: `reply-${reply.id}`, tabindex: '-1' },
    h('p', { class: 'meta' }, `${reply.author.username} · `, time(reply.createdAt)),
    h('p', { class: 'body' }, reply.body),
  );
}
// #endregion post-view
