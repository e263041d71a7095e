/**
 * Email: `.eml` files (one message) and `.mbox` files (mboxrd: messages separated by lines
 * starting with "From ", body lines ">From " unescaped), parsed with postal-mime. Each message
 * becomes an Interaction of channel `email` with one turn: the text body (an HTML-only body is
 * converted to text). Attachments are neither scanned nor kept. `threadMessages` groups
 * messages into threads by Message-ID, In-Reply-To and References.
 *
 * An mbox is read one message at a time; a message over `maxMessageBytes` (32 MiB) is reported
 * and skipped, so memory stays bounded whatever the size of the mailbox.
 */
import { readFile, stat } from 'node:fs/promises';
import PostalMime, { type Address, type Email } from 'postal-mime';
import { BINARY_MESSAGE, looksBinary } from './binary.js';
import { describeIoError, FormatError } from './errors.js';
import { htmlToText } from './html.js';
import { type Interaction, type InteractionTurn, validateInteraction } from './interaction.js';
import { splitLines } from './lines.js';
import { fileChunks } from './source.js';

export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export interface EmailMessage {
  /** 1-based position of the message in its file. */
  index: number;
  /** Line where the message starts (the "From " line in an mbox; 1 for an .eml). */
  line: number;
  record: Interaction;
  /** The message's header block as found in the file (for redacted copies). */
  headerBlock: string;
  /** The mbox separator line ("From sender date"), without its line ending. */
  separator?: string;
}

export type EmailItem =
  | ({ error?: undefined } & EmailMessage)
  | { index: number; line: number; error: FormatError; record?: undefined };

export interface EmailOptions {
  file?: string;
  /** Decides whether an address belongs to the company's staff (default: none does, so the sender is the customer). */
  isAgent?: (address: string) => boolean;
  maxMessageBytes?: number;
  onBytes?: (n: number) => void;
}

function mailboxes(list: Address | Address[] | undefined): { name: string; address: string }[] {
  if (!list) return [];
  const out: { name: string; address: string }[] = [];
  for (const a of Array.isArray(list) ? list : [list]) {
    if (a.group) out.push(...a.group);
    else if (a.address !== undefined) out.push({ name: a.name, address: a.address });
  }
  return out;
}

function formatMailbox(m: { name: string; address: string }): string {
  return m.name ? `${m.name} <${m.address}>` : m.address;
}

function stripAngles(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}

/** Message-IDs in a References / In-Reply-To header, without angle brackets. */
export function parseMessageIds(value: string | undefined | null): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const m of value.matchAll(/<([^<>\s]{1,998})>/g)) ids.push(m[1]!);
  if (ids.length === 0) for (const t of value.split(/\s+/)) if (t) ids.push(t);
  return ids;
}

