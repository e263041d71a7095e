/**
 * From a read record and its analysis to what the store writes: redacted turns, findings, and
 * the personal metadata (encrypted by the store as it is). Also the import rule that a record
 * must name its customer (an email, a phone or an external id).
 */
import { type Interaction, knownNames } from '../formats/index.js';
import {
  type CustomerInput,
  type EmailMessageInput,
  emailKey,
  externalIdKey,
  type FindingInput,
  type InteractionInput,
  phoneKey,
  type Source,
  type TurnInput,
} from '../store/index.js';
import type { AnalyzeJob, AnalyzeResult } from './analyze.js';
import { messageSignature } from './sources.js';

export function parseTime(s: string | null | undefined): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function customerOf(r: Interaction): CustomerInput {
  const c = r.customer;
  return {
    name: c?.name ?? null,
    email: c?.email ?? null,
    phone: c?.phone ?? null,
    country: c?.country ?? null,
    region: c?.region ?? null,
    externalId: c?.external_id === null || c?.external_id === undefined ? null : String(c.external_id),
  };
}

/** Why a record cannot be imported for want of a customer identity; null when it has one. */
export function identityProblem(r: Interaction): string | null {
  const c = customerOf(r);
  if (externalIdKey(c.externalId) || emailKey(c.email) || phoneKey(c.phone, c.country)) return null;
  if (c.phone) {
    return 'customer.phone is not a possible phone number (add the country code) and there is no customer.email or customer.external_id';
  }
  return 'no customer identity: the record needs customer.email, customer.phone or customer.external_id';
}

function tagsOf(raw: Record<string, unknown> | undefined): string[] {
  const t = raw?.['tags'];
  if (Array.isArray(t))
    return t
      .map(str)
      .filter((x): x is string => x !== null)
      .slice(0, 100);
  const s = str(t);
  return s ? [s] : [];
}

/** The analysis job of a record: its turns, the names to look for, and metadata to clear of card data. */
export function jobOf(
  r: Interaction,
  raw: Record<string, unknown> | undefined,
  keepOriginal: boolean,
): AnalyzeJob {
  return {
    turns: r.turns.map((t) => ({ speaker: t.speaker, text: t.text })),
    knownNames: knownNames(r),
    meta: [r.subject ?? '', ...r.turns.map((t) => t.subject ?? ''), ...tagsOf(raw)],
    keepOriginal,
  };
}

function turnsOf(r: Interaction, res: AnalyzeResult): TurnInput[] {
  const metaSubjects = res.meta.slice(1, 1 + r.turns.length);
  return r.turns.map((t, i): TurnInput => {
    const hasEmail =
      t.from ||
      t.to ||
      t.cc ||
      t.subject ||
      t.message_id ||
      t.in_reply_to ||
      (t.references && t.references.length > 0);
    const turn: TurnInput = { speaker: t.speaker, at: parseTime(t.at), text: res.texts[i] ?? '' };
    if (res.originals) turn.original = res.originals[i] ?? null;
    if (hasEmail) {
      turn.email = {
        from: t.from ?? null,
        to: t.to ?? [],
        cc: t.cc ?? [],
        subject: t.subject ? (metaSubjects[i] ?? null) : null,
        message_id: t.message_id ?? null,
        in_reply_to: t.in_reply_to ?? null,
        references: t.references ?? [],
      };
    }
    return turn;
  });
}

function findingsOf(res: AnalyzeResult): FindingInput[] {
  return res.items.map((i) => {
    const f: FindingInput = {
      turn: i.turn ?? 0,
      type: i.type,
      start: i.start,
      end: i.end,
      redactedStart: i.redactedStart,
      redactedEnd: i.redactedEnd,
      operator: i.operator,
      score: i.score,
    };
    if (i.fingerprint) f.fingerprint = i.fingerprint;
    if (i.last4) f.last4 = i.last4;
    if (i.split) f.split = true;
    return f;
  });
}

export function interactionInput(
  r: Interaction,
  raw: Record<string, unknown> | undefined,
  res: AnalyzeResult,
  source: Source,
): InteractionInput {
  const tags = res.meta.slice(1 + r.turns.length);
  const call =
    raw?.['call'] && typeof raw['call'] === 'object' ? (raw['call'] as Record<string, unknown>) : undefined;
  const direction = str(raw?.['direction'] ?? call?.['direction']);
  const duration = raw?.['duration_seconds'] ?? call?.['duration_seconds'];
  return {
    source,
    externalId: r.id,
    channel: r.channel,
    startedAt: parseTime(r.started_at),
    endedAt: parseTime(r.ended_at),
    status: str(raw?.['status']),
    priority: str(raw?.['priority']),
    tags,
    subject: r.subject ? (res.meta[0] ?? null) : null,
    customer: customerOf(r),
    agent: r.agent
      ? { name: r.agent.name ?? null, email: r.agent.email ?? null, phone: r.agent.phone ?? null }
      : null,
    call: {
      holdSeconds: r.hold_seconds ?? null,
      recordingUrl: r.recording_url ?? null,
      direction: direction === 'inbound' || direction === 'outbound' ? direction : null,
      durationSeconds: typeof duration === 'number' && duration >= 0 ? Math.round(duration) : null,
    },
    chat: r.client ? { client: { ...r.client } as Record<string, string | null | undefined> } : null,
    turns: turnsOf(r, res),
    findings: findingsOf(res),
  };
}

/** One email message (one turn) with what the store needs to thread it. */
export function messageInput(r: Interaction, res: AnalyzeResult): EmailMessageInput {
  const base = interactionInput(r, undefined, res, 'email');
  const t = r.turns[0];
  const own = messageKeyOf(r);
  const refs = t?.references ?? [];
  const parents = [...new Set([t?.in_reply_to ?? '', ...[...refs].reverse()])].filter(
    (p) => p !== '' && p !== own,
  );
  const root = refs[0] ?? t?.in_reply_to ?? own;
  const { externalId: _e, channel: _c, source: _s, ...rest } = base;
  return { ...rest, messageKey: own, parents, root };
}

/** A message's identity: its Message-ID, else a signature of its content (see messageSignature). */
export function messageKeyOf(r: Interaction): string {
  return r.turns[0]?.message_id?.trim() || messageSignature(r);
}
