/** `sealdesk show ID`: one interaction in full (redacted bodies; personal fields masked unless --reveal). */
import type { Command } from 'commander';
import type { InteractionView } from '../../store/index.js';
import { jsonDocument, jsonLine, printable } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface ShowFlags extends StoreFlags {
  reveal?: boolean;
  originals?: boolean;
  format?: string;
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + printable(l))
    .join('\n');
}

export function renderInteraction(v: InteractionView): string {
  const out: string[] = [];
  out.push(`${v.channel} ${v.id} (external id ${printable(v.externalId)})`);
  if (v.subject) out.push(`subject:   ${printable(v.subject)}`);
  out.push(`started:   ${v.startedAt ?? '-'}${v.endedAt ? `   ended: ${v.endedAt}` : ''}`);
  const c = v.customer;
  out.push(
    `customer:  ${printable(c.name ?? '-')}  ${printable(c.email ?? '')}  ${printable(c.phone ?? '')}  ${c.country ?? ''}  [${c.id}]`.trimEnd(),
  );
  if (v.agent)
    out.push(`agent:     ${printable(v.agent.name ?? '-')}  ${printable(v.agent.email ?? '')}`.trimEnd());
  if (v.status || v.priority) out.push(`status:    ${v.status ?? '-'}   priority: ${v.priority ?? '-'}`);
  if (v.tags.length > 0) out.push(`tags:      ${v.tags.map(printable).join(', ')}`);
  if (v.call) {
    const parts = [
      v.call.durationSeconds !== null ? `duration ${v.call.durationSeconds} s` : null,
      v.call.holdSeconds !== null ? `hold ${v.call.holdSeconds} s` : null,
      v.call.direction,
      v.call.recordingUrl ? `recording ${printable(v.call.recordingUrl)}` : null,
    ].filter((p) => p !== null);
    if (parts.length > 0) out.push(`call:      ${parts.join(', ')}`);
  }
  if (v.chat) {
    const cl = v.chat.client;
    out.push(
      `client:    ${Object.entries(cl)
        .filter(([, x]) => x)
        .map(([k, x]) => `${k} ${printable(String(x))}`)
        .join(', ')}`,
    );
  }
  const counts = Object.entries(v.findings);
  out.push(`findings:  ${counts.length === 0 ? 'none' : counts.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  out.push('');
  for (const t of v.turnList) {
    const head = `[${t.seq}] ${t.speaker}${t.at ? ` ${t.at}` : ''}`;
    out.push(head);
    if (t.email) {
      if (t.email.from) out.push(`    from: ${printable(t.email.from)}`);
      if (t.email.to && t.email.to.length > 0) out.push(`    to: ${t.email.to.map(printable).join(', ')}`);
      if (t.email.cc && t.email.cc.length > 0) out.push(`    cc: ${t.email.cc.map(printable).join(', ')}`);
      if (t.email.subject) out.push(`    subject: ${printable(t.email.subject)}`);
      if (t.parentSeq !== null && t.parentSeq !== undefined) out.push(`    in reply to [${t.parentSeq}]`);
    }
    out.push(indent(t.text, '    '));
    if (t.original !== undefined)
      out.push(
        `    original: ${t.original === null ? '(not kept)' : ''}`,
        ...(t.original ? [indent(t.original, '      ')] : []),
      );
  }
  return `${out.join('\n')}\n`;
}

export function register(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('show')
      .description('show one interaction (by Sealdesk id or external id), redacted')
      .argument('<id>', 'interaction id, or its external id')
      .option('--reveal', 'show personal fields in full')
      .option(
        '--originals',
        'also show the texts kept by --keep-original (card numbers and CVVs stay redacted)',
      )
      .option('--format <format>', 'text, json or jsonl', 'text'),
  ).action(async (id: string, flags: ShowFlags) => {
    const format = outputFormat(ctx, flags.format);
    const view = await withStore(flags, ctx, async (store) => {
      const reader = store.reader({ reveal: flags.reveal === true, originals: flags.originals === true });
      try {
        return await reader.interaction(id);
      } finally {
        reader.close();
      }
    });
    if (format === 'json') ctx.stdout.write(jsonDocument(view));
    else if (format === 'jsonl') ctx.stdout.write(jsonLine(view));
    else ctx.stdout.write(renderInteraction(view));
  });
}
