// #region domain-errors
// What the services throw when a rule says no. They name what went wrong in
// the forum's own words, not in HTTP's: a service does not know it is called
// from a route, and lesson 13's worker or a command-line script could call
// it too. One mapping (src/http/domain-errors.ts) turns each class into a
// status; nothing else in the app needs to know that a NotFoundError is 404.

/** The base class: the message is written for the person who asked. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist: a post, a user. */
export class NotFoundError extends DomainError {}

/** Who is asking may not do this: another member's post. */
export class ForbiddenError extends DomainError {}

/** The request clashes with what is stored: a username or email already taken. */
export class ConflictError extends DomainError {}

/** The credentials do not match an account. One message, whichever part was wrong. */
export class AuthenticationError extends DomainError {}

/**
 * Something the forum depends on (its database, the session store) is not
 * answering. Nothing is wrong with the request: the same request may work
 * in a moment.
 */
export class UnavailableError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options) this.cause = options.cause;
  }
}

/** One problem with one field of the input. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that breaks a rule of the forum (a password too easy to guess), field by field. */
export class ValidationError extends DomainError {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[]) {
    super(problems.map(({ field, message }) => `${field} ${message}`).join('; '));
    this.problems = problems;
  }
}
// #endregion domain-errors
