import { STATUS_CODES } from 'node:http';

/** `err.status` or `err.statusCode` when it is a 4xx or 5xx integer; otherwise 500. */
export function statusOf(err: Record<string, unknown>): number {
  for (const value of [err.status, err.statusCode]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) return value;
  }
  return 500;
}

/** `Not Found` for 404; `Error` for a code Node does not know. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
