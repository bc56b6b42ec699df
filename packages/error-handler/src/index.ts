// @forum-lessons/error-handler: one 404 handler and one error handler that
// answer every error in the same format, RFC 9457 problem details.
export { notFound } from './not-found.ts';
export { errorHandler, type ErrorHandlerOptions, type ErrorLogEntry } from './error-handler.ts';
export {
  problem,
  PROBLEM_CONTENT_TYPE,
  type FieldError,
  type FieldLocation,
  type ProblemDetails,
} from './problem.ts';
export { fieldErrorFromIssue } from './validation-errors.ts';
// The option checks of this package's factories, for other factories that
// want the same TypeErrors (@forum-lessons/middleware uses them).
export { checkOptions, describeValue, looksLikeRequest } from './options.ts';
