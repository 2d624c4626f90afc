// Typed calls to /api/teams. Hand-written until the OpenAPI-generated client lands.
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Page,
  TeamDetail,
  TeamSummary,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export interface TeamListQuery {
  limit: number;
  offset: number;
}

const TEAMS_URL = '/api/teams';

@Injectable({ providedIn: 'root' })
export class TeamsApi {
  private readonly http = inject(HttpClient);

  /** The caller's teams (every team for a platform admin), each with `myRole`. */
  list(query: TeamListQuery): Observable<Page<TeamSummary>> {
    const params = new HttpParams()
      .set('limit', query.limit)
      .set('offset', query.offset);
    return this.http.get<Page<TeamSummary>>(TEAMS_URL, { params });
  }

  get(teamId: string): Observable<TeamDetail> {
    return this.http.get<TeamDetail>(
      `${TEAMS_URL}/${encodeURIComponent(teamId)}`,
    );
  }
}
