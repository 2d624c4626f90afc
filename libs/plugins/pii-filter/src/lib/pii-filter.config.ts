/** PIIFilterPlugin config: JSON Schema, type, defaults, built-in pattern aliases and pattern validation. */
import type { PluginConfigError } from '@plugboard/shared-contracts';
import type { JsonSchema } from '@plugboard/plugin-sdk';
import { compilePattern, patternCompileError } from '@plugboard/plugin-sdk';

export const SSN_PATTERN = String.raw`\b\d{3}-\d{2}-\d{4}\b`;
export const EMAIL_PATTERN = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;

/** Names accepted in `pii_patterns` instead of a regex (case-insensitive), and the kind they report. */
export const BUILT_IN_PII_PATTERNS: Readonly<Record<string, { kind: string; source: string }>> = {
  ssn: { kind: 'SSN', source: SSN_PATTERN },
  email: { kind: 'email', source: EMAIL_PATTERN },
};

export type PiiAction = 'mask' | 'block';

export interface PiiFilterConfig {
  /** RE2 patterns, or the aliases `SSN` / `email`. */
  pii_patterns: string[];
  action: PiiAction;
  mask: string;
}

export const PII_FILTER_DEFAULT_CONFIG: Readonly<PiiFilterConfig> = Object.freeze({
  pii_patterns: [SSN_PATTERN, EMAIL_PATTERN],
  action: 'mask',
  mask: '[REDACTED]',
});

export const PII_FILTER_MAX_PATTERNS = 50;
export const PII_FILTER_MAX_PATTERN_LENGTH = 512;

export const PII_FILTER_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'PIIFilterPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    pii_patterns: {
      type: 'array',
      description: 'RE2 patterns of personal data; "SSN" and "email" name the built-in patterns.',
      items: { type: 'string', minLength: 1, maxLength: PII_FILTER_MAX_PATTERN_LENGTH },
      maxItems: PII_FILTER_MAX_PATTERNS,
      default: [SSN_PATTERN, EMAIL_PATTERN],
    },
    action: { type: 'string', enum: ['mask', 'block'], default: 'mask' },
    mask: { type: 'string', maxLength: 64, default: '[REDACTED]' },
  },
};

/** A configured pattern resolved to its RE2 source and the kind a violation names. */
export interface ResolvedPiiPattern {
  kind: string;
  source: string;
}

export function resolvePiiPattern(entry: string, index: number): ResolvedPiiPattern {
  const alias = BUILT_IN_PII_PATTERNS[entry.toLowerCase()];
  if (alias) return alias;
  if (entry === SSN_PATTERN) return { kind: 'SSN', source: entry };
  if (entry === EMAIL_PATTERN) return { kind: 'email', source: entry };
  return { kind: `custom pattern #${index}`, source: entry };
}

/**
 * Semantic checks JSON Schema cannot express: each pattern compiles on RE2, does not match the
 * empty string (masking would never end), and the mask text itself matches no pattern.
 * Pointers are relative to the plugin's config. The runtime calls this on every config write.
 */
export function validatePatterns(config: unknown): PluginConfigError[] {
  const errors: PluginConfigError[] = [];
  if (config === null || typeof config !== 'object') return errors;
  const { pii_patterns: patterns, mask } = config as Partial<Record<keyof PiiFilterConfig, unknown>>;
  if (!Array.isArray(patterns)) return errors;
  const maskText = typeof mask === 'string' ? mask : PII_FILTER_DEFAULT_CONFIG.mask;
  patterns.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') return;
    const pointer = `/pii_patterns/${index}`;
    if (entry.length > PII_FILTER_MAX_PATTERN_LENGTH) {
      errors.push({ pointer, message: `must be at most ${PII_FILTER_MAX_PATTERN_LENGTH} characters`, keyword: 'maxLength' });
      return;
    }
    const { source } = resolvePiiPattern(entry, index);
    const compileError = patternCompileError(source);
    if (compileError !== null) {
      errors.push({ pointer, message: `invalid RE2 pattern: ${compileError}`, keyword: 'pattern' });
      return;
    }
    const compiled = compilePattern(source);
    if (compiled.tester.test('')) {
      errors.push({ pointer, message: 'pattern matches the empty string', keyword: 'pattern' });
    } else if (compiled.tester.test(maskText)) {
      errors.push({ pointer, message: 'the mask text matches this pattern', keyword: 'pattern' });
    }
  });
  return errors;
}
