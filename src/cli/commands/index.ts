/** Every CLI command module. One line per command; each module registers itself on the program. */
import type { Command } from 'commander';
import type { CliContext } from '../main.js';
import * as scan from './scan.js';
import * as start from './start.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

export const commandModules: CommandModule[] = [scan, start];
