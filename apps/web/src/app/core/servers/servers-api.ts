// Typed calls to /api/servers. Hand-written until the OpenAPI-generated client lands.
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateServerRequest,
  CreateToolRequest,
  InvokeToolRequest,
  InvokeResponse,
  Page,
  ServerDetail,
  ServerSummary,
  Tool,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export interface ServerListQuery {
  limit: number;
  offset: number;
  q?: string;
  /** Only the servers of this team. */
  teamId?: string;
}

const SERVERS_URL = '/api/servers';

@Injectable({ providedIn: 'root' })
export class ServersApi {
  private readonly http = inject(HttpClient);

  list(query: ServerListQuery): Observable<Page<ServerSummary>> {
    let params = new HttpParams()
      .set('limit', query.limit)
      .set('offset', query.offset);
    if (query.q) {
      params = params.set('q', query.q);
    }
    if (query.teamId) {
      params = params.set('teamId', query.teamId);
    }
    return this.http.get<Page<ServerSummary>>(SERVERS_URL, { params });
  }

  get(serverId: string): Observable<ServerDetail> {
    return this.http.get<ServerDetail>(serverUrl(serverId));
  }

  create(body: CreateServerRequest): Observable<ServerDetail> {
    return this.http.post<ServerDetail>(SERVERS_URL, body);
  }

  addTool(serverId: string, body: CreateToolRequest): Observable<Tool> {
    return this.http.post<Tool>(`${serverUrl(serverId)}/tools`, body);
  }

  deleteTool(serverId: string, toolName: string): Observable<void> {
    return this.http.delete<void>(toolUrl(serverId, toolName));
  }

  invoke(
    serverId: string,
    toolName: string,
    body: InvokeToolRequest,
  ): Observable<InvokeResponse> {
    return this.http.post<InvokeResponse>(
      `${toolUrl(serverId, toolName)}/invoke`,
      body,
    );
  }
}

function serverUrl(serverId: string): string {
  return `${SERVERS_URL}/${encodeURIComponent(serverId)}`;
}

function toolUrl(serverId: string, toolName: string): string {
  return `${serverUrl(serverId)}/tools/${encodeURIComponent(toolName)}`;
}

export type { CreateServerRequest, CreateToolRequest, InvokeToolRequest };
