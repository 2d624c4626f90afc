import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  LevelPluginSettings,
  TeamDetail,
} from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  text,
  typeInto,
} from '../../../testing/dom';
import {
  newLevelPlugin,
  newLevelSettings,
  newMandatoryPlugin,
  newPluginSetting,
  newProblem,
  newTeamDetail,
  newWriteOutcome,
} from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { TeamPluginsPage } from './team-plugins-page';

describe('TeamPluginsPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let root: HTMLElement;
  const team = newTeamDetail({ id: 'team-eng', name: 'Engineering' });
  const url = '/api/teams/team-eng/plugins';

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'teams/:teamId/plugins', component: TeamPluginsPage }],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await harness.fixture.whenStable();
  }

  async function open(
    settings: LevelPluginSettings,
    detail: TeamDetail = team,
  ): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/teams/${detail.id}/plugins`, TeamPluginsPage);
    root = harness.routeNativeElement as HTMLElement;
    http
      .expectOne({ method: 'GET', url: `/api/teams/${detail.id}` })
      .flush(detail);
    http.expectOne({ method: 'GET', url }).flush(settings);
    await settle();
  }

  function card(name: string): HTMLElement {
    const heading = Array.from(root.querySelectorAll('article h3')).find(
      (h) => h.textContent === name,
    );
    const article = heading?.closest('article');
    if (!article) {
      throw new Error(`No card ${name}`);
    }
    return article as HTMLElement;
  }

  function section(title: string): HTMLElement {
    const heading = Array.from(root.querySelectorAll('h2')).find(
      (h) => h.textContent === title,
    );
    return heading?.closest('section') as HTMLElement;
  }

  it('lists mandatory plugins apart from the optional ones', async () => {
    await open(
      newLevelSettings([
        newMandatoryPlugin({ name: 'AuditLoggerPlugin' }),
        newLevelPlugin({ name: 'DenyFilterPlugin' }),
        newMandatoryPlugin({ name: 'PIIFilterPlugin' }),
        newLevelPlugin({
          name: 'RegexFilterPlugin',
          enabled: true,
          badge: 'TEAM DEFAULT',
          origin: 'team',
          setting: newPluginSetting(),
        }),
      ]),
    );

    expect(root.querySelector('h1')?.textContent).toBe('Engineering plugins');
    const names = (title: string): string[] =>
      Array.from(section(title).querySelectorAll('article h3')).map(
        (h) => h.textContent ?? '',
      );
    expect(names('Mandatory plugins')).toEqual([
      'AuditLoggerPlugin',
      'PIIFilterPlugin',
    ]);
    expect(names('Optional plugins')).toEqual([
      'DenyFilterPlugin',
      'RegexFilterPlugin',
    ]);
    expect(
      section('Optional plugins').querySelectorAll('[role="switch"]'),
    ).toHaveLength(2);
    expect(text(card('RegexFilterPlugin'))).toContain('[TEAM DEFAULT]');
    expect(root.querySelector('[data-testid="read-only-note"]')).toBeNull();
  });

  it('is read-only for members, saying why once', async () => {
    const reason = 'You may read these settings but not change them';
    await open(
      newLevelSettings(
        [
          newMandatoryPlugin({ reason }),
          newLevelPlugin({
            name: 'RegexFilterPlugin',
            canToggle: false,
            canConfigure: false,
            reason,
          }),
        ],
        { canWrite: false },
      ),
      { ...team, myRole: 'member' },
    );

    expect(
      text(root.querySelector('[data-testid="read-only-note"]') as HTMLElement),
    ).toContain(`Read-only. ${reason}.`);
    expect(
      root.querySelector<HTMLButtonElement>('[role="switch"]')?.disabled,
    ).toBe(true);
    expect(root.querySelectorAll('textarea')).toHaveLength(0);
    expect(root.querySelectorAll('button[type="submit"]')).toHaveLength(0);
  });

  it('reloads the settings after a save and keeps the announcement', async () => {
    const regex = newLevelPlugin({ name: 'RegexFilterPlugin' });
    await open(newLevelSettings([regex]));

    (
      card('RegexFilterPlugin').querySelector('[role="switch"]') as HTMLElement
    ).click();
    await harness.fixture.whenStable();
    typeInto(
      controlByLabel<HTMLTextAreaElement>(card('RegexFilterPlugin'), 'Config'),
      '{"blocked_patterns": ["internal-regex-123"]}',
    );
    buttonByName(card('RegexFilterPlugin'), 'Save RegexFilterPlugin').click();
    await harness.fixture.whenStable();
    http.expectOne({ method: 'POST', url }).flush(newWriteOutcome());
    await settle();
    http.expectOne({ method: 'GET', url }).flush(
      newLevelSettings([
        {
          ...regex,
          enabled: true,
          badge: 'TEAM DEFAULT',
          origin: 'team',
          setting: newPluginSetting({
            pluginName: 'RegexFilterPlugin',
            config: { blocked_patterns: ['internal-regex-123'] },
          }),
        },
      ]),
    );
    await settle();

    const saved = card('RegexFilterPlugin');
    expect(text(saved)).toContain('[TEAM DEFAULT]');
    expect(text(saved)).toContain('Saved RegexFilterPlugin.');
    expect(
      saved.querySelector('[role="switch"]')?.getAttribute('aria-checked'),
    ).toBe('true');
    expect(
      controlByLabel<HTMLTextAreaElement>(saved, 'Config').value,
    ).toContain('internal-regex-123');
  });

  it('shows the problem detail when the team cannot be read', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/teams/other/plugins', TeamPluginsPage);
    root = harness.routeNativeElement as HTMLElement;
    const notFound = newProblem({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Team other was not found',
    });
    const settings = http.expectOne('/api/teams/other/plugins');
    http
      .expectOne('/api/teams/other')
      .flush(notFound, { status: 404, statusText: 'Not Found' });
    await settle();

    expect(settings.cancelled).toBe(true);

    expect(alerts(root)).toEqual(['Team other was not found']);
  });
});
