/**
 * The labelled corpus: interactions in the PRODUCT.md "Interaction JSON Lines" shape, each with its
 * ground truth. Label offsets follow the engine's convention: JavaScript string indices into the
 * turn's original `text`, end exclusive, covering the whole value (for a spoken value: the words,
 * from the first to the last, fillers between them included).
 */
import type { BuiltinEntityType } from '../../src/detect/types.js';

/** How a value appears: typed (digits, symbols), spoken as words, or one part of a value split across turns. */
export type Form = 'typed' | 'spoken' | 'split';

export interface Label {
  turn: number;
  start: number;
  end: number;
  type: BuiltinEntityType;
  form: Form;
  /** Parts of one value split across turns share a group number (unique within the record). */
  group?: number;
  /** Finer variety of the value, for the breakdowns ("amex", "readback", "uk-account", "eircode"...). */
  variant?: string;
}

/** Text that looks sensitive but is not; any finding touching it is a false positive. */
export type NegativeKind =
  | 'order-number'
  | 'tracking-number'
  | 'invoice-number'
  | 'price'
  | 'time'
  | 'date'
  | 'version'
  | 'sku'
  | 'quantity'
  | 'product-code'
  | 'count'
  | 'last-four'
  | 'year';

export interface NegativeSpan {
  turn: number;
  start: number;
  end: number;
  kind: NegativeKind;
}

export type Channel = 'call' | 'chat' | 'email';
export type Speaker = 'customer' | 'agent' | 'system';

export interface CorpusTurn {
  speaker: Speaker;
  at?: string;
  text: string;
  from?: string;
  to?: string[];
  subject?: string;
  message_id?: string;
  in_reply_to?: string;
}

export interface CorpusPerson {
  name: string;
  email: string;
  phone?: string | null;
  country?: string;
  region?: string | null;
}

/** One interaction of the PRODUCT.md contract. */
export interface CorpusInteraction {
  id: string;
  channel: Channel;
  started_at: string;
  ended_at: string;
  hold_seconds?: number;
  recording_url?: string;
  subject?: string;
  customer: CorpusPerson;
  agent: { name: string; email: string };
  client?: { browser: string; os: string; ip: string };
  turns: CorpusTurn[];
}

export interface LabelledRecord {
  interaction: CorpusInteraction;
  labels: Label[];
  negatives: NegativeSpan[];
}

/** One line of a `--labels` file. */
export interface LabelLine {
  id: string;
  labels: Label[];
  negatives: NegativeSpan[];
}
