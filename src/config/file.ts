/**
 * The scan configuration file (`--config FILE`), JSON:
 * `{ "recognizers": [PatternRecognizerConfig...], "disable": [names], "policy": {TYPE: operator} }`.
 * Errors name the path inside the file (`recognizers[0].patterns[1]: ...`). Validators are named
 * (`luhn`, `iban-mod97`, `aba`): a file cannot carry code. Every recognizer is built once here,
 * so an unsafe pattern is refused before any input is read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  builtinRecognizers,
  OPERATORS,
  type PatternRecognizerConfig,
  patternRecognizer,
  type RedactionPolicy,
} from '../detect/index.js';
import { formatPath } from '../formats/interaction.js';
import { ConfigError } from './errors.js';

const recognizerSchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE_CASE type'),
  patterns: z.array(z.string().min(1)).min(1),
  score: z.number().min(0).max(1).optional(),
  contextScore: z.number().min(0).max(1).optional(),
  context: z.array(z.string().min(1)).optional(),
  contextWindow: z.tuple([z.number().int().min(0).max(1000), z.number().int().min(0).max(1000)]).optional(),
  requireContext: z.boolean().optional(),
  validator: z.enum(['luhn', 'iban-mod97', 'aba']).optional(),
  caseSensitive: z.boolean().optional(),
});

const operator = z.enum(OPERATORS as unknown as [string, ...string[]]);

export const scanConfigSchema = z.strictObject({
  recognizers: z.array(recognizerSchema).default([]),
  disable: z.array(z.string().min(1)).default([]),
  policy: z
    .record(
      z.string().regex(/^(?:[A-Z][A-Z0-9_]*|default)$/, 'expected an entity type or "default"'),
      operator,
    )
    .default({}),
});

export interface ScanConfig {
  recognizers: PatternRecognizerConfig[];
  disable: string[];
  policy: RedactionPolicy;
}

export const EMPTY_CONFIG: ScanConfig = { recognizers: [], disable: [], policy: {} };

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `expected >= ${String(issue.minimum)}`;
    case 'too_big':
      return `expected <= ${String(issue.maximum)}`;
    case 'invalid_format':
    case 'invalid_key':
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Validates a parsed config object; `where` names the file in errors. */
export function parseScanConfig(value: unknown, where: string): ScanConfig {
  const r = scanConfigSchema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0]!;
    throw new ConfigError('E_CONFIG', `${where}: ${formatPath(first.path)}: ${describe(first)}`);
  }
  const known = new Set(builtinRecognizers().map((x) => x.name));
  r.data.disable.forEach((name, i) => {
    if (!known.has(name)) {
      throw new ConfigError(
        'E_CONFIG',
        `${where}: disable[${i}]: no built-in recognizer named "${name}" (${[...known].join(', ')})`,
      );
    }
  });
  const names = new Set<string>();
  const recognizers = r.data.recognizers.map((rc, i) => {
    const config = rc as PatternRecognizerConfig;
    if (names.has(rc.name) || (known.has(rc.name) && !r.data.disable.includes(rc.name))) {
      throw new ConfigError('E_CONFIG', `${where}: recognizers[${i}].name: "${rc.name}" is already used`);
    }
    names.add(rc.name);
    try {
      patternRecognizer(config);
    } catch (e) {
      const msg = String((e as Error).message).replace(/ \[E_[A-Z_]+\]$/, '');
      const m = /pattern (\d+)/.exec(msg);
      const path = m ? `recognizers[${i}].patterns[${Number(m[1]) - 1}]` : `recognizers[${i}]`;
      throw new ConfigError('E_CONFIG', `${where}: ${path}: ${msg}`);
    }
    return config;
  });
  return { recognizers, disable: r.data.disable, policy: r.data.policy as RedactionPolicy };
}

export function loadScanConfig(file: string): ScanConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('E_CONFIG', `${file}: cannot read the configuration file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${pos - before.lastIndexOf('\n')}`;
    }
    throw new ConfigError('E_CONFIG', `${file}: malformed JSON${where}`);
  }
  return parseScanConfig(value, file);
}
