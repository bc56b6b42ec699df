// Solution to lesson 06, exercise 3: sessions in a file of their own.
import { SQLiteStore } from '@forum-lessons/session-store';

// #region separate-file
/**
 * Given a path, the store opens its own connection: it sets WAL and a busy
 * timeout on it, and closes it in close(). server.ts then closes the store
 * and the app database separately.
 */
export function openSessionStore(sessionsPath: string): SQLiteStore {
  return new SQLiteStore({ db: sessionsPath });
}
// #endregion separate-file
