/** RegexFilterPlugin config: JSON Schema, type, defaults and pattern validation. */
import type { JsonSchema } from '@plugboard/plugin-sdk';
import type { PluginConfigError } from '@plugboard/shared-contracts';
import { patternCompileError } from '@plugboard/plugin-sdk';

export interface RegexFilterConfig {
  /** RE2 patterns; a string of the arguments matching any of them blocks the call. */
  blocked_patterns: string[];
}

export const REGEX_FILTER_DEFAULT_CONFIG: Readonly<RegexFilterConfig> = Object.freeze({ blocked_patterns: [] });

export const REGEX_FILTER_MAX_PATTERNS = 100;
export const REGEX_FILTER_MAX_PATTERN_LENGTH = 512;

export const REGEX_FILTER_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'RegexFilterPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    blocked_patterns: {
      type: 'array',
      description: 'RE2 patterns; a tool call whose arguments contain a matching string is blocked.',
      items: { type: 'string', minLength: 1, maxLength: REGEX_FILTER_MAX_PATTERN_LENGTH },
      maxItems: REGEX_FILTER_MAX_PATTERNS,
      default: [],
    },
  },
};

/** RE2 compile errors of `blocked_patterns`, with pointers relative to the config. */
export function validatePatterns(config: unknown): PluginConfigError[] {
  if (config === null || typeof config !== 'object') return [];
  const patterns = (config as { blocked_patterns?: unknown }).blocked_patterns;
  if (!Array.isArray(patterns)) return [];
  const errors: PluginConfigError[] = [];
  patterns.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') return;
    const pointer = `/blocked_patterns/${index}`;
    if (entry.length > REGEX_FILTER_MAX_PATTERN_LENGTH) {
      errors.push({ pointer, message: `must be at most ${REGEX_FILTER_MAX_PATTERN_LENGTH} characters`, keyword: 'maxLength' });
      return;
    }
    const error = patternCompileError(entry);
    if (error !== null) errors.push({ pointer, message: `invalid RE2 pattern: ${error}`, keyword: 'pattern' });
  });
  return errors;
}
