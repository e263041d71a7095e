/** The encrypted interaction store: one typed interface over SQLite and PostgreSQL. See docs/STORE.md. */
export {
  type Connection,
  connect,
  type DialectName,
  SQLITE_FILE,
  type StoreLocation,
  sqlitePath,
} from './connect.js';
export { isStoreError, StoreError, type StoreErrorCode, safeUrl } from './errors.js';
export { IdentityResolver, type Owner } from './identity.js';
export { isId, newId } from './ids.js';
export { type KeyStatus, keyStatus, type RotateOptions, type RotateReport, rotateKeys } from './keys.js';
export {
  applyRetention,
  type EraseReport,
  eraseCustomer,
  type RetentionReport,
  type RetentionRule,
  rowCounts,
  scrubFiles,
} from './maintenance.js';
export { maskEmail, maskName, maskPhone } from './mask.js';
export { assertSchemaCurrent, migrateToLatest, type SchemaState, schemaState } from './migrate.js';
export { LATEST_MIGRATION } from './migrations/index.js';
export { emailKey, externalIdKey, phoneKey } from './normalize.js';
export {
  DEFAULT_LIST_LIMIT,
  type ReadAction,
  type ReadEvent,
  Reader,
  type ReaderOptions,
  type ReadHook,
} from './reader.js';
export type * from './records.js';
export type { Database } from './schema.js';
export { type InitOptions, type InitResult, Store, type StoreOptions, type StoreSettings } from './store.js';
export type { WriteTx } from './tx.js';
export type * from './views.js';
export { Writer } from './writer.js';
