// Typed calls to the admin endpoints: registry, promote/demote, sync, snapshots, audit log.
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AuditLogPage,
  PolicyChangeRequest,
  PromotionImpact,
  RegistryList,
  RegistryUpdateResult,
  RegistrySyncReport,
  RestoreResult,
  SnapshotPage,
  SyncRegistryRequest,
  UsageReport,
  UsageReportQuery,
  UpdateRegistryEntryRequest,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export type PromotionOperation = 'promote' | 'demote';

export interface AuditLogQuery {
  plugin?: string;
  level?: string;
  actor?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export const ADMIN_PLUGINS_URL = '/api/admin/plugins';
export const SNAPSHOTS_URL = '/api/admin/policy/snapshots';
export const USAGE_REPORT_URL = '/api/admin/plugins/usage-report';

/** Query parameters without the empty ones. */
function paramsOf(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params = params.set(key, String(value));
    }
  }
  return params;
}

/** The download link of the usage report in CSV or JSON, with the same filters. */
export function usageReportExportUrl(
  query: UsageReportQuery,
  format: 'csv' | 'json',
): string {
  const { plugin, team, user, from, to } = query;
  const params = paramsOf({ plugin, team, user, from, to, format });
  return `${USAGE_REPORT_URL}?${params.toString()}`;
}

const OPERATION_PATH: Record<PromotionOperation, string> = {
  promote: 'promote-to-mandatory',
  demote: 'demote-to-optional',
};

@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  registry(): Observable<RegistryList> {
    return this.http.get<RegistryList>(`${ADMIN_PLUGINS_URL}/global`);
  }

  /** Promote to mandatory or demote to optional; with `dryRun` only the impact is answered. */
  changeMandatory(
    pluginName: string,
    operation: PromotionOperation,
    body: PolicyChangeRequest,
  ): Observable<PromotionImpact> {
    return this.http.post<PromotionImpact>(
      `${ADMIN_PLUGINS_URL}/${encodeURIComponent(pluginName)}/${OPERATION_PATH[operation]}`,
      body,
    );
  }

  /** Changes policy fields of one entry; send its `revision` (409 when someone changed it since). */
  updateEntry(
    pluginName: string,
    body: UpdateRegistryEntryRequest,
  ): Observable<RegistryUpdateResult> {
    return this.http.patch<RegistryUpdateResult>(
      `${ADMIN_PLUGINS_URL}/global/${encodeURIComponent(pluginName)}`,
      body,
    );
  }

  sync(body: SyncRegistryRequest): Observable<RegistrySyncReport> {
    return this.http.post<RegistrySyncReport>(
      `${ADMIN_PLUGINS_URL}/sync`,
      body,
    );
  }

  snapshots(limit = 20, offset = 0): Observable<SnapshotPage> {
    const params = new HttpParams().set('limit', limit).set('offset', offset);
    return this.http.get<SnapshotPage>(SNAPSHOTS_URL, { params });
  }

  restore(
    snapshotId: string,
    body: PolicyChangeRequest,
  ): Observable<RestoreResult> {
    return this.http.post<RestoreResult>(
      `${SNAPSHOTS_URL}/${encodeURIComponent(snapshotId)}/restore`,
      body,
    );
  }

  auditLog(query: AuditLogQuery): Observable<AuditLogPage> {
    return this.http.get<AuditLogPage>(`${ADMIN_PLUGINS_URL}/audit-log`, {
      params: paramsOf(query),
    });
  }

  usageReport(query: UsageReportQuery): Observable<UsageReport> {
    return this.http.get<UsageReport>(USAGE_REPORT_URL, {
      params: paramsOf({ ...query, format: 'json' }),
    });
  }
}
