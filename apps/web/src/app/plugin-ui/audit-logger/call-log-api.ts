// AuditLoggerPlugin's own route: GET /api/ext/audit-logger/calls (plugin role `auditor` or
// platform admin), the tool call log newest first, paged by cursor.
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

export const CALL_LOG_URL = '/api/ext/audit-logger/calls';
export const CALL_LOG_OUTCOMES = ['success', 'blocked', 'error'] as const;
export const CALL_LOG_MAX_LIMIT = 200;

export interface CallLogItem {
  id: string;
  at: string;
  serverId: string;
  serverName: string;
  toolName: string;
  userId: string | null;
  /** Sent by the route besides the contract's fields; shown when present. */
  userEmail?: string | null;
  outcome: string;
  durationMs: number;
  pluginViolation: string | null;
  arguments: unknown;
  result: unknown;
}

export interface CallLogPage {
  items: CallLogItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface CallLogQuery {
  limit: number;
  cursor?: string;
  serverId?: string;
  tool?: string;
  outcome?: string;
}

@Injectable({ providedIn: 'root' })
export class CallLogApi {
  private readonly http = inject(HttpClient);

  calls(query: CallLogQuery): Observable<CallLogPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<CallLogPage>(CALL_LOG_URL, { params });
  }
}