/** The header block of a raw message: everything before the first empty line. */
export function headerBlockOf(raw: Buffer): string {
  let end = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (end === -1 || (lf !== -1 && lf < end)) end = lf;
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** Converts a parsed email into an Interaction (channel `email`, one turn). */
export function emailToInteraction(
  email: Email,
  fallbackId: string,
  options: { isAgent?: (address: string) => boolean } = {},
): { ok: true; value: Interaction } | { ok: false; message: string } {
  const from = mailboxes(email.from)[0];
  const to = mailboxes(email.to);
  const cc = mailboxes(email.cc);
  const fromAgent = from !== undefined && options.isAgent?.(from.address) === true;
  const customerBox = fromAgent ? to[0] : from;
  const agentBox = fromAgent ? from : to.find((m) => options.isAgent?.(m.address));
  const date =
    email.date && !Number.isNaN(Date.parse(email.date)) && /^\d{4}-/.test(email.date)
      ? email.date
      : undefined;
  const text = email.text ?? (email.html ? htmlToText(email.html) : '');
  const messageId = stripAngles(email.messageId);
  const inReplyTo = parseMessageIds(email.inReplyTo)[0];
  const turn: Record<string, unknown> = {
    speaker: fromAgent ? 'agent' : 'customer',
    at: date,
    text: text.replace(/\r\n/g, '\n').trimEnd(),
    from: from ? formatMailbox(from) : undefined,
    to: to.map(formatMailbox),
    cc: cc.length > 0 ? cc.map(formatMailbox) : undefined,
    subject: email.subject,
    message_id: messageId,
    in_reply_to: inReplyTo,
    references: email.references ? parseMessageIds(email.references) : undefined,
  };
  for (const k of Object.keys(turn)) if (turn[k] === undefined) delete turn[k];
  const candidate: Record<string, unknown> = {
    id: messageId ?? fallbackId,
    channel: 'email',
    started_at: date,
    ended_at: date,
    subject: email.subject,
    customer: customerBox ? { name: customerBox.name || null, email: customerBox.address } : undefined,
    agent: agentBox ? { name: agentBox.name || null, email: agentBox.address } : undefined,
    turns: [turn],
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  const v = validateInteraction(candidate);
  if (v.ok) return v;
  return { ok: false, message: `cannot read the message (${v.issues[0]?.path ?? 'record'})` };
}

async function parseMessage(
  raw: Buffer,
  file: string,
  index: number,
  line: number,
  options: EmailOptions,
  separator?: string,
): Promise<EmailItem> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch {
    return { index, line, error: new FormatError('E_EMAIL', file, line, `message ${index}: malformed MIME`) };
  }
  const conv = emailToInteraction(email, `message ${index}`, options);
  if (!conv.ok)
    return {
      index,
      line,
      error: new FormatError('E_EMAIL', file, line, `message ${index}: ${conv.message}`),
    };
  const item: EmailMessage = { index, line, record: conv.value, headerBlock: headerBlockOf(raw) };
  if (separator !== undefined) item.separator = separator;
  return item;
}

/** Reads one `.eml` file. */
export async function readEmlFile(path: string, options: EmailOptions = {}): Promise<EmailItem> {
  const file = options.file ?? path;
  const max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  let raw: Buffer;
  try {
    const st = await stat(path);
    if (st.size > max) {
      return {
        index: 1,
        line: 1,
        error: new FormatError(
          'E_RECORD_TOO_LARGE',
          file,
          undefined,
          `message larger than ${max} bytes; skipped`,
        ),
      };
    }
    raw = await readFile(path);
  } catch (e) {
    throw new FormatError('E_READ', file, undefined, describeIoError(e));
  }
  options.onBytes?.(raw.length);
  if (looksBinary(raw)) throw new FormatError('E_BINARY', file, undefined, BINARY_MESSAGE);
  return parseMessage(raw, file, 1, 1, options);
}

const FROM_ = Buffer.from('From ');

/** Drops the blank line an mbox writer puts between a message and the next "From " line. */
function trimSeparatorBlank(b: Buffer): Buffer {
  if (b.length >= 2 && b[b.length - 1] === 0x0a && b[b.length - 2] === 0x0a)
    return b.subarray(0, b.length - 1);
  if (b.length >= 3 && b[b.length - 1] === 0x0a && b[b.length - 2] === 0x0d && b[b.length - 3] === 0x0a) {
    return b.subarray(0, b.length - 2);
  }
  return b;
}

function isSeparator(b: Buffer): boolean {
  return b.length >= 5 && b.subarray(0, 5).equals(FROM_);
}

/** mboxrd: a body line of one or more '>' followed by "From " lost one '>' when it was written. */
function unescapeFromLine(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length && b[i] === 0x3e) i++;
  if (i > 0 && b.length - i >= 5 && b.subarray(i, i + 5).equals(FROM_)) return b.subarray(1);
  return b;
}

/** Escapes a body line for an mboxrd file (the inverse of the unescape above). */
export function escapeMboxLine(line: string): string {
  return /^>*From /.test(line) ? `>${line}` : line;
}

