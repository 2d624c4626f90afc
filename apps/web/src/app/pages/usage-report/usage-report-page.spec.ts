import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { UsageReport } from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../testing/dom';
import { newProblem } from '../../../testing/factories';
import { adoptionBars, heatmapRows } from './usage-view.util';
import { UsageReportPage } from './usage-report-page';

const URL = '/api/admin/plugins/usage-report';

function newReport(overrides: Partial<UsageReport> = {}): UsageReport {
  const byLevel = { mandatory: 0, global: 0, team: 0, user: 0, server: 0 };
  return {
    generatedAt: '2026-11-23T10:00:00.000Z',
    totals: {
      servers: 2,
      plugins: 2,
      teamSettings: 1,
      userSettings: 0,
      serverSettings: 1,
    },
    plugins: [
      {
        name: 'PII',
        mandatory: true,
        enabledGlobally: true,
        availableForTeams: true,
        availableForUsers: true,
        servers: 2,
        byLevel: { ...byLevel, mandatory: 2 },
        disabled: 0,
      },
      {
        name: 'Deny',
        mandatory: false,
        enabledGlobally: false,
        availableForTeams: true,
        availableForUsers: true,
        servers: 1,
        byLevel: { ...byLevel, server: 1 },
        disabled: 0,
      },
    ],
    unusedPlugins: [],
    recentChanges: [
      {
        id: 'c1',
        at: '2026-11-23T09:00:00.000Z',
        actorEmail: 'a@example.com',
        action: 'setting.created',
        pluginName: 'Deny',
        level: 'server',
        entityType: 'server',
        entityId: 's1',
        entityName: 'prod',
        summary: 'a@example.com enabled Deny on server prod',
      },
    ],
    timeline: [],
    matrix: {
      plugins: ['PII', 'Deny'],
      total: 2,
      limit: 50,
      offset: 0,
      servers: [
        {
          serverId: 's1',
          serverName: 'prod',
          teamId: null,
          teamName: null,
          ownerEmail: 'o@example.com',
          degraded: false,
          cells: [
            {
              plugin: 'PII',
              level: 'mandatory',
              enabled: true,
              configSummary: '',
              modifiedBy: 'admin',
              modifiedAt: null,
            },
            {
              plugin: 'Deny',
              level: 'server',
              enabled: true,
              configSummary: 'words=[x]',
              modifiedBy: 'a@example.com',
              modifiedAt: null,
            },
          ],
        },
        {
          serverId: 's2',
          serverName: 'dev',
          teamId: null,
          teamName: null,
          ownerEmail: 'o@example.com',
          degraded: false,
          cells: [
            {
              plugin: 'PII',
              level: 'mandatory',
              enabled: true,
              configSummary: '',
              modifiedBy: 'admin',
              modifiedAt: null,
            },
          ],
        },
      ],
    },
    drillDown: null,
    ...overrides,
  };
}

describe('usage view helpers', () => {
  it('lays the matrix out by plugin column with text labels', () => {
    const rows = heatmapRows(newReport());
    expect(
      rows.map((row) => [row.serverName, ...row.cells.map((c) => c.label)]),
    ).toEqual([
      ['prod', 'mandatory', 'server'],
      ['dev', 'mandatory', '—'],
    ]);
    expect(rows[0].cells[1].title).toBe(
      'Deny: server, words=[x], by a@example.com',
    );
  });

  it('sizes adoption bars by share of servers', () => {
    expect(
      adoptionBars(newReport().plugins, 2).map((bar) => [
        bar.name,
        bar.percent,
        bar.label,
      ]),
    ).toEqual([
      ['PII', 100, '2 of 2 servers (100%)'],
      ['Deny', 50, '1 of 2 servers (50%)'],
    ]);
    expect(adoptionBars(newReport().plugins, 0)[0].percent).toBe(0);
  });
});

describe('UsageReportPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<UsageReportPage>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(UsageReportPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the heatmap, adoption, recent changes and export links', async () => {
    const root = await render();
    const request = http.expectOne((r) => r.url === URL);
    expect(request.request.params.get('format')).toBe('json');
    expect(request.request.params.get('limit')).toBe('50');
    request.flush(newReport());
    await settle();

    const cells = Array.from(
      root.querySelectorAll('[data-testid="heatmap"] tbody tr:first-child td'),
    );
    expect(cells.map((cell) => text(cell as HTMLElement))).toEqual([
      'mandatory',
      'server',
    ]);
    expect(cells[0].classList).toContain('lv-mandatory');
    expect(
      text(root.querySelector('[data-testid="adoption"]') as HTMLElement),
    ).toContain('1 of 2 servers (50%)');
    expect(
      text(root.querySelector('[data-testid="recent-changes"]') as HTMLElement),
    ).toContain('a@example.com enabled Deny on server prod');
    expect(
      root.querySelector('[data-testid="export-csv"]')?.getAttribute('href'),
    ).toBe(`${URL}?format=csv`);

    typeInto(controlByLabel(root, 'From'), '2026-11-01');
    buttonByName(root, 'Apply filters').click();
    await settle();
    const filtered = http.expectOne((r) => r.url === URL);
    expect(filtered.request.params.get('from')).toBe('2026-11-01');
    filtered.flush(newReport());
    await settle();
    expect(
      root.querySelector('[data-testid="export-json"]')?.getAttribute('href'),
    ).toBe(`${URL}?from=2026-11-01&format=json`);
  });

  it('drills down into a plugin from its column', async () => {
    const root = await render();
    http.expectOne((r) => r.url === URL).flush(newReport());
    await settle();

    buttonByName(root, 'Drill down Deny').click();
    await settle();
    const request = http.expectOne((r) => r.url === URL);
    expect(request.request.params.get('plugin')).toBe('Deny');
    request.flush(
      newReport({
        drillDown: {
          plugin: 'Deny',
          mandatory: false,
          summary: 'Total servers using it: 1',
          serversUsing: 1,
          serversTotal: 2,
          servers: [{ serverId: 's1', serverName: 'prod', level: 'server' }],
          teamConfigs: [],
          userOverrides: [],
          serverOverrides: [],
        },
      }),
    );
    await settle();

    expect(
      text(root.querySelector('[data-testid="drill-down"]') as HTMLElement),
    ).toContain('Total servers using it: 1');
    expect(controlByLabel(root, 'Plugin').value).toBe('Deny');
  });

  it('shows the problem’s detail', async () => {
    const root = await render();
    http
      .expectOne((r) => r.url === URL)
      .flush(newProblem({ status: 404, detail: 'No plugin X' }), {
        status: 404,
        statusText: 'Not Found',
      });
    await settle();

    expect(alerts(root)).toEqual(['No plugin X']);
  });
});
