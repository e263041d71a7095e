/**
 * Public types of the detection engine. This module is a pure leaf: no I/O, no global state.
 * Entity names follow Microsoft Presidio's where one exists (see PRODUCT.md, "Entity types").
 */

export const ENTITY_TYPES = [
  'CREDIT_CARD',
  'CARD_EXPIRY',
  'CARD_CVV',
  'IBAN_CODE',
  'US_BANK_NUMBER',
  'ABA_ROUTING_NUMBER',
  'UK_SORT_CODE',
  'US_SSN',
  'UK_NINO',
  'IE_PPSN',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'DATE_OF_BIRTH',
  'PASSWORD',
  'IP_ADDRESS',
  'POSTAL_ADDRESS',
  'PERSON',
] as const;

export type BuiltinEntityType = (typeof ENTITY_TYPES)[number];
/** Built-in types plus any type a user-defined recognizer emits (upper snake case by convention). */
export type EntityType = BuiltinEntityType | (string & {});

export function isBuiltinEntityType(value: string): value is BuiltinEntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/** One detected span in one text. `start`/`end` are JavaScript string indices, end exclusive. */
export interface Finding {
  type: EntityType;
  start: number;
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** Name of the recognizer that produced it. */
  recognizer: string;
  /** True when the value was spoken as words ("four one one one ..."). */
  spoken?: boolean;
  /**
   * Canonical form of the value (digits only for numbers, lower case for emails), used for keyed
   * fingerprints and the last four digits. Sensitive: never print it, never store it.
   */
  normalized?: string;
}

/** A finding inside a conversation: `turn` indexes the turns passed in. */
export interface TurnFinding extends Finding {
  turn: number;
  /** True when the value continues across turns (a number split over several turns). */
  split?: boolean;
  /**
   * For a part of a split value: the characters of `normalized` (the whole value's digits) that
   * this part holds, `from` inclusive, `to` exclusive. Lets the card mask show the last four
   * digits in the part that holds them, and only there.
   */
  part?: { from: number; to: number };
}

export type Speaker = 'customer' | 'agent' | 'system';

export interface Turn {
  speaker: Speaker;
  text: string;
}

export interface DetectOptions {
  /** Only report these types (default: all types the registry knows). */
  types?: readonly EntityType[];
  /** Findings below this score are dropped (default 0.5). */
  minScore?: number;
  /** Names known to belong to people in this conversation (customer, agent). Found as PERSON. */
  knownNames?: readonly string[];
  /** Regions tried for national phone numbers, in order (default US, GB, IE). */
  phoneRegions?: readonly string[];
}

/** Errors of the engine carry a stable, searchable code. */
export class DetectError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${message} [${code}]`);
    this.name = 'DetectError';
    this.code = code;
  }
}
