// The plugin catalog (GET /api/plugins) and the test playground (POST /api/admin/plugins/test).
// The playground's request and answer are not in shared-contracts yet; typed here after
// apps/api/src/plugins-runtime/playground.service.ts.
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { PluginCatalog } from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export const CATALOG_URL = '/api/plugins';
export const PLUGIN_TEST_URL = '/api/admin/plugins/test';

export type HookName =
  | 'tool_pre_invoke'
  | 'tool_post_invoke'
  | 'resource_pre_fetch'
  | 'resource_post_fetch'
  | 'prompt_pre_fetch'
  | 'prompt_post_fetch';

/** Every hook of the SDK, in its order (the catalog does not say which ones a plugin implements). */
export const HOOK_NAMES: readonly HookName[] = [
  'tool_pre_invoke',
  'tool_post_invoke',
  'resource_pre_fetch',
  'resource_post_fetch',
  'prompt_pre_fetch',
  'prompt_post_fetch',
];

export interface PluginTestRequest {
  pluginName: string;
  hook: HookName;
  config: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export interface PluginViolation {
  code: string;
  reason: string;
  details?: Record<string, unknown>;
}

export interface PluginTestResult {
  result: { continueProcessing: boolean; violation?: PluginViolation };
  /** null when the hook left the payload as it was. */
  modifiedPayload: unknown;
  durationMs: number;
  errors: string[];
}

@Injectable({ providedIn: 'root' })
export class PlaygroundApi {
  private readonly http = inject(HttpClient);

  catalog(): Observable<PluginCatalog> {
    return this.http.get<PluginCatalog>(CATALOG_URL);
  }

  test(request: PluginTestRequest): Observable<PluginTestResult> {
    return this.http.post<PluginTestResult>(PLUGIN_TEST_URL, request);
  }
}
