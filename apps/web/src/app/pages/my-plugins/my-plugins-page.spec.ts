import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { LevelPluginSettings, Me } from '@plugboard/shared-contracts';
import {
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  text,
} from '../../../testing/dom';
import {
  newLevelPlugin,
  newLevelSettings,
  newMandatoryPlugin,
  newMe,
  newPluginSetting,
  newTeamRef,
  newWriteOutcome,
} from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AuthService, ME_URL } from '../../core/auth/auth.service';
import { MyPluginsPage } from './my-plugins-page';

const URL = '/api/users/me/plugins';

describe('MyPluginsPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let root: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: 'me/plugins', component: MyPluginsPage }]),
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
    me: Me = newMe(),
  ): Promise<void> {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(me);
    await session;
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/me/plugins', MyPluginsPage);
    root = harness.routeNativeElement as HTMLElement;
    http.expectOne({ method: 'GET', url: URL }).flush(settings);
    await settle();
  }

  function group(title: string): string[] {
    const heading = Array.from(root.querySelectorAll('h2')).find(
      (h) => h.textContent === title,
    );
    const section = heading?.closest('section');
    if (!section) {
      throw new Error(`No group ${title}`);
    }
    return Array.from(section.querySelectorAll('article h3')).map(
      (h) => h.textContent ?? '',
    );
  }

  const regexFromTeam = newLevelPlugin({
    name: 'RegexFilterPlugin',
    enabled: true,
    origin: 'team',
    badge: 'TEAM DEFAULT',
    priority: 50,
    config: { blocked_patterns: ['internal-regex-123'] },
  });

  it('shows the hierarchy Mandatory > Team defaults > Mine', async () => {
    await open(
      newLevelSettings(
        [
          newMandatoryPlugin({ name: 'AuditLoggerPlugin' }),
          newLevelPlugin({ name: 'DenyFilterPlugin' }),
          regexFromTeam,
          newLevelPlugin({
            name: 'ResourceFilterPlugin',
            enabled: true,
            origin: 'user',
            badge: 'USER DEFAULT',
            setting: newPluginSetting({ level: 'user' }),
          }),
        ],
        { level: 'user' },
      ),
    );

    expect(
      Array.from(root.querySelectorAll('h2')).map((h) => h.textContent),
    ).toEqual(['Mandatory', 'Team defaults', 'Mine', 'Available']);
    expect(group('Mandatory')).toEqual(['AuditLoggerPlugin']);
    expect(group('Team defaults')).toEqual(['RegexFilterPlugin']);
    expect(group('Mine')).toEqual(['ResourceFilterPlugin']);
    expect(group('Available')).toEqual(['DenyFilterPlugin']);
    expect(root.querySelector('[data-testid="customization-note"]')).toBeNull();
  });

  it('saves my own config on a team default with "Inherit team config"', async () => {
    await open(newLevelSettings([regexFromTeam], { level: 'user' }));
    const card = root.querySelector('article') as HTMLElement;

    const inherit = controlByLabel(card, 'Inherit team config');
    expect(inherit.checked).toBe(true);
    inherit.click();
    await harness.fixture.whenStable();
    buttonByName(card, 'Save RegexFilterPlugin').click();
    await harness.fixture.whenStable();

    const request = http.expectOne({ method: 'POST', url: URL });
    expect(request.request.body).toEqual({
      pluginName: 'RegexFilterPlugin',
      enabled: true,
      config: {},
      inheritTeamConfig: false,
    });
    request.flush(newWriteOutcome());
    await settle();
    http.expectOne({ method: 'GET', url: URL }).flush(
      newLevelSettings(
        [
          {
            ...regexFromTeam,
            setting: newPluginSetting({
              level: 'user',
              pluginName: 'RegexFilterPlugin',
              inheritConfig: false,
            }),
          },
        ],
        { level: 'user' },
      ),
    );
    await settle();

    expect(root.querySelector('.page > [role="status"]')?.textContent).toBe(
      'Saved RegexFilterPlugin.',
    );
    expect(controlByLabel(root, 'Inherit team config').checked).toBe(false);
  });

  it('says clearly when customization is turned off', async () => {
    const reason = 'Plugin customization is turned off for you';
    await open(
      newLevelSettings(
        [
          newMandatoryPlugin({ reason }),
          newLevelPlugin({ canToggle: false, canConfigure: false, reason }),
        ],
        { level: 'user' },
      ),
      newMe({ pluginCustomizationAllowed: false }),
    );

    const note = root.querySelector(
      '[data-testid="customization-note"]',
    ) as HTMLElement;
    expect(note.getAttribute('role')).toBe('note');
    expect(text(note)).toContain(`${reason}.`);
    expect(root.querySelectorAll('textarea')).toHaveLength(0);
    expect(
      root.querySelector<HTMLButtonElement>('[role="switch"]')?.disabled,
    ).toBe(true);
  });

  it('explains missing team defaults for someone in several teams', async () => {
    await open(
      newLevelSettings([], { level: 'user' }),
      newMe({ teams: [newTeamRef(), newTeamRef()] }),
    );

    expect(
      root.querySelector('[data-testid="several-teams-note"]'),
    ).not.toBeNull();
  });
});
