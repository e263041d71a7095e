/**
 * `sealdesk keys rotate [--retire]`: a new KEK version, every data key and system key rewrapped
 * (no data re-encrypted); run again after an interruption to finish. `sealdesk keys status`: the
 * provider, its current version, and how many keys each version wraps.
 */
import type { Command } from 'commander';
import { keyStatus, rotateKeys } from '../../store/index.js';
import { CliError } from '../errors.js';
import { jsonDocument, plural } from '../format.js';
import type { CliContext } from '../main.js';
import { addStoreOptions, outputFormat, type StoreFlags, withStore } from '../store-context.js';

interface RotateFlags extends StoreFlags {
  retire?: boolean;
  batch?: string;
  format?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('key-encryption key rotation and status');
  addStoreOptions(
    keys
      .command('rotate')
      .description('create a new KEK version and rewrap every key under it (resumes an interrupted rotation)')
      .option(
        '--retire',
        'afterwards destroy the older KEK versions (key file only; old backups become unreadable)',
      )
      .option('--batch <n>', 'keys per transaction (default 500)')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: RotateFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    let batch: number | undefined;
    if (flags.batch !== undefined) {
      batch = Number(flags.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 100_000)
        throw new CliError('E_USAGE', '--batch must be an integer from 1 to 100000');
    }
    const r = await withStore(flags, ctx, (store) =>
      rotateKeys(store, { retire: flags.retire === true, ...(batch ? { batch } : {}) }),
    );
    if (format === 'json') {
      ctx.stdout.write(jsonDocument(r));
      return;
    }
    ctx.stdout.write(
      `${r.newVersion ? 'rotated to' : 'finished the interrupted rotation to'} KEK version ${r.version}: rewrapped ` +
        `${plural(r.dataKeys, 'data key')} and ${plural(r.systemKeys, 'system key')}` +
        (r.retired.length > 0 ? `; destroyed KEK version(s) ${r.retired.join(', ')}` : '') +
        '\n',
    );
  });
  addStoreOptions(
    keys
      .command('status')
      .description('key provider, current KEK version, keys per version')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (flags: { format?: string } & StoreFlags) => {
    const format = outputFormat(ctx, flags.format, ['text', 'json']);
    const s = await withStore(flags, ctx, (store) => keyStatus(store));
    if (format === 'json') ctx.stdout.write(jsonDocument(s));
    else {
      const lines = [
        `provider:        ${s.provider} (${s.location})`,
        `current version: ${s.currentVersion}`,
        `data keys:       ${
          Object.entries(s.dataKeys)
            .map(([v, n]) => `v${v}: ${n}`)
            .join(', ') || 'none'
        }`,
        `system keys:     ${Object.entries(s.systemKeys)
          .map(([p, v]) => `${p} v${v}`)
          .join(', ')}`,
        `blind indexes:   ${s.customerIndexBits} bits (customers), ${s.staffIndexBits} bits (staff)`,
        `rows:            ${Object.entries(s.counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      ];
      if (s.behind > 0)
        lines.push(
          `${plural(s.behind, 'key')} under an older KEK version: run \`sealdesk keys rotate\` to finish`,
        );
      if (s.ahead > 0)
        lines.push(
          `${plural(s.ahead, 'key')} under a KEK version the provider does not have: wrong key file?`,
        );
      ctx.stdout.write(`${lines.join('\n')}\n`);
    }
    if (s.ahead > 0) ctx.setExitCode(1);
  });
}
