/**
 * Opening the store from the command line: `--data DIR` / SEALDESK_DATA (default ./data) and
 * `--database-url URL` / SEALDESK_DATABASE_URL (unset: the embedded SQLite store). Flags win over
 * the environment. Errors of the store, crypto and import layers become CliErrors (exit code 2)
 * with their searchable code; their messages never hold values or keys.
 */
import type { Command } from 'commander';
import { ConfigError } from '../config/index.js';
import { CryptoError } from '../crypto/index.js';
import { FormatError } from '../formats/index.js';
import { IngestError } from '../ingest/index.js';
import { type InitOptions, Store, StoreError, type StoreLocation } from '../store/index.js';
import { CliError } from './errors.js';
import type { CliContext } from './main.js';

export interface StoreFlags {
  data?: string;
  databaseUrl?: string;
}

export const DEFAULT_DATA_DIR = './data';

export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '--data <dir>',
      'data folder: the SQLite store and the key file (env SEALDESK_DATA, default ./data)',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL URL instead of the embedded store (env SEALDESK_DATABASE_URL)',
    );
}

export function storeLocation(flags: StoreFlags, env: NodeJS.ProcessEnv): StoreLocation {
  const dataDir = flags.data?.trim() || env.SEALDESK_DATA?.trim() || DEFAULT_DATA_DIR;
  const url = flags.databaseUrl?.trim() || env.SEALDESK_DATABASE_URL?.trim() || undefined;
  return url ? { dataDir, databaseUrl: url } : { dataDir };
}

/** The message without the " [E_CODE]" suffix some layers append (main.ts appends the code once). */
function bare(message: string, code: string): string {
  const suffix = ` [${code}]`;
  return message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

export function toCliError(err: unknown): unknown {
  if (err instanceof CliError) return err;
  if (
    err instanceof StoreError ||
    err instanceof CryptoError ||
    err instanceof IngestError ||
    err instanceof ConfigError ||
    err instanceof FormatError
  ) {
    const code = err.code;
    return new CliError(code, bare(err.message, code));
  }
  return err;
}

export async function openStore(flags: StoreFlags, ctx: CliContext): Promise<Store> {
  try {
    return await Store.open({ ...storeLocation(flags, ctx.env), env: ctx.env });
  } catch (err) {
    throw toCliError(err);
  }
}

export async function initStore(
  flags: StoreFlags,
  ctx: CliContext,
  extra: Partial<InitOptions> = {},
): Promise<Awaited<ReturnType<typeof Store.init>>> {
  try {
    return await Store.init({ ...storeLocation(flags, ctx.env), env: ctx.env, ...extra });
  } catch (err) {
    throw toCliError(err);
  }
}

/** Opens the store, runs `fn`, closes the store (also on error), and maps errors for the CLI. */
export async function withStore<T>(
  flags: StoreFlags,
  ctx: CliContext,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(flags, ctx);
  try {
    return await fn(store);
  } catch (err) {
    throw toCliError(err);
  } finally {
    await store.close();
  }
}

export type OutputFormat = 'text' | 'json' | 'jsonl';

const guarded = new WeakSet<object>();

/**
 * When the reader of the output goes away (`sealdesk list | head`), stop quietly instead of
 * crashing on EPIPE: what was asked for was printed up to where the reader stopped reading.
 */
export function quietPipe(ctx: CliContext): void {
  const out = ctx.stdout as NodeJS.WritableStream & object;
  if (guarded.has(out)) return;
  guarded.add(out);
  out.on('error', (e: { code?: unknown }) => {
    if (e.code === 'EPIPE') return;
    ctx.stderr.write(`sealdesk: cannot write the output (${String(e.code ?? 'error')})\n`);
    ctx.setExitCode(2);
  });
}

/** The --format value, checked; also guards standard output (see quietPipe). */
export function outputFormat(
  ctx: CliContext,
  value: string | undefined,
  allowed: readonly OutputFormat[] = ['text', 'json', 'jsonl'],
): OutputFormat {
  quietPipe(ctx);
  const f = (value ?? 'text') as OutputFormat;
  if (!allowed.includes(f)) throw new CliError('E_USAGE', `--format must be ${allowed.join(', ')}`);
  return f;
}
