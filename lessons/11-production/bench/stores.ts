/** The session stores bench:http compares, in the order of its table. */
export const STORE_NAMES = ['ours', 'memory', 'connect-sqlite3', 'better-sqlite3-session-store'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

/** The stores installed on demand (scripts/lib/bench-peers.ts); the other two are dependencies. */
export const PEER_STORES: readonly StoreName[] = ['connect-sqlite3', 'better-sqlite3-session-store'];

/** How the table names each store. */
export const STORE_LABELS: Record<StoreName, string> = {
  ours: 'ours (SQLiteStore)',
  memory: 'MemoryStore',
  'connect-sqlite3': 'connect-sqlite3 0.9.18',
  'better-sqlite3-session-store': 'better-sqlite3-session-store 0.1.0',
};

export function isStoreName(value: unknown): value is StoreName {
  return (STORE_NAMES as readonly unknown[]).includes(value);
}
