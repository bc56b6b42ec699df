import { readFile } from 'node:fs/promises';

// #region notice
/** The forum's notice: one message that every page shows above the posts. */
export interface Notice {
  message: string;
  /** ISO 8601 timestamp of the last edit. */
  updatedAt: string;
}

/**
 * Reads the notice from a JSON file. Rejects when the file is missing, is not
 * JSON, or does not hold a notice: the caller decides what a failure means.
 */
export async function readNoticeFile(path: string): Promise<Notice> {
  const data: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!isNotice(data)) {
    throw new Error(`${path} does not hold a notice: expected { "message": string, "updatedAt": string }`);
  }
  return { message: data.message, updatedAt: data.updatedAt };
}
// #endregion notice

function isNotice(value: unknown): value is Notice {
  if (typeof value !== 'object' || value === null) return false;
  const { message, updatedAt } = value as Record<string, unknown>;
  return typeof message === 'string' && typeof updatedAt === 'string';
}
