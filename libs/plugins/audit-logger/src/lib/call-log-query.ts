/** The query of GET /api/ext/audit-logger/calls, parsed and checked, and the page it answers. */
import { decodeKeysetCursor, ValidationException, type FieldError, type KeysetCursor } from '@plugboard/plugin-sdk';
import type { ToolCallOutcome } from './call-log-batcher';

export const CALL_LOG_OUTCOMES: readonly ToolCallOutcome[] = ['success', 'blocked', 'error'];
export const CALL_LOG_DEFAULT_LIMIT = 50;
export const CALL_LOG_MAX_LIMIT = 200;

/** Where a page starts: the (at, id) of the last row of the previous page, newest first. */
export type CallLogCursor = KeysetCursor;

export interface CallLogQuery {
  limit: number;
  cursor: CallLogCursor | null;
  serverId: string | null;
  tool: string | null;
  outcome: ToolCallOutcome | null;
  userId: string | null;
  from: Date | null;
  to: Date | null;
}

export interface CallLogItem {
  id: string;
  at: string;
  serverId: string;
  serverName: string;
  toolName: string;
  userId: string | null;
  userEmail: string | null;
  outcome: string;
  durationMs: number;
  pluginViolation: string | null;
  arguments: unknown;
  result: unknown;
}

export interface CallLogPage {
  items: CallLogItem[];
  nextCursor: string | null;
}

/** Implemented by the runtime over `tool_call_log`: newest first, `limit + 1` rows at most. */
export type CallLogReader = (query: CallLogQuery) => Promise<CallLogPage>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const KNOWN = new Set(['limit', 'cursor', 'serverId', 'tool', 'outcome', 'userId', 'from', 'to']);

function single(raw: Record<string, unknown>, key: string, errors: FieldError[]): string | null {
  const value = raw[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') {
    errors.push({ pointer: `/${key}`, message: `${key} must be given once, as a string` });
    return null;
  }
  return value;
}

function date(raw: Record<string, unknown>, key: string, errors: FieldError[]): Date | null {
  const text = single(raw, key, errors);
  if (text === null) return null;
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    errors.push({ pointer: `/${key}`, message: `${key} must be an ISO 8601 date or date-time` });
    return null;
  }
  return parsed;
}

/** Checks the raw query string values; throws a 422 naming every bad field. */
export function parseCallLogQuery(raw: Record<string, unknown>): CallLogQuery {
  const errors: FieldError[] = [];
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) errors.push({ pointer: `/${key}`, message: `unknown query parameter ${key}` });

  let limit = CALL_LOG_DEFAULT_LIMIT;
  const limitText = single(raw, 'limit', errors);
  if (limitText !== null) {
    if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > CALL_LOG_MAX_LIMIT) {
      errors.push({ pointer: '/limit', message: `limit must be an integer from 1 to ${CALL_LOG_MAX_LIMIT}` });
    } else limit = Number(limitText);
  }

  let cursor: CallLogCursor | null = null;
  const cursorText = single(raw, 'cursor', errors);
  if (cursorText !== null) {
    cursor = decodeKeysetCursor(cursorText);
    if (!cursor) errors.push({ pointer: '/cursor', message: 'cursor is not one this route handed out' });
  }

  const uuid = (key: string): string | null => {
    const text = single(raw, key, errors);
    if (text === null) return null;
    if (!UUID.test(text)) {
      errors.push({ pointer: `/${key}`, message: `${key} must be a UUID` });
      return null;
    }
    return text.toLowerCase();
  };
  const serverId = uuid('serverId');
  const userId = uuid('userId');

  const tool = single(raw, 'tool', errors);
  if (tool !== null && (tool.length === 0 || tool.length > 200 || CONTROL.test(tool))) {
    errors.push({ pointer: '/tool', message: 'tool must be 1 to 200 printable characters' });
  }

  const outcomeText = single(raw, 'outcome', errors);
  let outcome: ToolCallOutcome | null = null;
  if (outcomeText !== null) {
    if ((CALL_LOG_OUTCOMES as readonly string[]).includes(outcomeText)) outcome = outcomeText as ToolCallOutcome;
    else errors.push({ pointer: '/outcome', message: `outcome must be one of ${CALL_LOG_OUTCOMES.join(', ')}` });
  }

  const from = date(raw, 'from', errors);
  const to = date(raw, 'to', errors);
  if (from && to && from > to) errors.push({ pointer: '/from', message: 'from must not be after to' });

  if (errors.length > 0) {
    throw new ValidationException(errors.map((e) => e.message).join('; '), { code: 'CALL_LOG_QUERY_INVALID', errors });
  }
  return { limit, cursor, serverId, tool: tool ?? null, outcome, userId, from, to };
}
