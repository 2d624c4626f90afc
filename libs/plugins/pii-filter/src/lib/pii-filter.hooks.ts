/** PIIFilterPlugin hooks: mask or block personal data in tool arguments and results, prompt arguments, fetched content. */
import { block, CONTINUE, type FetchPayload, type HookContext, type HookResult, type ToolPayload, findJsonString, mapJsonStrings, compilePattern, compilePatternList, matchesAny, type CompiledPattern, type CompiledPatternList } from '@plugboard/plugin-sdk';
import { PII_FILTER_DEFAULT_CONFIG, resolvePiiPattern, type PiiFilterConfig } from './pii-filter.config';

export const PII_DETECTED = 'PII_DETECTED';

interface ActivePattern {
  kind: string;
  compiled: CompiledPattern;
}

/** The configured patterns, compiled, with a combined regex for the common no-match case. */
export interface PiiPatternSet {
  readonly patterns: readonly ActivePattern[];
  readonly list: CompiledPatternList;
}

// Resolved pattern sets per config array: the runtime hands the same effective config object to
// every call, so the hot path is one WeakMap lookup.
const resolvedByList = new WeakMap<readonly string[], PiiPatternSet>();
const defaultPatterns: readonly string[] = PII_FILTER_DEFAULT_CONFIG.pii_patterns;

export function activePiiPatterns(configured: readonly string[] | undefined): PiiPatternSet {
  const entries = configured ?? defaultPatterns;
  let resolved = resolvedByList.get(entries);
  if (!resolved) {
    const patterns = entries.map((entry, index) => {
      const { kind, source } = resolvePiiPattern(entry, index);
      return { kind, compiled: compilePattern(source) };
    });
    resolved = { patterns, list: compilePatternList(patterns.map((pattern) => pattern.compiled.source)) };
    resolvedByList.set(entries, resolved);
  }
  return resolved;
}

/** Masking passes before giving up: a replacement can join neighbours into a new match. */
const MAX_MASK_PASSES = 4;

/** `text` with every match replaced by `mask`, or null when no finite masking removes every match. */
export function maskPiiText(text: string, set: PiiPatternSet, mask: string): string | null {
  if (!matchesAny(set.list, text)) return text;
  const { patterns, list } = set;
  let out = text;
  for (let pass = 0; pass < MAX_MASK_PASSES; pass++) {
    if (list.anyReplacer) {
      // One replace over the alternation of every pattern (each pattern alone only when they cannot combine).
      list.anyReplacer.lastIndex = 0;
      // A function replacement: `$&` and friends in the mask text stay literal.
      out = list.anyReplacer.replace(out, () => mask);
    } else {
      for (const { compiled } of patterns) {
        compiled.replacer.lastIndex = 0;
        out = compiled.replacer.replace(out, () => mask);
      }
    }
    if (!matchesAny(list, out)) return out;
  }
  return null;
}

class UnmaskableTextError extends Error {}

/** Deep-masks every string of a JSON value; null when some string cannot be masked. */
export function maskPiiValue(value: unknown, set: PiiPatternSet, mask: string): { value: unknown } | null {
  try {
    return {
      value: mapJsonStrings(value, (text) => {
        const masked = maskPiiText(text, set, mask);
        if (masked === null) throw new UnmaskableTextError();
        return masked;
      }),
    };
  } catch (error) {
    if (error instanceof UnmaskableTextError) return null;
    throw error;
  }
}

/** The first string of `value` holding PII: its pointer and the kind of pattern that matched. */
export function findPii(value: unknown, set: PiiPatternSet): { pointer: string; kind: string } | null {
  let kind = '';
  const pointer = findJsonString(value, (text) => {
    if (!matchesAny(set.list, text)) return false;
    for (const pattern of set.patterns) {
      if (pattern.compiled.tester.test(text)) {
        kind = pattern.kind;
        return true;
      }
    }
    return false;
  });
  return pointer === null ? null : { pointer, kind };
}

type PiiContext = HookContext<Partial<PiiFilterConfig>>;
type Location = 'arguments' | 'result' | 'content';

/** Masks or scans one part of a payload; answers the masked value (`modified`), CONTINUE, or a block. */
function filter(value: unknown, context: PiiContext, location: Location): HookResult<never> | { modified: unknown } {
  const patterns = activePiiPatterns(context.config.pii_patterns);
  if (patterns.patterns.length === 0 || value === undefined) return CONTINUE;
  const action = context.config.action ?? PII_FILTER_DEFAULT_CONFIG.action;
  if (action === 'mask') {
    const masked = maskPiiValue(value, patterns, context.config.mask ?? PII_FILTER_DEFAULT_CONFIG.mask);
    if (masked === null) {
      // Fail closed: the mask text itself keeps matching (validatePatterns refuses such configs).
      return block(PII_DETECTED, `PII in the ${location} could not be masked`, { location });
    }
    return masked.value === value ? CONTINUE : { modified: masked.value };
  }
  const hit = findPii(value, patterns);
  if (!hit) return CONTINUE;
  // Never echo the matched value: name the kind of data and where it is.
  return block(PII_DETECTED, `PII detected in the ${location}: ${hit.kind}`, {
    location,
    kind: hit.kind,
    pointer: hit.pointer,
  });
}

function applied<P>(outcome: HookResult<never> | { modified: unknown }, rewrite: (value: unknown) => P): HookResult<P> {
  return 'modified' in outcome ? { continueProcessing: true, modifiedPayload: rewrite(outcome.modified) } : outcome;
}

export function piiFilterPreInvoke(payload: ToolPayload, context: PiiContext): HookResult<ToolPayload> {
  return applied(filter(payload.arguments, context, 'arguments'), (value) => ({ ...payload, arguments: value as Record<string, unknown> }));
}

export function piiFilterPostInvoke(payload: ToolPayload, context: PiiContext): HookResult<ToolPayload> {
  return applied(filter(payload.result, context, 'result'), (value) => ({ ...payload, result: value }));
}

/** prompt_pre_fetch: the prompt's arguments, before they are rendered into the template. */
export function piiFilterPreFetch(payload: FetchPayload, context: PiiContext): HookResult<FetchPayload> {
  return applied(filter(payload.arguments, context, 'arguments'), (value) => ({ ...payload, arguments: value as Record<string, unknown> }));
}

/** resource_post_fetch and prompt_post_fetch: the fetched resource content or the rendered prompt. */
export function piiFilterPostFetch(payload: FetchPayload, context: PiiContext): HookResult<FetchPayload> {
  return applied(filter(payload.content, context, 'content'), (value) => ({ ...payload, content: value }));
}
