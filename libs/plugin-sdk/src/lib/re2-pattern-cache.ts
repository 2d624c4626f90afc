/**
 * Compiles user-supplied patterns on RE2 (linear time, SPEC 7) once per distinct source, in a
 * bounded cache, so hooks never build a regex on the hot path.
 */
import RE2 from 're2';

export interface CompiledPattern {
  readonly source: string;
  /** Non-global: `test` does not depend on `lastIndex`. */
  readonly tester: RE2;
  /** Global, for replacing every match. Reset `lastIndex` before use. */
  readonly replacer: RE2;
}

const MAX_CACHED_PATTERNS = 512;
const cache = new Map<string, CompiledPattern>();

/** Compiles (or returns the cached) pattern; throws a SyntaxError for a pattern RE2 refuses. */
export function compilePattern(source: string): CompiledPattern {
  const hit = cache.get(source);
  if (hit) return hit;
  const compiled: CompiledPattern = { source, tester: new RE2(source, 'u'), replacer: new RE2(source, 'gu') };
  if (cache.size >= MAX_CACHED_PATTERNS) {
    // Map iteration order is insertion order: drop the oldest entry.
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(source, compiled);
  return compiled;
}

/** The RE2 compile error of a pattern, or null when it compiles. */
export function patternCompileError(source: string): string | null {
  try {
    compilePattern(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** For tests: how many compiled patterns are cached. */
export function compiledPatternCacheSize(): number {
  return cache.size;
}

export const MAX_COMPILED_PATTERN_CACHE = MAX_CACHED_PATTERNS;

/**
 * Several patterns with one "does anything match?" regex: each RE2 call costs about a microsecond
 * (mostly converting the JS string), so one alternation per string beats one call per pattern.
 */
export interface CompiledPatternList {
  readonly patterns: readonly CompiledPattern[];
  /** `(?:p1)|(?:p2)|…`; null when it does not compile (e.g. a group name used twice). */
  readonly any: RE2 | null;
  /** The same alternation, global, for replacing every match of every pattern in one pass. Reset `lastIndex` before use. */
  readonly anyReplacer: RE2 | null;
}

export function compilePatternList(sources: readonly string[]): CompiledPatternList {
  const patterns = sources.map(compilePattern);
  if (patterns.length <= 1) return { patterns, any: patterns[0]?.tester ?? null, anyReplacer: patterns[0]?.replacer ?? null };
  try {
    const combined = compilePattern(sources.map((source) => `(?:${source})`).join('|'));
    return { patterns, any: combined.tester, anyReplacer: combined.replacer };
  } catch {
    return { patterns, any: null, anyReplacer: null };
  }
}

/** Whether `text` matches any pattern of the list. */
export function matchesAny(list: CompiledPatternList, text: string): boolean {
  if (list.any) return list.any.test(text);
  for (const pattern of list.patterns) if (pattern.tester.test(text)) return true;
  return false;
}
