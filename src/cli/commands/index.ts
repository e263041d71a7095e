/** Every CLI command module. One line per command; each module registers itself on the program. */
import type { Command } from 'commander';
import type { CliContext } from '../main.js';
import * as erase from './erase.js';
import * as find from './find.js';
import * as importCmd from './import.js';
import * as init from './init.js';
import * as keys from './keys.js';
import * as list from './list.js';
import * as migrate from './migrate.js';
import * as retention from './retention.js';
import * as scan from './scan.js';
import * as show from './show.js';
import * as start from './start.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

export const commandModules: CommandModule[] = [
  scan,
  start,
  init,
  migrate,
  importCmd,
  find,
  show,
  list,
  erase,
  retention,
  keys,
];
