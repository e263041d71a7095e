/**
 * Adapters for the npm libraries we compare with, each used as its README documents, locally and
 * without network: @redactpii/node (`new Redactor().redact(text)`), redact-pii (its `SyncRedactor`,
 * the local regex-and-wordlist redactor; never the Google DLP one), openredaction
 * (`await new OpenRedaction().detect(text)`, which reports positions).
 *
 * `run` is the timed library call; `spans` turns its output into labelled ranges afterwards (for
 * the two that only return redacted text, by aligning the placeholders back into the input) and is
 * not timed. Their labels are mapped to our entity types where one corresponds; the others keep
 * their own name (they count for leak and over-redaction, not for any type's precision).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { alignRedacted, changedRegion, type Redaction } from './align.js';

export interface PeerAdapter {
  readonly name: string;
  readonly version: string;
  /** How it was called, for the report. */
  readonly how: string;
  /** Our types it can emit (precision is scored on these). */
  readonly types: readonly string[];
  init(): Promise<void>;
  run(text: string): unknown;
  spans(text: string, output: unknown): Redaction[];
  /** Mapped label: one of our types, or the library's own name. */
  mapLabel(label: string): string;
  /** Turns whose output could not be aligned (reported, and scored as one unlabelled range). */
  unaligned: number;
}

const require = createRequire(import.meta.url);

/** The installed version, read from the package's own package.json (found upwards from its entry point). */
function versionOf(pkg: string): string {
  try {
    let dir = dirname(require.resolve(pkg));
    for (let i = 0; i < 6; i++) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg && json.version) return json.version;
      }
      dir = dirname(dir);
    }
  } catch {
    // Not resolvable: the report says "?".
  }
  return '?';
}

function aligned(adapter: PeerAdapter, text: string, redacted: string, tokens: RegExp): Redaction[] {
  const spans = alignRedacted(text, redacted, tokens);
  if (spans) return spans;
  adapter.unaligned++;
  return changedRegion(text, redacted);
}

interface RedactorLike {
  redact(text: string): string;
}

const REDACTPII_MAP: Record<string, string> = {
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PERSON_NAME: 'PERSON',
  PHONE_NUMBER: 'PHONE_NUMBER',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
};

export function redactpiiNode(): PeerAdapter {
  let redactor: RedactorLike | undefined;
  const tokens =
    /US_SOCIAL_SECURITY_NUMBER|CREDIT_CARD_NUMBER|EMAIL_ADDRESS|PERSON_NAME|PHONE_NUMBER|DIGITS/g;
  const adapter: PeerAdapter = {
    name: '@redactpii/node',
    version: versionOf('@redactpii/node'),
    how: 'new Redactor().redact(text), default rules',
    types: Object.values(REDACTPII_MAP),
    unaligned: 0,
    async init() {
      const mod = (await import('@redactpii/node')) as { Redactor: new () => RedactorLike };
      redactor = new mod.Redactor();
    },
    run: (text) => redactor!.redact(text),
    spans: (text, output) => aligned(adapter, text, output as string, tokens),
    mapLabel: (label) => REDACTPII_MAP[label] ?? label,
  };
  return adapter;
}

const REDACT_PII_MAP: Record<string, string> = {
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  STREET_ADDRESS: 'POSTAL_ADDRESS',
  ZIPCODE: 'POSTAL_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  IP_ADDRESS: 'IP_ADDRESS',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PASSWORD: 'PASSWORD',
  CREDENTIALS: 'PASSWORD',
  PERSON_NAME: 'PERSON',
};

export function redactPii(): PeerAdapter {
  let redactor: RedactorLike | undefined;
  const tokens =
    /US_SOCIAL_SECURITY_NUMBER|CREDIT_CARD_NUMBER|STREET_ADDRESS|EMAIL_ADDRESS|PHONE_NUMBER|PERSON_NAME|IP_ADDRESS|CREDENTIALS|USERNAME|PASSWORD|ZIPCODE|DIGITS|URL/g;
  const adapter: PeerAdapter = {
    name: 'redact-pii',
    version: versionOf('redact-pii'),
    how: 'new SyncRedactor().redact(text), built-in patterns and name list (no Google DLP)',
    types: [...new Set(Object.values(REDACT_PII_MAP))],
    unaligned: 0,
    async init() {
      const mod = (await import('redact-pii')) as unknown as { SyncRedactor: new () => RedactorLike };
      redactor = new mod.SyncRedactor();
    },
    run: (text) => redactor!.redact(text),
    spans: (text, output) => aligned(adapter, text, output as string, tokens),
    mapLabel: (label) => REDACT_PII_MAP[label] ?? label,
  };
  return adapter;
}

const OPENREDACTION_MAP: Record<string, string> = {
  EMAIL: 'EMAIL_ADDRESS',
  CREDIT_CARD: 'CREDIT_CARD',
  CARD_EXPIRY: 'CARD_EXPIRY',
  CVV: 'CARD_CVV',
  CVV_CODE: 'CARD_CVV',
  IBAN: 'IBAN_CODE',
  UK_BANK_ACCOUNT_IBAN: 'IBAN_CODE',
  BANK_ACCOUNT_UK: 'US_BANK_NUMBER',
  SORT_CODE_UK: 'UK_SORT_CODE',
  UK_SORT_CODE_ACCOUNT: 'UK_SORT_CODE',
  ROUTING_NUMBER_US: 'ABA_ROUTING_NUMBER',
  SSN: 'US_SSN',
  NATIONAL_INSURANCE_UK: 'UK_NINO',
  PHONE_UK_MOBILE: 'PHONE_NUMBER',
  PHONE_UK: 'PHONE_NUMBER',
  PHONE_US: 'PHONE_NUMBER',
  PHONE_INTERNATIONAL: 'PHONE_NUMBER',
  PHONE_LINE_NUMBER: 'PHONE_NUMBER',
  DATE_OF_BIRTH: 'DATE_OF_BIRTH',
  GENERIC_SECRET: 'PASSWORD',
  IPV4: 'IP_ADDRESS',
  IPV6: 'IP_ADDRESS',
  ADDRESS_STREET: 'POSTAL_ADDRESS',
  ADDRESS_PO_BOX: 'POSTAL_ADDRESS',
  POSTCODE_UK: 'POSTAL_ADDRESS',
  ZIP_CODE_US: 'POSTAL_ADDRESS',
  NAME: 'PERSON',
};

interface OpenRedactionLike {
  detect(text: string): Promise<{ detections: Array<{ type: string; position: [number, number] }> }>;
}

export function openRedaction(): PeerAdapter {
  let detector: OpenRedactionLike | undefined;
  return {
    name: 'openredaction',
    version: versionOf('openredaction'),
    how: 'await new OpenRedaction().detect(text), defaults (cache off)',
    types: [...new Set(Object.values(OPENREDACTION_MAP))],
    unaligned: 0,
    async init() {
      const mod = (await import('openredaction')) as unknown as {
        OpenRedaction: new (o?: object) => OpenRedactionLike;
      };
      detector = new mod.OpenRedaction({ enableCache: false });
    },
    run: (text) => detector!.detect(text),
    spans: (_text, output) =>
      (output as Awaited<ReturnType<OpenRedactionLike['detect']>>).detections.map((d) => ({
        start: d.position[0],
        end: d.position[1],
        label: d.type,
      })),
    mapLabel: (label) => OPENREDACTION_MAP[label] ?? label,
  };
}

export function allPeers(): PeerAdapter[] {
  return [redactpiiNode(), redactPii(), openRedaction()];
}
