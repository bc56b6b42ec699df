// The forum's nouns, as every layer passes them around. They are also what
// the API answers: the JSON of a user or a post is one of these, as it is.

// #region user
/** A user as the API shows it: never the password hash. */
export interface User {
  id: number;
  username: string;
  email: string;
  /** `pending` until an admin approves the account. */
  status: UserStatus;
  /** `admin` may approve others; everyone else is a `member`. */
  role: UserRole;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export type UserStatus = 'pending' | 'approved';
export type UserRole = 'member' | 'admin';
// #endregion user

// #region post-types
/** Who wrote a post or a reply, as the API shows it: no email. */
export interface Author {
  id: number;
  username: string;
}

export interface Post {
  id: number;
  title: string;
  body: string;
  author: Author;
  replyCount: number;
  /** ISO 8601 timestamps; lastActivityAt is the newest reply's time, or createdAt. */
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
}

export interface Reply {
  id: number;
  postId: number;
  body: string;
  author: Author;
  createdAt: string;
}
// #endregion post-types

/** Who is acting: the logged-in user, as far as the rules need to know. */
export interface Actor {
  id: number;
  role: UserRole;
}
