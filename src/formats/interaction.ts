/**
 * The Interaction record of the PRODUCT.md contract ("Interaction JSON Lines"), with its schema.
 * Only `id`, `channel` and `turns` are required (enough to scan); the importer checks the
 * customer identity itself. Unknown fields are kept (a redacted copy must keep every field).
 * Validation errors name the field path and what was expected, never the value found.
 */
import { z } from 'zod';

const SPEAKERS = ['customer', 'agent', 'system'] as const;
const CHANNELS = ['call', 'chat', 'email'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Speaker = (typeof SPEAKERS)[number];

const optText = z.string().nullish();
/** A timestamp: ISO 8601 (what every export tool writes); checked by Date so offsets and fractions pass. */
const timestamp = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO 8601 date-time',
  })
  .nullish();
const addressList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (v == null ? undefined : typeof v === 'string' ? [v] : v))
  .optional();

export const turnSchema = z.looseObject({
  speaker: z.enum(SPEAKERS),
  at: timestamp,
  text: z.string(),
  from: optText,
  to: addressList,
  cc: addressList,
  subject: optText,
  message_id: optText,
  in_reply_to: optText,
  references: addressList,
});

const personSchema = z.looseObject({
  name: optText,
  email: optText,
  phone: optText,
});

export const interactionSchema = z.looseObject({
  id: z.union([z.string().min(1).max(512), z.number().int()]).transform((v) => String(v)),
  channel: z.enum(CHANNELS),
  started_at: timestamp,
  ended_at: timestamp,
  hold_seconds: z.number().nonnegative().nullish(),
  recording_url: optText,
  subject: optText,
  customer: personSchema
    .extend({ country: optText, region: optText, external_id: z.union([z.string(), z.number()]).nullish() })
    .nullish(),
  agent: personSchema.nullish(),
  /** Chat client metadata. */
  client: z.looseObject({ browser: optText, os: optText, ip: optText, location: optText }).nullish(),
  turns: z.array(turnSchema),
});

export type InteractionTurn = z.output<typeof turnSchema>;
export type Interaction = z.output<typeof interactionSchema>;
/** What a writer accepts: the input shape (addresses may still be single strings). */
export type InteractionInput = z.input<typeof interactionSchema>;

export interface SchemaIssue {
  /** `turns[2].speaker`, or `(record)` for the top level. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; value: Interaction } | { ok: false; issues: SchemaIssue[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(record)' : out;
}

function listWords(values: readonly unknown[]): string {
  const words = values.map((v) => String(v));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Our own wording of zod issues: zod's may quote the input in some cases, ours never do. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${listWords(issue.values)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? 'must not be empty'
        : `expected ${issue.origin} >= ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `longer than ${String(issue.maximum)} characters`
        : `expected ${issue.origin} <= ${String(issue.maximum)}`;
    case 'invalid_union':
      return 'has an unexpected type';
    case 'invalid_format':
      return `expected ${issue.format}`;
    case 'custom':
      return issue.message;
    default:
      return 'invalid';
  }
}

export function toIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: describeIssue(i) }));
}

/** Validates a parsed JSON value as an Interaction. */
export function validateInteraction(value: unknown): ValidationResult {
  const r = interactionSchema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: toIssues(r.error) };
}

/** One line of text for a list of issues: `turns[2].speaker: expected customer, agent or system`. */
export function issuesToText(issues: readonly SchemaIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > 3) shown.push(`and ${issues.length - 3} more`);
  return shown.join('; ');
}

/** Names of the people in an interaction, for `knownNames` of the detector. */
export function knownNames(i: Interaction): string[] {
  const names: string[] = [];
  if (i.customer?.name) names.push(i.customer.name);
  if (i.agent?.name) names.push(i.agent.name);
  return names;
}
