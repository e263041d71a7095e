/** Runs the built CLI (bin/sealdesk -> dist/) in a child process, against a test store. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'sealdesk');

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'commands', 'import.js'))) {
    throw new Error('build first: npx tsc -p tsconfig.build.json (npm test does)');
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function start(args: string[], env: NodeJS.ProcessEnv, input?: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  else child.stdin!.end();
  return child;
}

export function run(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = start(args, env, input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
