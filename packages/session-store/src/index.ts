export { SQLiteStore, StoreClosedError, CorruptSessionError, type Callback } from './store.ts';
export { expiresAt } from './expiry.ts';
export {
  DEFAULTS,
  TABLE_PATTERN,
  jsonSerializer,
  type Serializer,
  type SQLiteStoreOptions,
} from './options.ts';
