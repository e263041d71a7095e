/**
 * The `sealdesk` command line: a thin shell. Each command lives in `commands/<name>.ts` and only
 * parses flags, calls the domain modules and formats their results.
 */
import { Command, CommanderError } from 'commander';
import { commandModules } from './commands/index.js';
import { CliError } from './errors.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Commands report their exit status here rather than calling process.exit. */
export interface CliContext extends CliIo {
  setExitCode(code: number): void;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command();
  program
    .name('sealdesk')
    .description(
      'Customer-service record store that cannot be left open: finds and redacts card numbers and other ' +
        'sensitive data in calls, chats and emails, and keeps them encrypted.',
    )
    .addHelpText(
      'after',
      '\nExit codes:\n  0  success\n  1  found what --fail-on asked to fail on, or a check failed\n' +
        '  2  bad input, bad usage or an environment problem\n',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  for (const mod of commandModules) mod.register(program, ctx);
  return program;
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const ctx: CliContext = {
    ...io,
    setExitCode(code: number) {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version land here with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      ctx.stderr.write(`sealdesk: ${e.message} [${e.code}]\n`);
      return e.exitCode;
    }
    const err = e as { code?: unknown; message?: unknown };
    const code = typeof err.code === 'string' ? err.code : 'E_INTERNAL';
    ctx.stderr.write(`sealdesk: ${String(err.message ?? e)} [${code}]\n`);
    return 2;
  }
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
