// Typed calls to the plugin settings of a team, of the signed-in user and of a server.
// Pages speak of one neutral write; this service knows each level's URL and field names.
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreatePluginSettingRequest,
  CreateUserPluginSettingRequest,
  DeletePluginSettingRequest,
  LevelPluginSettings,
  PluginSettingRequest,
  ServerPluginChain,
  SettingWriteOutcome,
  UserPluginSettingRequest,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

/** Whose settings: a team's, the signed-in user's, or a server's. */
export type PluginScope =
  | { level: 'team'; teamId: string }
  | { level: 'user' }
  | { level: 'server'; serverId: string };

/**
 * A create or replace at any level. `inheritConfig` is sent as `inheritTeamConfig` on user
 * rows; `version` is the row's version when replacing (optimistic concurrency).
 */
export type PluginSettingWrite = PluginSettingRequest;

@Injectable({ providedIn: 'root' })
export class PluginSettingsApi {
  private readonly http = inject(HttpClient);

  teamSettings(teamId: string): Observable<LevelPluginSettings> {
    return this.http.get<LevelPluginSettings>(
      settingsUrl({ level: 'team', teamId }),
    );
  }

  mySettings(): Observable<LevelPluginSettings> {
    return this.http.get<LevelPluginSettings>(settingsUrl({ level: 'user' }));
  }

  serverChain(serverId: string): Observable<ServerPluginChain> {
    return this.http.get<ServerPluginChain>(
      settingsUrl({ level: 'server', serverId }),
    );
  }

  /** POST: the scope has no row for the plugin yet. A dry run answers 200, a create 201. */
  create(
    scope: PluginScope,
    pluginName: string,
    write: PluginSettingWrite,
  ): Observable<SettingWriteOutcome> {
    const body: CreatePluginSettingRequest | CreateUserPluginSettingRequest = {
      pluginName,
      ...forLevel(scope, write),
    };
    return this.http.post<SettingWriteOutcome>(settingsUrl(scope), body);
  }

  /** PUT: replaces the scope's row; send the row's `version`. */
  replace(
    scope: PluginScope,
    pluginName: string,
    write: PluginSettingWrite,
  ): Observable<SettingWriteOutcome> {
    return this.http.put<SettingWriteOutcome>(
      settingUrl(scope, pluginName),
      forLevel(scope, write),
    );
  }

  /** DELETE: the scope's row goes; the plugin is as the levels above make it. */
  remove(
    scope: PluginScope,
    pluginName: string,
    body: DeletePluginSettingRequest,
  ): Observable<SettingWriteOutcome> {
    return this.http.delete<SettingWriteOutcome>(
      settingUrl(scope, pluginName),
      { body },
    );
  }
}

export function settingsUrl(scope: PluginScope): string {
  switch (scope.level) {
    case 'team':
      return `/api/teams/${encodeURIComponent(scope.teamId)}/plugins`;
    case 'user':
      return '/api/users/me/plugins';
    case 'server':
      return `/api/servers/${encodeURIComponent(scope.serverId)}/plugins`;
  }
}

function settingUrl(scope: PluginScope, pluginName: string): string {
  return `${settingsUrl(scope)}/${encodeURIComponent(pluginName)}`;
}

function forLevel(
  scope: PluginScope,
  write: PluginSettingWrite,
): PluginSettingRequest | UserPluginSettingRequest {
  if (scope.level !== 'user' || write.inheritConfig === undefined) {
    return write;
  }
  const { inheritConfig, ...rest } = write;
  return { ...rest, inheritTeamConfig: inheritConfig };
}
