/** Prompt templates: `{{name}}` placeholders, the arguments they need, and single-pass rendering. */
import type { PromptArgument } from '@plugboard/shared-contracts';

export const PROMPT_ARGUMENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]{0,63})\s*\}\}/g;

/** The distinct argument names a template's placeholders use, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

/** Placeholders that name no declared argument (a template must not have any). */
export function undeclaredPlaceholders(template: string, args: readonly Pick<PromptArgument, 'name'>[]): string[] {
  const declared = new Set(args.map((a) => a.name));
  return templatePlaceholders(template).filter((name) => !declared.has(name));
}

export interface ArgumentProblem {
  pointer: string;
  message: string;
}

/**
 * What is wrong with the arguments a caller sent for a prompt: a required one missing or empty,
 * one the prompt does not declare, a value that is not a string (MCP prompt arguments are strings).
 */
export function promptArgumentProblems(declared: readonly PromptArgument[], given: Record<string, unknown>): ArgumentProblem[] {
  const problems: ArgumentProblem[] = [];
  const names = new Set(declared.map((a) => a.name));
  for (const arg of declared) {
    const value = Object.prototype.hasOwnProperty.call(given, arg.name) ? given[arg.name] : undefined;
    if (arg.required && (value === undefined || value === '')) problems.push({ pointer: `/arguments/${arg.name}`, message: 'is required' });
  }
  for (const [name, value] of Object.entries(given)) {
    const pointer = `/arguments/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!names.has(name)) problems.push({ pointer, message: 'is not an argument of this prompt' });
    else if (value !== undefined && typeof value !== 'string') problems.push({ pointer, message: 'must be a string' });
  }
  return problems;
}

/**
 * Replaces each placeholder with its argument (an absent optional one with nothing). One pass:
 * an argument that itself contains `{{x}}` stays literal, so callers cannot reach other arguments.
 */
export function renderPromptTemplate(template: string, args: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(args, name) ? args[name] : undefined;
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
