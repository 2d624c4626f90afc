import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { HOOK_NAMES, type Me } from '@plugboard/shared-contracts';
import {
  alerts,
  buttonByName,
  choose,
  controlByLabel,
  flushMicrotasks,
  queryButton,
  text,
  typeInto,
} from '../../../testing/dom';
import {
  newMe,
  newPluginCatalogItem,
  newProblem,
  newServerSummary,
  newTeamRef,
} from '../../../testing/factories';
import { AuthService, ME_URL } from '../../core/auth/auth.service';
import {
  CATALOG_URL,
  PLUGIN_TEST_URL,
} from '../../core/plugins/playground-api';
import { PlaygroundPage } from './playground-page';

const SERVERS_URL = '/api/servers';
const PII_HOOKS = [
  'tool_pre_invoke',
  'tool_post_invoke',
  'resource_post_fetch',
  'prompt_pre_fetch',
  'prompt_post_fetch',
] as const;

describe('PlaygroundPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PlaygroundPage>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    await flushMicrotasks();
    await fixture.whenStable();
  }

  async function render(me: Me = newMe({ id: 'me' })): Promise<HTMLElement> {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(me);
    await session;
    fixture = TestBed.createComponent(PlaygroundPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    http.expectOne(CATALOG_URL).flush({
      items: [
        newPluginCatalogItem({
          name: 'PIIFilterPlugin',
          mandatory: true,
          defaultConfig: { action: 'mask', mask: '[REDACTED]' },
          hooks: [...PII_HOOKS],
        }),
        newPluginCatalogItem({
          name: 'RegexFilterPlugin',
          hooks: ['tool_pre_invoke', 'prompt_pre_fetch'],
        }),
        newPluginCatalogItem({
          name: 'FetchFilterPlugin',
          hooks: ['resource_pre_fetch', 'prompt_pre_fetch'],
        }),
        newPluginCatalogItem({ name: 'GreeterPlugin', hooks: [] }),
        newPluginCatalogItem({
          name: 'Broken',
          status: 'unavailable',
          hooks: [],
        }),
      ],
    });
    http
      .expectOne((r) => r.url === SERVERS_URL)
      .flush({
        items: [newServerSummary({ id: 'srv-1', name: 'mine', ownerId: 'me' })],
        total: 1,
        limit: 200,
        offset: 0,
      });
    await settle();
    return fixture.nativeElement as HTMLElement;
  }

  function options(select: HTMLSelectElement): string[] {
    return Array.from(select.options).map((option) => option.text.trim());
  }

  it('offers the usable plugins, then the chosen plugin’s hooks, and fills in its default config', async () => {
    const root = await render();
    const plugin = controlByLabel<HTMLSelectElement>(root, 'Plugin');
    const hook = controlByLabel<HTMLSelectElement>(root, 'Hook');

    expect(options(plugin)).toEqual([
      'Choose a plugin',
      'PIIFilterPlugin',
      'RegexFilterPlugin',
      'FetchFilterPlugin',
      'GreeterPlugin',
    ]);
    expect(text(root)).toContain('1 other plugin is not loaded or not available to you.');
    expect(options(hook)).toEqual([...HOOK_NAMES]);

    choose(plugin, 'PIIFilterPlugin');
    await settle();
    expect(options(hook)).toEqual([...PII_HOOKS]);
    expect(hook.value).toBe('tool_pre_invoke');
    expect(text(root)).toContain('The hooks PIIFilterPlugin implements.');
    expect(
      JSON.parse(controlByLabel<HTMLTextAreaElement>(root, 'Config (JSON)').value),
    ).toEqual({ action: 'mask', mask: '[REDACTED]' });

    choose(plugin, 'RegexFilterPlugin');
    await settle();
    expect(options(hook)).toEqual(['tool_pre_invoke', 'prompt_pre_fetch']);
  });

  it('moves to the chosen plugin’s first hook, with its sample payload, when it lacks the current one', async () => {
    const root = await render();
    const hook = controlByLabel<HTMLSelectElement>(root, 'Hook');
    const payload = controlByLabel<HTMLTextAreaElement>(root, 'Sample payload (JSON)');
    expect(hook.value).toBe('tool_pre_invoke');

    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'FetchFilterPlugin');
    await settle();
    expect(options(hook)).toEqual(['resource_pre_fetch', 'prompt_pre_fetch']);
    expect(hook.value).toBe('resource_pre_fetch');
    expect(JSON.parse(payload.value)).toEqual({
      server: { id: 'playground', name: 'playground' },
      uri: 'https://docs.example.com/runbook',
    });

    buttonByName(root, 'Run').click();
    await settle();
    const request = http.expectOne(PLUGIN_TEST_URL);
    expect(request.request.body).toMatchObject({
      pluginName: 'FetchFilterPlugin',
      hook: 'resource_pre_fetch',
    });
    request.flush({
      result: { continueProcessing: true },
      modifiedPayload: null,
      durationMs: 1,
      errors: [],
    });
    await settle();
  });

  it('says so and runs nothing when the chosen plugin implements no hook', async () => {
    const root = await render();
    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'GreeterPlugin');
    await settle();

    const hook = controlByLabel<HTMLSelectElement>(root, 'Hook');
    expect(options(hook)).toEqual([]);
    expect(hook.disabled).toBe(true);
    expect(text(root)).toContain(
      'GreeterPlugin implements no hook, so there is nothing to run.',
    );
    expect(buttonByName(root, 'Run').disabled).toBe(true);
    http.expectNone(PLUGIN_TEST_URL);
  });

  it('says so when no plugin is available to test', async () => {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(newMe({ platformRole: 'viewer' }));
    await session;
    fixture = TestBed.createComponent(PlaygroundPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    http.expectOne(CATALOG_URL).flush({
      items: [
        newPluginCatalogItem({
          availability: { team: false, user: false, server: false },
        }),
        newPluginCatalogItem({
          availability: { team: false, user: false, server: false },
        }),
      ],
    });
    http
      .expectOne((r) => r.url === SERVERS_URL)
      .flush({ items: [], total: 0, limit: 200, offset: 0 });
    await settle();
    const root = fixture.nativeElement as HTMLElement;

    expect(text(root)).toContain(
      'No plugin is available to you to test: 2 plugins are not loaded or not available to you.',
    );
    expect(queryButton(root, 'Run')).toBeUndefined();
  });

  it('shows the problem’s detail when the catalog cannot be loaded', async () => {
    const session = TestBed.inject(AuthService).ensureSession();
    http.expectOne(ME_URL).flush(newMe());
    await session;
    fixture = TestBed.createComponent(PlaygroundPage);
    fixture.autoDetectChanges();
    await fixture.whenStable();
    http
      .expectOne(CATALOG_URL)
      .flush(newProblem({ status: 500, detail: 'Catalog down (ref 42)' }), {
        status: 500,
        statusText: 'Internal Server Error',
      });
    http
      .expectOne((r) => r.url === SERVERS_URL)
      .flush({ items: [], total: 0, limit: 200, offset: 0 });
    await settle();

    expect(alerts(fixture.nativeElement as HTMLElement)).toEqual([
      'Catalog down (ref 42)',
    ]);
  });

  it('runs the hook and shows the modified payload, time and errors', async () => {
    const root = await render();
    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'PIIFilterPlugin');
    await settle();
    typeInto(
      controlByLabel<HTMLTextAreaElement>(root, 'Sample payload (JSON)'),
      '{"server": {"id": "s", "name": "s"}, "tool": {"name": "echo"}, "arguments": {"ssn": "123-45-6789"}}',
    );
    buttonByName(root, 'Run').click();
    await settle();

    const request = http.expectOne(PLUGIN_TEST_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      pluginName: 'PIIFilterPlugin',
      hook: 'tool_pre_invoke',
      config: { action: 'mask', mask: '[REDACTED]' },
      payload: {
        server: { id: 's', name: 's' },
        tool: { name: 'echo' },
        arguments: { ssn: '123-45-6789' },
      },
    });
    request.flush({
      result: { continueProcessing: true },
      modifiedPayload: { arguments: { ssn: '[REDACTED]' } },
      durationMs: 0.42,
      errors: ['a warning'],
    });
    await settle();

    const result = root.querySelector(
      '[data-testid="playground-result"]',
    ) as HTMLElement;
    const field = (id: string) =>
      text(result.querySelector(`[data-testid="${id}"]`) as HTMLElement);
    expect(field('playground-outcome')).toBe('Continue');
    expect(field('playground-duration')).toBe('0.42 ms');
    expect(
      JSON.parse(
        result.querySelector('[data-testid="playground-modified"]')
          ?.textContent ?? '',
      ),
    ).toEqual({ arguments: { ssn: '[REDACTED]' } });
    expect(text(result)).toContain('a warning');
  });

  it('shows a violation with its code, reason and details', async () => {
    const root = await render();
    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'PIIFilterPlugin');
    await settle();
    buttonByName(root, 'Run').click();
    await settle();
    http.expectOne(PLUGIN_TEST_URL).flush({
      result: {
        continueProcessing: false,
        violation: {
          code: 'PII_DETECTED',
          reason: 'PII detected in the arguments: SSN',
          details: { kind: 'SSN' },
        },
      },
      modifiedPayload: null,
      durationMs: 1,
      errors: [],
    });
    await settle();

    const violation = root.querySelector(
      '[data-testid="playground-violation"]',
    ) as HTMLElement;
    expect(text(violation)).toContain('Violation PII_DETECTED');
    expect(text(violation)).toContain('PII detected in the arguments: SSN');
    expect(text(violation)).toContain('"kind": "SSN"');
    expect(
      text(root.querySelector('[data-testid="playground-outcome"]') as HTMLElement),
    ).toBe('Blocked');
    expect(text(root)).toContain('The hook left the payload unchanged.');
  });

  it('validates both editors before sending anything', async () => {
    const root = await render();
    const config = controlByLabel<HTMLTextAreaElement>(root, 'Config (JSON)');
    typeInto(config, '{"action":');
    typeInto(
      controlByLabel<HTMLTextAreaElement>(root, 'Sample payload (JSON)'),
      '[]',
    );
    buttonByName(root, 'Run').click();
    await settle();

    http.expectNone(PLUGIN_TEST_URL);
    expect(text(root)).toContain('Pick a plugin.');
    expect(config.getAttribute('aria-invalid')).toBe('true');
    expect(text(root)).toMatch(/Not valid JSON/);
    expect(text(root)).toContain('Must be a JSON object');
  });

  it('shows the problem’s detail and places its field errors under the editors', async () => {
    const root = await render();
    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'PIIFilterPlugin');
    await settle();
    buttonByName(root, 'Run').click();
    await settle();
    http.expectOne(PLUGIN_TEST_URL).flush(
      newProblem({
        status: 422,
        code: 'CONFIG_INVALID',
        detail: "The config does not match PIIFilterPlugin's schema",
        errors: [{ pointer: '/config/action', message: 'must be mask or block' }],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();

    expect(alerts(root)).toContain(
      "The config does not match PIIFilterPlugin's schema",
    );
    expect(text(root)).toContain('action: must be mask or block');
    expect(
      controlByLabel<HTMLTextAreaElement>(root, 'Config (JSON)').getAttribute(
        'aria-invalid',
      ),
    ).toBe('true');
  });

  it('saves the config where the caller may, and shows the API’s reason when it refuses', async () => {
    const root = await render(
      newMe({
        id: 'me',
        teams: [newTeamRef({ id: 'team-1', name: 'Eng', role: 'owner' })],
      }),
    );
    choose(controlByLabel<HTMLSelectElement>(root, 'Plugin'), 'RegexFilterPlugin');
    await settle();
    typeInto(
      controlByLabel<HTMLTextAreaElement>(root, 'Config (JSON)'),
      '{"blocked_patterns": ["secret"]}',
    );
    const target = controlByLabel<HTMLSelectElement>(root, 'Save to');
    expect(options(target)).toEqual([
      'Choose where',
      'My plugins',
      'Team Eng',
      'Server mine',
    ]);
    expect(buttonByName(root, 'Save config').disabled).toBe(true);

    choose(target, 'server:srv-1');
    await settle();
    buttonByName(root, 'Save config').click();
    await settle();
    const refused = http.expectOne('/api/servers/srv-1/plugins/RegexFilterPlugin');
    expect(refused.request.method).toBe('PUT');
    refused.flush(
      newProblem({
        status: 409,
        code: 'OVERRIDE_NOT_ALLOWED',
        detail: 'RegexFilterPlugin does not allow server overrides',
        suggestions: ['Ask a platform admin'],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(alerts(root).join(' ')).toContain(
      'RegexFilterPlugin does not allow server overrides',
    );
    expect(text(root)).toContain('Ask a platform admin');

    choose(target, 'user');
    await settle();
    buttonByName(root, 'Save config').click();
    await settle();
    const saved = http.expectOne('/api/users/me/plugins/RegexFilterPlugin');
    expect(saved.request.method).toBe('PUT');
    expect(saved.request.body).toEqual({
      enabled: true,
      config: { blocked_patterns: ['secret'] },
    });
    saved.flush({ dryRun: false, setting: null, autoEnabled: [], plan: {} });
    await settle();

    const status = root.querySelector(
      '[data-testid="save-status"]',
    ) as HTMLElement;
    expect(text(status)).toContain(
      'Saved RegexFilterPlugin’s config to My plugins.',
    );
    expect(status.querySelector('a')?.getAttribute('href')).toBe('/me/plugins');
    expect(alerts(root)).toEqual([]);
  });
});
