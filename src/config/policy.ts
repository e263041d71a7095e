/** Redaction policies from flags (`--policy CREDIT_CARD=mask,default=replace`) and config files. */
import { OPERATORS, type Operator, type RedactionPolicy } from '../detect/index.js';
import { ConfigError } from './errors.js';

const TYPE_RE = /^[A-Z][A-Z0-9_]{0,63}$/;

export function isOperator(v: string): v is Operator {
  return (OPERATORS as readonly string[]).includes(v);
}

/** Parses `TYPE=operator,...` (`default=operator` for the types not named). */
export function parsePolicySpec(spec: string, where = '--policy'): RedactionPolicy {
  const policy: RedactionPolicy = {};
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) throw new ConfigError('E_POLICY', `${where}: expected TYPE=operator, got "${p}"`);
    const type = p.slice(0, eq).trim();
    const op = p
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (!isOperator(op)) {
      throw new ConfigError(
        'E_POLICY',
        `${where}: unknown operator "${op}" for ${type} (${OPERATORS.join(', ')})`,
      );
    }
    if (type.toLowerCase() === 'default') policy.default = op;
    else if (TYPE_RE.test(type)) policy[type] = op;
    else
      throw new ConfigError(
        'E_POLICY',
        `${where}: "${type}" is not an entity type (UPPER_SNAKE_CASE) or "default"`,
      );
  }
  return policy;
}

/** Types a policy names that no recognizer emits (probably a typo). */
export function unknownPolicyTypes(policy: RedactionPolicy, known: readonly string[]): string[] {
  const set = new Set(known);
  return Object.keys(policy).filter((k) => k !== 'default' && !set.has(k));
}

export function usesFingerprint(policy: RedactionPolicy): boolean {
  return Object.values(policy).includes('fingerprint');
}