export async function* readMbox(
  source: AsyncIterable<Uint8Array | string>,
  options: EmailOptions = {},
): AsyncGenerator<EmailItem> {
  const file = options.file ?? '<input>';
  const max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let index = 0;
  let startLine = 0;
  let separator: string | undefined;
  let preamble = false;

  async function finish(): Promise<EmailItem | undefined> {
    if (index === 0) return undefined;
    const item: EmailItem = tooLarge
      ? {
          index,
          line: startLine,
          error: new FormatError(
            'E_RECORD_TOO_LARGE',
            file,
            startLine,
            `message ${index} larger than ${max} bytes; skipped`,
          ),
        }
      : await parseMessage(
          trimSeparatorBlank(Buffer.concat(parts, size)),
          file,
          index,
          startLine,
          options,
          separator,
        );
    parts = [];
    size = 0;
    tooLarge = false;
    return item;
  }

  for await (const raw of splitLines(source, {
    file,
    overlong: 'split',
    maxLineBytes: 1024 * 1024,
    onBytes: options.onBytes,
  })) {
    if (raw.part === 0 && isSeparator(raw.bytes)) {
      const done = await finish();
      if (done) yield done;
      index++;
      startLine = raw.line;
      separator = raw.bytes.toString('utf8');
      continue;
    }
    if (index === 0) {
      if (!preamble && raw.bytes.toString('utf8').trim() !== '') {
        preamble = true;
        yield {
          index: 0,
          line: raw.line,
          error: new FormatError(
            'E_EMAIL',
            file,
            raw.line,
            'text before the first "From " line; skipped (not an mbox?)',
          ),
        };
      }
      continue;
    }
    if (tooLarge) continue;
    const body = raw.part === 0 ? unescapeFromLine(raw.bytes) : raw.bytes;
    size += body.length + raw.eol.length;
    if (size > max) {
      tooLarge = true;
      parts = [];
      continue;
    }
    parts.push(Buffer.from(body));
    if (raw.eol) parts.push(Buffer.from(raw.eol));
  }
  const done = await finish();
  if (done) yield done;
}

export async function* readMboxFile(path: string, options: EmailOptions = {}): AsyncGenerator<EmailItem> {
  const file = options.file ?? path;
  yield* readMbox(fileChunks(path, file), { ...options, file });
}

// ---------------------------------------------------------------------------------------------
// Threads

export interface EmailThread {
  /** Message-ID of the earliest message of the thread (or its record id). */
  id: string;
  /** Messages in date order (undated ones last, in input order). */
  messages: Interaction[];
}

function messageIdOf(i: Interaction): string | undefined {
  return i.turns[0]?.message_id ?? undefined;
}

/**
 * Groups email interactions into threads: messages are linked when one's Message-ID appears in
 * another's In-Reply-To or References (so a thread holds even if a middle message is missing,
 * as long as later messages carry the full References chain).
 */
export function threadMessages(messages: readonly Interaction[]): EmailThread[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const keys = messages.map((m, i) => `id:${messageIdOf(m) ?? `#${i}`}`);
  messages.forEach((m, i) => {
    const key = keys[i]!;
    add(key);
    const t = m.turns[0];
    for (const ref of [...(t?.references ?? []), ...(t?.in_reply_to ? [t.in_reply_to] : [])]) {
      union(key, `id:${stripAngles(ref)}`);
    }
  });
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const r = find(k);
    const list = groups.get(r) ?? [];
    list.push(i);
    groups.set(r, list);
  });
  const time = (m: Interaction) => {
    const t = m.started_at ?? m.turns[0]?.at;
    return t ? Date.parse(t) : Number.POSITIVE_INFINITY;
  };
  const threads: EmailThread[] = [];
  for (const idx of groups.values()) {
    const sorted = [...idx].sort((a, b) => time(messages[a]!) - time(messages[b]!) || a - b);
    const msgs = sorted.map((i) => messages[i]!);
    threads.push({ id: messageIdOf(msgs[0]!) ?? msgs[0]!.id, messages: msgs });
  }
  // Map order is the order in which each group's first message appears in the input.
  return threads;
}

/** One Interaction for a whole thread: every message as a turn, customer and agent from the first that names them. */
export function mergeThread(thread: EmailThread): Interaction {
  const first = thread.messages[0]!;
  const last = thread.messages[thread.messages.length - 1]!;
  const turns: InteractionTurn[] = thread.messages.flatMap((m) => m.turns);
  return {
    ...first,
    id: thread.id,
    subject: (first.subject ?? '').replace(/^(?:\s{0,4}(?:re|fwd?|aw|sv)\s{0,2}:)+\s*/i, '') || first.subject,
    started_at: first.started_at,
    ended_at: last.ended_at ?? last.started_at,
    customer: thread.messages.find((m) => m.customer)?.customer,
    agent: thread.messages.find((m) => m.agent)?.agent,
    turns,
  };
}
