// @forum-lessons/middleware: the middleware the lessons write by hand first
// and then reuse from here.
export { requestId, SAFE_REQUEST_ID, type RequestIdOptions } from './request-id.ts';
export { requestLogger, formatRequestLine, type RequestLogEntry, type RequestLoggerOptions } from './request-logger.ts';
export { requireUser, type RequireUserOptions } from './require-user.ts';
export { requireApproved, type RequireApprovedOptions } from './require-approved.ts';
export { requireRole } from './require-role.ts';
export {
  validate,
  type ParseFunction,
  type Parser,
  type SafeParser,
  type ValidatedHandler,
  type ValidateSchemas,
} from './validate.ts';
// validate()'s errors entries are the error format's own type, defined once
// in @forum-lessons/error-handler and re-exported for apps that only import
// from here.
export type { FieldError, FieldLocation } from '@forum-lessons/error-handler';
export type { BaseUser, Register, User } from './user.ts';
