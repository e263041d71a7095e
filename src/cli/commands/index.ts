/** Every CLI command module. One line per command; each module registers itself on the program. */
import type { Command } from 'commander';
import type { CliContext } from '../main.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

export const commandModules: CommandModule[] = [];
