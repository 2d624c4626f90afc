/** RegexFilterPlugin hooks: block a tool call or a prompt when a string of its arguments matches a pattern. */
import { block, CONTINUE, type FetchPayload, type HookContext, type HookResult, type ToolPayload, findJsonString, compilePatternList, matchesAny, type CompiledPattern, type CompiledPatternList } from '@plugboard/plugin-sdk';
import type { RegexFilterConfig } from './regex-filter.config';

export const REGEX_BLOCKED = 'REGEX_BLOCKED';

// Compiled lists per config array: the hot path is one WeakMap lookup.
const compiledByList = new WeakMap<readonly string[], CompiledPatternList>();

export function compiledBlockedPatterns(patterns: readonly string[]): CompiledPatternList {
  let compiled = compiledByList.get(patterns);
  if (!compiled) {
    compiled = compilePatternList(patterns);
    compiledByList.set(patterns, compiled);
  }
  return compiled;
}

/** The first configured pattern that a string of `value` (keys included) matches, with where. */
export function findBlockedPattern(value: unknown, list: CompiledPatternList): { pattern: string; pointer: string } | null {
  let matched: CompiledPattern | undefined;
  const test = (text: string): boolean => {
    if (!matchesAny(list, text)) return false;
    // Rare path: name the first configured pattern that matched.
    matched = list.patterns.find((pattern) => pattern.tester.test(text));
    return matched !== undefined;
  };
  const pointer = findJsonString(value, test);
  if (pointer !== null && matched) return { pattern: matched.source, pointer };
  // Keys can carry data too: a filter meant to block must not be dodged by moving text into a key.
  const keyPointer = findKey(value, test, '');
  return keyPointer !== null && matched ? { pattern: matched.source, pointer: keyPointer } : null;
}

function findKey(value: unknown, test: (text: string) => boolean, at: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findKey(value[i], test, `${at}/${i}`);
      if (hit !== null) return hit;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (test(key)) return here;
    const hit = findKey(record[key], test, here);
    if (hit !== null) return hit;
  }
  return null;
}

function checkArguments(args: Record<string, unknown> | undefined, context: HookContext<Partial<RegexFilterConfig>>): HookResult<never> {
  const configured = context.config.blocked_patterns;
  if (!configured || configured.length === 0 || args === undefined) return CONTINUE;
  const hit = findBlockedPattern(args, compiledBlockedPatterns(configured));
  if (!hit) return CONTINUE;
  return block(REGEX_BLOCKED, `Pattern matched: ${hit.pattern}`, { pattern: hit.pattern, pointer: hit.pointer });
}

export function regexFilterPreInvoke(payload: ToolPayload, context: HookContext<Partial<RegexFilterConfig>>): HookResult<ToolPayload> {
  return checkArguments(payload.arguments, context);
}

/** prompt_pre_fetch: a prompt's arguments are caller text headed for a model, like a tool's. */
export function regexFilterPromptPreFetch(payload: FetchPayload, context: HookContext<Partial<RegexFilterConfig>>): HookResult<FetchPayload> {
  return checkArguments(payload.arguments, context);
}
