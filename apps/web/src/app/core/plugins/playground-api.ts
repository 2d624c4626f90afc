// The plugin catalog (GET /api/plugins) and the test playground (POST /api/admin/plugins/test).
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  PluginCatalog,
  PluginTestRequest,
  PluginTestResult,
} from '@plugboard/shared-contracts';
import type { Observable } from 'rxjs';

export const CATALOG_URL = '/api/plugins';
export const PLUGIN_TEST_URL = '/api/admin/plugins/test';

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
