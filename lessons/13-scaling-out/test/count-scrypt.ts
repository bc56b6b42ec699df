import { createHook } from 'node:async_hooks';

// #region count-scrypt
/**
 * Runs `work` and returns how many scrypt hashes Node computed meanwhile.
 * Each crypto.scrypt call starts one job on libuv's thread pool, and
 * async_hooks sees every job start, under the type name SCRYPTREQUEST. The
 * test counts work done instead of timing it, so a busy machine cannot
 * change the answer.
 */
export async function countScrypt(work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const hook = createHook({
    init(_asyncId, type) {
      if (type === 'SCRYPTREQUEST') count++;
    },
  }).enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  return count;
}
// #endregion count-scrypt
