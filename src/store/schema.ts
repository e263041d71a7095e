/**
 * The database model, as Kysely types. Column suffixes say what a column holds:
 *   *_enc   AES-256-GCM blob (src/crypto), associated data = table, column, row id
 *   *_bidx  truncated blind index (HMAC) for exact lookup; *_key a full-length keyed hash (unique)
 * Times are integer milliseconds since the epoch (UTC) in both dialects, so filters and retention
 * compare integers the same way everywhere. docs/STORE.md lists every column and why it is plain.
 */
export interface MetaTable {
  key: string;
  value: string;
}

/** The system keys (blind-index, fingerprint, originals), wrapped by the KEK. */
export interface KeyringTable {
  purpose: string;
  kek_version: number;
  wrapped_key: Buffer;
  updated_at: number;
}

/** One data key per customer (and per staff member), wrapped by the KEK. Deleting it shreds the owner. */
export interface DataKeysTable {
  id: string;
  kek_version: number;
  wrapped_key: Buffer;
  created_at: number;
}

export interface CustomersTable {
  id: string;
  key_id: string;
  name_enc: Buffer | null;
  email_enc: Buffer | null;
  phone_enc: Buffer | null;
  external_id_enc: Buffer | null;
  country_enc: Buffer | null;
  region_enc: Buffer | null;
  email_bidx: Buffer | null;
  phone_bidx: Buffer | null;
  external_id_bidx: Buffer | null;
  created_at: number;
  updated_at: number;
}

export interface StaffTable {
  id: string;
  key_id: string;
  name_enc: Buffer | null;
  email_enc: Buffer | null;
  phone_enc: Buffer | null;
  role: string | null;
  email_bidx: Buffer | null;
  name_bidx: Buffer | null;
  created_at: number;
}

export interface InteractionsTable {
  id: string;
  customer_id: string;
  agent_id: string | null;
  channel: string;
  source: string;
  status: string | null;
  priority: string | null;
  started_at: number | null;
  ended_at: number | null;
  /** Keyed hash of source kind + external id: unique, makes imports idempotent. */
  external_key: Buffer;
  external_id_enc: Buffer;
  subject_enc: Buffer | null;
  tags_enc: Buffer | null;
  turn_count: number;
  /** JSON object, entity type to count, for lists and `--has-finding` (src/store/finding-columns.ts). */
  finding_counts: string;
  created_at: number;
}

export interface CallDetailsTable {
  interaction_id: string;
  duration_seconds: number | null;
  hold_seconds: number | null;
  direction: string | null;
  recording_enc: Buffer | null;
}

export interface ChatDetailsTable {
  interaction_id: string;
  /** JSON {browser, os, ip, location}: the chat widget's client metadata. */
  client_enc: Buffer | null;
}

export interface TurnsTable {
  interaction_id: string;
  seq: number;
  speaker: string;
  at: number | null;
  /** The redacted text. */
  body_enc: Buffer;
  /** keep_original policy only: the text with card numbers and CVVs still redacted, under the originals key. */
  original_enc: Buffer | null;
  /** Email turns: JSON {from, to, cc, subject, message_id, in_reply_to, references}. */
  email_enc: Buffer | null;
  /** Email turns: keyed hash of the Message-ID (unique), for threading and idempotency. */
  message_key: Buffer | null;
  /** Email turns: seq of the message this one replies to, within the same thread. */
  parent_seq: number | null;
  /** The turn's findings, JSON (src/store/finding-columns.ts); null when there are none. */
  findings: string | null;
}

/** What `erase` removed, without any personal value: the customer id and counts. */
export interface ErasuresTable {
  id: string;
  customer_id: string;
  erased_at: number;
  interactions: number;
  turns: number;
  findings: number;
}

export interface Database {
  sealdesk_meta: MetaTable;
  keyring: KeyringTable;
  data_keys: DataKeysTable;
  customers: CustomersTable;
  staff: StaffTable;
  interactions: InteractionsTable;
  call_details: CallDetailsTable;
  chat_details: ChatDetailsTable;
  turns: TurnsTable;
  erasures: ErasuresTable;
}
