import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import type { LevelPluginView } from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  controlByLabel,
  flushMicrotasks,
  queryButton,
  text,
  typeInto,
} from '../../../testing/dom';
import {
  newChainPlan,
  newLevelPlugin,
  newMandatoryPlugin,
  newPage,
  newPluginSetting,
  newProblem,
  newServerPlan,
  newServerSummary,
  newWriteOutcome,
} from '../../../testing/factories';
import type { PluginScope } from '../../core/plugins/plugin-settings-api';
import { PluginSettingCard, type SettingChange } from './plugin-setting-card';

const TEAM: PluginScope = { level: 'team', teamId: 'team-eng' };
const TEAM_URL = '/api/teams/team-eng/plugins';

describe('PluginSettingCard', () => {
  let fixture: ComponentFixture<PluginSettingCard>;
  let http: HttpTestingController;
  let root: HTMLElement;
  let changes: SettingChange[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(
    plugin: LevelPluginView,
    scope: PluginScope = TEAM,
  ): Promise<void> {
    fixture = TestBed.createComponent(PluginSettingCard);
    fixture.componentRef.setInput('plugin', plugin);
    fixture.componentRef.setInput('scope', scope);
    changes = [];
    fixture.componentInstance.changed.subscribe((change) =>
      changes.push(change),
    );
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  function toggle(): HTMLButtonElement {
    const element = root.querySelector<HTMLButtonElement>('[role="switch"]');
    if (!element) {
      throw new Error('No switch');
    }
    return element;
  }

  async function click(name: string): Promise<void> {
    buttonByName(root, name).click();
    await fixture.whenStable();
  }

  it('shows a mandatory plugin greyed out with its badge and no switch', async () => {
    await render(newMandatoryPlugin({ name: 'AuditLoggerPlugin' }));

    expect(root.querySelector('article')?.classList).toContain('mandatory');
    expect(
      root.querySelector('[data-testid="plugin-badge"]')?.textContent,
    ).toBe('[MANDATORY]');
    expect(root.querySelector('[role="switch"]')).toBeNull();
    expect(text(root)).toContain('Always on');
    expect(root.querySelector('textarea')).toBeNull();
  });

  it('disables what the API does not allow and says why', async () => {
    await render(
      newLevelPlugin({
        name: 'CustomMetricsPlugin',
        canToggle: false,
        canConfigure: false,
        reason: 'Not available for teams (platform policy)',
      }),
    );

    const reason = root.querySelector('[data-testid="plugin-reason"]');
    expect(toggle().disabled).toBe(true);
    expect(toggle().getAttribute('aria-describedby')).toBe(reason?.id);
    expect(toggle().getAttribute('title')).toBe(
      'Not available for teams (platform policy)',
    );
    expect(reason?.textContent?.trim()).toBe(
      'Not available for teams (platform policy)',
    );
    expect(queryButton(root, 'Save CustomMetricsPlugin')).toBeUndefined();
  });

  it('is an accessible switch that opens the editor when switched on', async () => {
    await render(newLevelPlugin({ name: 'RegexFilterPlugin' }));

    expect(toggle().getAttribute('aria-checked')).toBe('false');
    expect(toggle().getAttribute('aria-label')).toBe(
      'Enable RegexFilterPlugin',
    );
    expect(root.querySelector('textarea')).toBeNull();

    toggle().click();
    await fixture.whenStable();

    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(controlByLabel<HTMLTextAreaElement>(root, 'Config').value).toBe(
      '{}',
    );
    expect(text(root)).toContain('Unsaved changes');
    http.expectNone(() => true);
  });

  it('creates the row with the parsed config and announces it', async () => {
    await render(newLevelPlugin({ name: 'RegexFilterPlugin' }));
    toggle().click();
    await fixture.whenStable();
    typeInto(
      controlByLabel<HTMLTextAreaElement>(root, 'Config'),
      '{"blocked_patterns": ["internal-regex-123"]}',
    );

    await click('Save RegexFilterPlugin');
    const request = http.expectOne({ method: 'POST', url: TEAM_URL });
    expect(request.request.body).toEqual({
      pluginName: 'RegexFilterPlugin',
      enabled: true,
      config: { blocked_patterns: ['internal-regex-123'] },
      inheritConfig: true,
    });
    request.flush(newWriteOutcome({ autoEnabled: [] }));
    await settle();

    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Saved RegexFilterPlugin.',
    );
    expect(changes).toEqual([
      { pluginName: 'RegexFilterPlugin', message: 'Saved RegexFilterPlugin.' },
    ]);
  });

  it('replaces an existing row with its version, inherit flag and priority', async () => {
    await render(
      newLevelPlugin({
        name: 'RegexFilterPlugin',
        enabled: true,
        origin: 'team',
        badge: 'TEAM DEFAULT',
        setting: newPluginSetting({
          pluginName: 'RegexFilterPlugin',
          config: { blocked_patterns: ['a'] },
          version: 4,
        }),
      }),
    );

    controlByLabel(root, 'Inherit config').click();
    typeInto(controlByLabel(root, 'Priority'), '15');
    await fixture.whenStable();
    await click('Save RegexFilterPlugin');

    const request = http.expectOne({
      method: 'PUT',
      url: `${TEAM_URL}/RegexFilterPlugin`,
    });
    expect(request.request.body).toEqual({
      enabled: true,
      config: { blocked_patterns: ['a'] },
      inheritConfig: false,
      priority: 15,
      version: 4,
    });
    request.flush(newWriteOutcome());
    await settle();
  });

  it('sends nothing when nothing changed', async () => {
    await render(
      newLevelPlugin({
        name: 'RegexFilterPlugin',
        enabled: true,
        setting: newPluginSetting({ pluginName: 'RegexFilterPlugin' }),
      }),
    );

    await click('Save RegexFilterPlugin');

    http.expectNone(() => true);
    expect(text(root)).toContain('No changes to save.');
  });

  it('checks the config is a JSON object before sending', async () => {
    await render(newLevelPlugin({ name: 'RegexFilterPlugin', enabled: true }));
    const config = controlByLabel<HTMLTextAreaElement>(root, 'Config');

    typeInto(config, '["not", "an", "object"]');
    await click('Save RegexFilterPlugin');

    http.expectNone(() => true);
    expect(config.getAttribute('aria-invalid')).toBe('true');
    const error = root.querySelector(
      `#${config.getAttribute('aria-describedby')?.split(' ')[1]}`,
    );
    expect(error?.textContent).toContain('Must be a JSON object');
  });

  it('places CONFIG_INVALID errors next to the config field', async () => {
    await render(newLevelPlugin({ name: 'RegexFilterPlugin', enabled: true }));
    typeInto(
      controlByLabel<HTMLTextAreaElement>(root, 'Config'),
      '{"blocked_patterns": [2]}',
    );
    await click('Save RegexFilterPlugin');
    http.expectOne({ method: 'POST', url: TEAM_URL }).flush(
      newProblem({
        status: 422,
        code: 'CONFIG_INVALID',
        detail: 'RegexFilterPlugin: /blocked_patterns/0 must be string',
        errors: [{ pointer: '/blocked_patterns/0', message: 'must be string' }],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();

    const config = controlByLabel<HTMLTextAreaElement>(root, 'Config');
    expect(config.getAttribute('aria-invalid')).toBe('true');
    expect(text(root.querySelector('ul.field-error') as HTMLElement)).toBe(
      '/blocked_patterns/0: must be string',
    );
    expect(alerts(root)[0]).toContain(
      'RegexFilterPlugin: /blocked_patterns/0 must be string',
    );
    expect(changes).toEqual([]);
  });

  it('shows a conflict with its suggestions and no retry', async () => {
    await render(newLevelPlugin({ name: 'DenyFilterPlugin' }));
    toggle().click();
    await fixture.whenStable();

    await click('Save DenyFilterPlugin');
    http.expectOne({ method: 'POST', url: TEAM_URL }).flush(
      newProblem({
        status: 409,
        code: 'PLUGIN_CONFLICT',
        detail: 'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
        suggestions: [
          'Keep DenyFilterPlugin disabled: PIIFilterPlugin is mandatory',
        ],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    const alert = root.querySelector('[role="alert"]') as HTMLElement;
    expect(text(alert)).toContain(
      'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
    );
    expect(
      Array.from(alert.querySelectorAll('[data-testid="suggestions"] li')).map(
        (li) => li.textContent?.trim(),
      ),
    ).toEqual(['Keep DenyFilterPlugin disabled: PIIFilterPlugin is mandatory']);
    expect(queryButton(root, 'Enable requirements too')).toBeUndefined();
  });

  it('retries a missing requirement with autoEnableRequirements', async () => {
    await render(newLevelPlugin({ name: 'CachingPlugin' }));
    toggle().click();
    await fixture.whenStable();
    await click('Save CachingPlugin');
    http.expectOne({ method: 'POST', url: TEAM_URL }).flush(
      newProblem({
        status: 409,
        code: 'PLUGIN_REQUIREMENT_MISSING',
        detail: 'CachingPlugin requires AuthenticationPlugin to be enabled',
        suggestions: ['Enable AuthenticationPlugin at the same level'],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    await click('Enable requirements too');
    const retry = http.expectOne({ method: 'POST', url: TEAM_URL });
    expect(retry.request.body).toEqual({
      pluginName: 'CachingPlugin',
      enabled: true,
      config: {},
      inheritConfig: true,
      autoEnableRequirements: true,
    });
    retry.flush(newWriteOutcome({ autoEnabled: ['AuthenticationPlugin'] }));
    await settle();

    expect(alerts(root)).toEqual([]);
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Saved CachingPlugin. Also enabled: AuthenticationPlugin.',
    );
  });

  it('previews the impact with a dry run and names the affected servers', async () => {
    await render(newLevelPlugin({ name: 'RegexFilterPlugin' }));
    toggle().click();
    await fixture.whenStable();

    await click('Preview impact of RegexFilterPlugin');
    const dryRun = http.expectOne({ method: 'POST', url: TEAM_URL });
    expect(dryRun.request.body).toEqual(
      expect.objectContaining({ dryRun: true, enabled: true }),
    );
    dryRun.flush(
      newWriteOutcome({
        dryRun: true,
        plan: {
          template: newChainPlan({
            changes: [
              { plugin: 'RegexFilterPlugin', change: 'added', fields: [] },
            ],
          }),
          servers: [
            newServerPlan({
              serverId: 's1',
              changes: [
                {
                  plugin: 'AuditLoggerPlugin',
                  change: 'unchanged',
                  fields: [],
                },
                { plugin: 'RegexFilterPlugin', change: 'added', fields: [] },
              ],
            }),
            newServerPlan({ serverId: 's2', changes: [] }),
          ],
        },
      }),
    );
    await settle();
    const names = http.expectOne(
      (request) =>
        request.url === '/api/servers' &&
        request.params.get('teamId') === 'team-eng',
    );
    names.flush(
      newPage([
        newServerSummary({ id: 's1', name: 'production_tools' }),
        newServerSummary({ id: 's2', name: 'dev_tools' }),
      ]),
    );
    await settle();

    const plan = root.querySelector('pb-write-plan') as HTMLElement;
    expect(text(plan)).toContain('Nothing was saved.');
    expect(text(plan)).toContain('RegexFilterPlugin added');
    expect(text(plan)).toContain('Servers affected: 1 (1 unchanged)');
    const servers = plan.querySelectorAll<HTMLElement>(
      '[data-testid="plan-server"]',
    );
    expect(servers).toHaveLength(1);
    expect(servers[0]?.querySelector('strong')?.textContent).toBe(
      'production_tools',
    );
    expect(
      Array.from(servers[0]?.querySelectorAll('li') ?? []).map((li) =>
        text(li),
      ),
    ).toEqual(['+ RegexFilterPlugin added']);
    expect(plan.parentElement?.getAttribute('aria-live')).toBe('polite');
    expect(changes).toEqual([]);
  });

  it('removes the row after confirmation, with its version', async () => {
    await render(
      newLevelPlugin({
        name: 'RegexFilterPlugin',
        enabled: true,
        setting: newPluginSetting({ version: 2 }),
      }),
    );

    await click('Remove team setting of RegexFilterPlugin');
    http.expectNone(() => true);
    await click('Yes, remove');

    const request = http.expectOne({
      method: 'DELETE',
      url: `${TEAM_URL}/RegexFilterPlugin`,
    });
    expect(request.request.body).toEqual({ version: 2 });
    request.flush(newWriteOutcome({ setting: null }));
    await settle();

    expect(changes).toEqual([
      {
        pluginName: 'RegexFilterPlugin',
        message: 'Removed the team setting of RegexFilterPlugin.',
      },
    ]);
  });

  it('offers a reload when the row changed meanwhile', async () => {
    await render(
      newLevelPlugin({
        name: 'RegexFilterPlugin',
        enabled: true,
        setting: newPluginSetting({ version: 2 }),
      }),
    );
    toggle().click();
    await fixture.whenStable();
    await click('Save RegexFilterPlugin');
    http
      .expectOne({ method: 'PUT', url: `${TEAM_URL}/RegexFilterPlugin` })
      .flush(
        newProblem({
          status: 409,
          code: 'VERSION_CONFLICT',
          detail: 'The setting is at version 3, not 2: reload and retry',
        }),
        { status: 409, statusText: 'Conflict' },
      );
    await settle();

    expect(alerts(root)[0]).toContain('reload and retry');
    await click('Reload');
    expect(changes).toEqual([{ pluginName: 'RegexFilterPlugin', message: '' }]);
  });

  it('keeps a draft when the page reloads the same state, and resets it when the row changed', async () => {
    const plugin = newLevelPlugin({
      name: 'RegexFilterPlugin',
      enabled: true,
      setting: newPluginSetting({ config: { a: 1 }, version: 1 }),
    });
    await render(plugin);
    typeInto(controlByLabel<HTMLTextAreaElement>(root, 'Config'), '{"b": 2}');

    fixture.componentRef.setInput('plugin', { ...plugin });
    await fixture.whenStable();
    expect(controlByLabel<HTMLTextAreaElement>(root, 'Config').value).toBe(
      '{"b": 2}',
    );

    fixture.componentRef.setInput('plugin', {
      ...plugin,
      setting: newPluginSetting({ config: { c: 3 }, version: 2 }),
    });
    await fixture.whenStable();
    expect(controlByLabel<HTMLTextAreaElement>(root, 'Config').value).toBe(
      JSON.stringify({ c: 3 }, null, 2),
    );
  });
});
