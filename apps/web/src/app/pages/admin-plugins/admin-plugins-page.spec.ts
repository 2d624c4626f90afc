import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import {
  alerts,
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../testing/dom';
import {
  newProblem,
  newPromotionImpact,
  newRegistryEntry,
} from '../../../testing/factories';
import { AdminPluginsPage } from './admin-plugins-page';

const REGISTRY = '/api/admin/plugins/global';
const SNAPSHOTS = '/api/admin/policy/snapshots';

describe('AdminPluginsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  let fixture: ComponentFixture<AdminPluginsPage>;

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(AdminPluginsPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  function flushLists(
    entries = [
      newRegistryEntry({ name: 'ResourceFilterPlugin', mandatory: false }),
      newRegistryEntry({
        name: 'PIIFilterPlugin',
        mandatory: true,
        availableForUsers: false,
        allowTeamOverride: false,
        allowServerOverride: false,
      }),
    ],
  ): void {
    http.expectOne(REGISTRY).flush({ items: entries });
    http
      .expectOne((r) => r.url === SNAPSHOTS)
      .flush({ items: [], total: 0, limit: 10, offset: 0 });
  }

  it('shows the registry with badges, availability and overrides', async () => {
    const root = await render();
    flushLists();
    await settle();

    const rows = Array.from(
      root.querySelectorAll('[data-testid="registry-table"] tbody tr'),
    );
    expect(rows.map((row) => row.getAttribute('data-plugin'))).toEqual([
      'ResourceFilterPlugin',
      'PIIFilterPlugin',
    ]);
    expect(text(rows[0] as HTMLElement)).toContain('[OPTIONAL]');
    expect(text(rows[1] as HTMLElement)).toContain('[MANDATORY]');
    expect(text(rows[1] as HTMLElement)).toContain('teams');
    expect(text(rows[1] as HTMLElement)).toContain('none');
    expect(buttonByName(root, 'Make optional PIIFilterPlugin')).toBeTruthy();
  });

  it('shows the dry-run impact, then commits with the reason and reloads', async () => {
    const root = await render();
    flushLists();
    await settle();

    buttonByName(root, 'Make mandatory ResourceFilterPlugin').click();
    const dryRun = http.expectOne({
      method: 'POST',
      url: '/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory',
    });
    expect(dryRun.request.body).toEqual({ dryRun: true });
    dryRun.flush(
      newPromotionImpact({
        pluginName: 'ResourceFilterPlugin',
        summary: 'This will enable ResourceFilterPlugin on all 3 servers',
        rows: {
          removed: {
            total: 4,
            byLevel: { team: 1, user: 2, server: 1 },
            truncated: false,
          },
          kept: {
            total: 0,
            byLevel: { team: 0, user: 0, server: 0 },
            truncated: false,
          },
        },
      }),
    );
    await settle();

    const panel = root.querySelector(
      '[data-testid="confirm-panel"]',
    ) as HTMLElement;
    expect(text(panel)).toContain(
      'This will enable ResourceFilterPlugin on all 3 servers',
    );
    const terms = Array.from(panel.querySelectorAll('dt, dd')).map((cell) =>
      text(cell as HTMLElement),
    );
    expect(terms).toEqual([
      'Servers affected',
      '2 of 3',
      'Setting rows removed',
      '4 (team 1, user 2, server 1)',
      'Setting rows kept',
      '0',
      'Teams notified',
      '1 (1 owners)',
    ]);

    typeInto(controlByLabel<HTMLTextAreaElement>(root, 'Reason'), ' policy ');
    buttonByName(root, 'Confirm make mandatory').click();
    const commit = http.expectOne({
      method: 'POST',
      url: '/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory',
    });
    expect(commit.request.body).toEqual({ dryRun: false, reason: 'policy' });
    commit.flush(
      newPromotionImpact({ dryRun: false, summary: 'Enabled everywhere' }),
    );
    await settle();
    flushLists([
      newRegistryEntry({ name: 'ResourceFilterPlugin', mandatory: true }),
    ]);
    await settle();

    expect(root.querySelector('[data-testid="confirm-panel"]')).toBeNull();
    expect(text(root)).toContain('Done: Enabled everywhere');
    expect(text(root)).toContain('[MANDATORY]');
  });

  it('shows the problem’s detail when the change fails', async () => {
    const root = await render();
    flushLists();
    await settle();

    buttonByName(root, 'Make mandatory ResourceFilterPlugin').click();
    http
      .expectOne({
        method: 'POST',
        url: '/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory',
      })
      .flush(newProblem({ status: 409, detail: 'It conflicts with X' }), {
        status: 409,
        statusText: 'Conflict',
      });
    await settle();

    expect(alerts(root)).toContain('It conflicts with X');
    expect(root.querySelector('[data-testid="confirm-panel"]')).toBeNull();
  });

  it('syncs from YAML and shows the report', async () => {
    const root = await render();
    flushLists();
    await settle();

    buttonByName(root, 'Sync from YAML').click();
    http.expectOne({ method: 'POST', url: '/api/admin/plugins/sync' }).flush({
      file: 'plugins/config.yaml',
      dryRun: false,
      force: false,
      created: ['NewPlugin'],
      updated: [],
      kept: [],
      removed: [],
      unchanged: ['A', 'B'],
      warnings: [],
    });
    await settle();
    flushLists();
    await settle();

    const report = root.querySelector(
      '[data-testid="sync-report"]',
    ) as HTMLElement;
    expect(text(report)).toContain('Created: NewPlugin');
    expect(text(report)).toContain('Unchanged: 2 plugin(s)');
    expect(text(root)).toContain('Synced from plugins/config.yaml.');
  });
});
