/**
 * `sealdesk start` (what `npm start` runs). The server is not built yet; until it is, `start`
 * scans the bundled synthetic sample so a first run shows what Sealdesk finds. The server
 * replaces this module.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { EMPTY_CONFIG } from '../../config/index.js';
import { DEFAULT_POLICY } from '../../detect/index.js';
import { CliError } from '../errors.js';
import type { CliContext } from '../main.js';
import { runScanCommand } from './scan.js';

/** The package root: the nearest folder above this module with a package.json (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new CliError('E_ENV', 'cannot find the Sealdesk package folder');
    dir = parent;
  }
}

export function samplePath(): string {
  return join(packageRoot(), 'samples', 'interactions.jsonl');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('start Sealdesk (for now: scan the bundled synthetic sample; the server is not built yet)')
    .action(async () => {
      const sample = samplePath();
      if (!existsSync(sample)) throw new CliError('E_ENV', `the bundled sample is missing (${sample})`);
      const shown = relative(process.cwd(), sample) || sample;
      const code = await runScanCommand(
        {
          paths: [shown.startsWith('..') ? sample : shown],
          format: 'text',
          policy: { ...DEFAULT_POLICY },
          config: EMPTY_CONFIG,
          showValues: false,
          quiet: false,
          verbose: false,
          banner:
            'Sealdesk 0.1.0. The server is not built yet; meanwhile here is what the detection engine finds in the\n' +
            `bundled synthetic sample (${shown.startsWith('..') ? sample : shown}: fictional calls, chats and emails).\n` +
            'Scan your own files with: sealdesk scan PATH... (see sealdesk scan --help)',
        },
        { stdout: ctx.stdout, stderr: ctx.stderr },
      );
      ctx.setExitCode(code);
    });
}
