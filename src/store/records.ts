/**
 * What the writer stores: interactions whose turns are already redacted (src/ingest does detect ->
 * redact; the writer encrypts and stores). Nothing here holds a full card number or a CVV: the
 * pipeline removes them before a record reaches the store.
 */
export type Channel = 'call' | 'chat' | 'email';
export type Speaker = 'customer' | 'agent' | 'system';
export type Source = 'jsonl' | 'csv' | 'email' | 'api';

export interface PersonInput {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface CustomerInput extends PersonInput {
  country?: string | null;
  region?: string | null;
  externalId?: string | null;
}

export interface StaffInput extends PersonInput {
  role?: string | null;
}

export interface EmailHeaders {
  from?: string | null;
  to?: string[];
  cc?: string[];
  subject?: string | null;
  message_id?: string | null;
  in_reply_to?: string | null;
  references?: string[];
}

export interface TurnInput {
  speaker: Speaker;
  at: number | null;
  /** Redacted text. */
  text: string;
  /** keep_original policy: the text with only card numbers and CVVs redacted. */
  original?: string | null;
  email?: EmailHeaders | null;
}

export interface FindingInput {
  turn: number;
  type: string;
  start: number;
  end: number;
  redactedStart: number;
  redactedEnd: number;
  operator: string;
  score: number;
  /** Hex HMAC from src/detect (stored as its first 16 bytes). */
  fingerprint?: string;
  last4?: string;
  split?: boolean;
}

export interface InteractionInput {
  source: Source;
  externalId: string;
  channel: Channel;
  startedAt: number | null;
  endedAt: number | null;
  status?: string | null;
  priority?: string | null;
  tags?: string[] | null;
  /** Subject with card data redacted. */
  subject?: string | null;
  customer: CustomerInput;
  agent?: StaffInput | null;
  call?: {
    durationSeconds?: number | null;
    holdSeconds?: number | null;
    direction?: string | null;
    recordingUrl?: string | null;
  } | null;
  chat?: { client?: Record<string, string | null | undefined> | null } | null;
  turns: TurnInput[];
  findings: FindingInput[];
}

/**
 * One email message, threaded by the writer: appended to the interaction that holds a message it
 * replies to or references, or to the thread named by its root, or a new interaction.
 */
export interface EmailMessageInput extends Omit<InteractionInput, 'externalId' | 'channel' | 'source'> {
  /** Message-ID without angle brackets, or a stable content signature when the message has none. */
  messageKey: string;
  /** In-Reply-To first, then References (nearest parent first). */
  parents: string[];
  /** The thread's root Message-ID (References[0], else In-Reply-To, else its own). */
  root: string;
}

export type WriteItem =
  | { kind: 'interaction'; ref: number; value: InteractionInput }
  | { kind: 'message'; ref: number; value: EmailMessageInput };

export type WriteOutcome =
  | { ref: number; status: 'imported'; interactionId: string; customerId: string }
  | { ref: number; status: 'appended'; interactionId: string; customerId: string }
  | { ref: number; status: 'skipped'; reason: string };

/** What `Writer.stored` checks: an interaction's external id or an email's message key. */
export interface StoredKey {
  ref: number;
  externalId?: string;
  messageKey?: string;
}
