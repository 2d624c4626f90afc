import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { newPromotionImpact } from '../../../testing/factories';
import { AdminApi } from './admin-api';

describe('AdminApi', () => {
  let api: AdminApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(AdminApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('promotes and demotes by the plugin’s own URL with the body as given', async () => {
    const impact = newPromotionImpact();
    const promoted = firstValueFrom(
      api.changeMandatory('Regex Plugin', 'promote', { dryRun: true }),
    );
    const promote = http.expectOne({
      method: 'POST',
      url: '/api/admin/plugins/Regex%20Plugin/promote-to-mandatory',
    });
    expect(promote.request.body).toEqual({ dryRun: true });
    promote.flush(impact);
    expect(await promoted).toEqual(impact);

    const demoted = firstValueFrom(
      api.changeMandatory('P', 'demote', { dryRun: false, reason: 'why' }),
    );
    const demote = http.expectOne({
      method: 'POST',
      url: '/api/admin/plugins/P/demote-to-optional',
    });
    expect(demote.request.body).toEqual({ dryRun: false, reason: 'why' });
    demote.flush(impact);
    await demoted;
  });

  it('sends only the audit log filters that are set', () => {
    void firstValueFrom(
      api.auditLog({ plugin: 'P', level: '', actor: undefined, limit: 50 }),
    );
    const request = http.expectOne(
      (r) => r.url === '/api/admin/plugins/audit-log',
    );
    expect(request.request.params.keys().sort()).toEqual(['limit', 'plugin']);
    expect(request.request.params.get('plugin')).toBe('P');
    request.flush({ items: [], nextCursor: null });
  });

  it('syncs, lists snapshots and restores one', () => {
    void firstValueFrom(api.sync({}));
    http
      .expectOne({ method: 'POST', url: '/api/admin/plugins/sync' })
      .flush({});
    void firstValueFrom(api.snapshots(10));
    const list = http.expectOne((r) => r.url === '/api/admin/policy/snapshots');
    expect(list.request.params.get('limit')).toBe('10');
    list.flush({ items: [], total: 0, limit: 10, offset: 0 });
    void firstValueFrom(api.restore('s1', { dryRun: true }));
    const restore = http.expectOne({
      method: 'POST',
      url: '/api/admin/policy/snapshots/s1/restore',
    });
    expect(restore.request.body).toEqual({ dryRun: true });
    restore.flush({});
  });
});
