/**
 * User-defined recognizers: a regular expression, an optional validator and context words, the
 * unit Presidio calls a PatternRecognizer. Built from configuration (JSON) or from code.
 *
 * Patterns from configuration are checked for the constructs that make a backtracking engine
 * super-linear (back-references, nested or adjacent unbounded quantifiers over overlapping
 * input); a pattern that fails the check is refused with E_PATTERN_UNSAFE rather than run.
 */
import { abaChecksumValid, luhnValid, mod97 } from './checksums.js';
import type { Recognizer } from './recognizer.js';
import type { EntityType, Finding } from './types.js';
import { DetectError } from './types.js';
import type { TextView } from './view.js';

export type NamedValidator = 'luhn' | 'iban-mod97' | 'aba';

export interface PatternRecognizerConfig {
  name: string;
  type: EntityType;
  /** Regular expression sources (JavaScript syntax), matched case-insensitively unless `caseSensitive`. */
  patterns: string[];
  /** Score of a match without context (default 0.6). */
  score?: number;
  /** Score when a context word is near (default 0.95). */
  contextScore?: number;
  context?: string[];
  /** Characters before/after the match searched for context words (default 60/30). */
  contextWindow?: [number, number];
  /** When true, a match without a context word is dropped. */
  requireContext?: boolean;
  validator?: NamedValidator | ((value: string) => boolean);
  caseSensitive?: boolean;
}

const NAMED: Record<NamedValidator, (v: string) => boolean> = {
  luhn: (v) => luhnValid(v.replace(/\D/g, '')),
  'iban-mod97': (v) => {
    const s = v.replace(/[\s-]/g, '').toUpperCase();
    return s.length >= 5 && mod97(s.slice(4) + s.slice(0, 4)) === 1;
  },
  aba: (v) => abaChecksumValid(v.replace(/\D/g, '')),
};

/** Rejects patterns likely to backtrack catastrophically. Conservative by design. */
export function assertLinearPattern(source: string, where: string): void {
  if (/\\[1-9]|\\k</.test(source)) {
    throw new DetectError(
      'E_PATTERN_UNSAFE',
      `${where}: back-references are not allowed in recognizer patterns`,
    );
  }
  // A quantified group that itself contains an unbounded quantifier: (a+)+, (\w*x)*, (?:a|b+){2,}
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/.test(source)) {
    throw new DetectError(
      'E_PATTERN_UNSAFE',
      `${where}: nested quantifiers are not allowed in recognizer patterns`,
    );
  }
  try {
    new RegExp(source);
  } catch (e) {
    throw new DetectError('E_PATTERN_INVALID', `${where}: ${(e as Error).message}`);
  }
}

export function patternRecognizer(config: PatternRecognizerConfig): Recognizer {
  if (!config.name || !/^[A-Za-z0-9_.:-]+$/.test(config.name)) {
    throw new DetectError(
      'E_RECOGNIZER_CONFIG',
      'a recognizer needs a name of letters, digits, "_", ".", ":" or "-"',
    );
  }
  if (!config.type || !/^[A-Z][A-Z0-9_]*$/.test(config.type)) {
    throw new DetectError(
      'E_RECOGNIZER_CONFIG',
      `recognizer "${config.name}": type must be UPPER_SNAKE_CASE`,
    );
  }
  if (!Array.isArray(config.patterns) || config.patterns.length === 0) {
    throw new DetectError(
      'E_RECOGNIZER_CONFIG',
      `recognizer "${config.name}": at least one pattern is required`,
    );
  }
  const regexes = config.patterns.map((p, i) => {
    assertLinearPattern(p, `recognizer "${config.name}" pattern ${i + 1}`);
    return new RegExp(p, config.caseSensitive ? 'g' : 'gi');
  });
  let validate: ((v: string) => boolean) | undefined;
  if (typeof config.validator === 'function') validate = config.validator;
  else if (config.validator !== undefined) {
    validate = NAMED[config.validator];
    if (!validate) {
      throw new DetectError(
        'E_RECOGNIZER_CONFIG',
        `recognizer "${config.name}": unknown validator "${String(config.validator)}" (luhn, iban-mod97, aba)`,
      );
    }
  }
  const context = (config.context ?? []).map((w) => w.toLowerCase());
  const [before, after] = config.contextWindow ?? [60, 30];
  const base = config.score ?? 0.6;
  const boosted = config.contextScore ?? 0.95;
  return {
    name: config.name,
    types: [config.type],
    analyze(view: TextView, out: Finding[]): void {
      for (const re of regexes) {
        re.lastIndex = 0;
        let m = re.exec(view.text);
        while (m !== null) {
          if (m[0].length === 0) {
            re.lastIndex++;
          } else {
            const start = m.index;
            const end = start + m[0].length;
            if (!validate || validate(m[0])) {
              const near = context.length > 0 && view.hasContext(start, end, context, before, after);
              if (near || !config.requireContext) {
                out.push({
                  type: config.type,
                  start,
                  end,
                  score: near ? boosted : base,
                  recognizer: config.name,
                });
              }
            }
          }
          m = re.exec(view.text);
        }
      }
    },
  };
}
