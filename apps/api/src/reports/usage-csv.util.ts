/** CSV (RFC 4180) of the usage report, safe to open in a spreadsheet, and the one-line config summary. */
import type { JsonObject, JsonValue } from '@plugboard/governance';

export const USAGE_CSV_COLUMNS = ['server_id', 'server_name', 'plugin_name', 'level', 'enabled', 'config_summary', 'modified_by', 'modified_at'] as const;

/** Cells a spreadsheet would read as a formula (OWASP CSV injection): = + - @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: formula-like text is prefixed with an apostrophe, then quoted when it holds , " CR or LF. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvCell).join(',');
}

function render(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `key=value; key=[a, b]`, at most `max` characters (an ellipsis marks the cut). */
export function summarizeConfig(config: JsonObject, max = 120): string {
  const text = Object.keys(config)
    .map((key) => `${key}=${render(config[key] as JsonValue)}`)
    .join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
