import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  input,
  type Type,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Router } from '@angular/router';
import type {
  ServerDetail,
  ServerPluginChain,
} from '@plugboard/shared-contracts';
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
  newInvokeResponse,
  newLevelPlugin,
  newMandatoryPlugin,
  newPluginSetting,
  newProblem,
  newServerChain,
  newServerChainEntry,
  newServerDetail,
  newTool,
  newTraceEntry,
  newWriteOutcome,
} from '../../../testing/factories';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import {
  BOOTSTRAP_URL,
  BootstrapService,
} from '../../core/bootstrap/bootstrap.service';
import { PLUGIN_COMPONENTS } from '../../plugin-ui/plugin-components';
import type {
  PluginUiComponent,
  PluginUiContext,
} from '../../plugin-ui/plugin-ui.types';
import {
  newBootstrapPayload,
  newPluginSlotEntry,
} from '../../../testing/factories';
import { ServerDetailPage, serverTabsOf } from './server-detail-page';

@Component({
  template: '<p>Calls of {{ context().serverId }}</p>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class CallsTabStub implements PluginUiComponent {
  readonly context = input<PluginUiContext>({});
}

describe('ServerDetailPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let root: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: PLUGIN_COMPONENTS,
          useValue: {
            'calls-stub': () =>
              Promise.resolve(CallsTabStub as Type<PluginUiComponent>),
          },
        },
        provideRouter(
          [{ path: 'servers/:serverId', component: ServerDetailPage }],
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

  async function open(server: ServerDetail): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/servers/${server.id}`, ServerDetailPage);
    root = harness.routeNativeElement as HTMLElement;
    http
      .expectOne({ method: 'GET', url: `/api/servers/${server.id}` })
      .flush(server);
    await settle();
  }

  function toolCard(name: string): HTMLElement {
    const card = root.querySelector<HTMLElement>(
      `article[aria-labelledby="tool-${name}"]`,
    );
    if (!card) {
      throw new Error(`No tool card ${name}`);
    }
    return card;
  }

  async function invoke(toolName: string, args: string): Promise<void> {
    const card = toolCard(toolName);
    typeInto(controlByLabel<HTMLTextAreaElement>(card, 'Arguments'), args);
    buttonByName(card, 'Invoke').click();
    await harness.fixture.whenStable();
  }

  it('shows the server and its tools', async () => {
    const server = newServerDetail({
      name: 'production_tools',
      teamName: 'Engineering',
      tools: [
        newTool({ name: 'echo' }),
        newTool({
          name: 'lookup',
          target: { type: 'http', url: 'https://api.example.com/x' },
        }),
      ],
    });

    await open(server);

    expect(root.querySelector('h1')?.textContent).toBe('production_tools');
    expect(text(root)).toContain('Engineering');
    expect(text(toolCard('echo'))).toContain('echo');
    expect(text(toolCard('lookup'))).toContain('https://api.example.com/x');
  });

  it('shows the problem detail when the server cannot be loaded', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/servers/missing', ServerDetailPage);
    root = harness.routeNativeElement as HTMLElement;

    http.expectOne('/api/servers/missing').flush(
      newProblem({
        status: 404,
        code: 'NOT_FOUND',
        detail: 'Server missing not found.',
      }),
      { status: 404, statusText: 'Not Found' },
    );
    await settle();

    expect(alerts(root)).toEqual(['Server missing not found.']);
  });

  it('offers managing and invoking tools only as the permissions allow', async () => {
    await open(
      newServerDetail({
        tools: [newTool({ name: 'echo' })],
        permissions: {
          update: false,
          delete: false,
          manageTools: false,
          invoke: false,
        },
      }),
    );

    expect(queryButton(root, 'Delete tool echo')).toBeUndefined();
    expect(queryButton(root, 'Invoke')).toBeUndefined();
    expect(queryButton(root, 'Add tool')).toBeUndefined();
  });

  describe('invoke', () => {
    it('refuses arguments that are not a JSON object, without calling the API', async () => {
      await open(newServerDetail({ tools: [newTool({ name: 'echo' })] }));

      await invoke('echo', '["hello"]');
      expect(text(toolCard('echo'))).toContain('Must be a JSON object');

      await invoke('echo', '{"message": ');
      expect(text(toolCard('echo'))).toContain('Not valid JSON');
      expect(
        controlByLabel(toolCard('echo'), 'Arguments').getAttribute(
          'aria-invalid',
        ),
      ).toBe('true');

      http.expectNone(() => true);
    });

    it('sends the arguments and shows the result as JSON and the trace', async () => {
      const server = newServerDetail({
        tools: [newTool({ name: 'echo' }), newTool({ name: 'search' })],
      });
      await open(server);

      await invoke('echo', '{"message": "hello"}');
      const request = http.expectOne({
        method: 'POST',
        url: `/api/servers/${server.id}/tools/echo/invoke`,
      });
      expect(request.request.body).toEqual({ arguments: { message: 'hello' } });
      request.flush(
        newInvokeResponse({
          result: { message: 'hello' },
          trace: [
            newTraceEntry({
              plugin: 'pii_filter',
              hook: 'tool_pre_invoke',
              outcome: 'modified',
              durationMs: 0.25,
            }),
            newTraceEntry({
              plugin: 'audit',
              hook: 'tool_post_invoke',
              outcome: 'continue',
              durationMs: 1,
            }),
          ],
        }),
      );
      await settle();

      const card = toolCard('echo');
      expect(
        card.querySelector('[data-testid="invoke-result"]')?.textContent,
      ).toBe(JSON.stringify({ message: 'hello' }, null, 2));
      const rows = Array.from(card.querySelectorAll('tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) => text(cell)),
      );
      expect(rows).toEqual([
        ['pii_filter', 'tool_pre_invoke', 'modified', '0.25'],
        ['audit', 'tool_post_invoke', 'continue', '1'],
      ]);
      expect(card.querySelector('.outcome')?.getAttribute('aria-live')).toBe(
        'polite',
      );
      expect(
        toolCard('search').querySelector('[data-testid="invoke-result"]'),
      ).toBeNull();
    });

    it('says so when no plugin ran', async () => {
      await open(newServerDetail({ tools: [newTool({ name: 'echo' })] }));

      await invoke('echo', '{}');
      http
        .expectOne((request) => request.url.endsWith('/tools/echo/invoke'))
        .flush(newInvokeResponse({ trace: [] }));
      await settle();

      expect(text(toolCard('echo'))).toContain('No plugin ran for this call.');
    });

    it('shows a plugin violation prominently with its reason', async () => {
      await open(newServerDetail({ tools: [newTool({ name: 'echo' })] }));

      await invoke('echo', '{"message": "my SSN is 123-45-6789"}');
      http
        .expectOne((request) => request.url.endsWith('/tools/echo/invoke'))
        .flush(
          newProblem({
            status: 403,
            code: 'PLUGIN_VIOLATION',
            title: 'Blocked by a plugin',
            detail: 'pii_filter: SSN detected',
          }),
          {
            status: 403,
            statusText: 'Forbidden',
          },
        );
      await settle();

      const violation = toolCard('echo').querySelector(
        '[data-testid="plugin-violation"]',
      );
      expect(violation?.getAttribute('role')).toBe('alert');
      expect(violation?.querySelector('strong')?.textContent).toBe(
        'Blocked by a plugin',
      );
      expect(violation?.querySelector('p')?.textContent).toBe(
        'pii_filter: SSN detected',
      );
      expect(
        toolCard('echo').querySelector('[data-testid="invoke-result"]'),
      ).toBeNull();
    });

    it('shows any other failure by its detail', async () => {
      await open(newServerDetail({ tools: [newTool({ name: 'echo' })] }));

      await invoke('echo', '{}');
      http
        .expectOne((request) => request.url.endsWith('/tools/echo/invoke'))
        .flush(
          newProblem({
            status: 504,
            code: 'UPSTREAM_TIMEOUT',
            detail: 'The upstream did not answer in 5000 ms.',
          }),
          {
            status: 504,
            statusText: 'Gateway Timeout',
          },
        );
      await settle();

      expect(alerts(toolCard('echo'))).toEqual([
        'The upstream did not answer in 5000 ms.',
      ]);
      expect(
        toolCard('echo').querySelector('[data-testid="plugin-violation"]'),
      ).toBeNull();
    });
  });

  describe('tools', () => {
    it('deletes a tool after confirmation and reloads the server', async () => {
      const server = newServerDetail({
        tools: [newTool({ name: 'echo' }), newTool({ name: 'search' })],
      });
      await open(server);

      buttonByName(toolCard('search'), 'Delete tool search').click();
      await harness.fixture.whenStable();
      http.expectNone((request) => request.method === 'DELETE');
      buttonByName(toolCard('search'), 'Yes, delete').click();
      await harness.fixture.whenStable();

      http
        .expectOne({
          method: 'DELETE',
          url: `/api/servers/${server.id}/tools/search`,
        })
        .flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      http
        .expectOne({ method: 'GET', url: `/api/servers/${server.id}` })
        .flush({ ...server, tools: [server.tools[0]] });
      await settle();

      expect(
        root.querySelector('article[aria-labelledby="tool-search"]'),
      ).toBeNull();
      expect(text(root)).toContain('Tool search deleted.');
    });

    it('can back out of deleting', async () => {
      await open(newServerDetail({ tools: [newTool({ name: 'echo' })] }));

      buttonByName(toolCard('echo'), 'Delete tool echo').click();
      await harness.fixture.whenStable();
      buttonByName(toolCard('echo'), 'Cancel').click();
      await harness.fixture.whenStable();

      expect(queryButton(toolCard('echo'), 'Yes, delete')).toBeUndefined();
    });

    it('shows why a delete failed', async () => {
      const server = newServerDetail({ tools: [newTool({ name: 'echo' })] });
      await open(server);

      buttonByName(toolCard('echo'), 'Delete tool echo').click();
      await harness.fixture.whenStable();
      buttonByName(toolCard('echo'), 'Yes, delete').click();
      await harness.fixture.whenStable();
      http
        .expectOne({
          method: 'DELETE',
          url: `/api/servers/${server.id}/tools/echo`,
        })
        .flush(
          newProblem({
            status: 403,
            code: 'FORBIDDEN',
            detail: 'Only the owner can delete tools.',
          }),
          { status: 403, statusText: 'Forbidden' },
        );
      await settle();

      expect(alerts(root)).toEqual(['Only the owner can delete tools.']);
    });

    it('adds an HTTP tool and reloads the server', async () => {
      const server = newServerDetail({ tools: [] });
      await open(server);
      const form = root.querySelector<HTMLElement>(
        'pb-add-tool-form',
      ) as HTMLElement;

      typeInto(controlByLabel(form, 'Tool name'), 'lookup');
      choose(controlByLabel<HTMLSelectElement>(form, 'Target'), 'http');
      await harness.fixture.whenStable();
      typeInto(
        controlByLabel(form, 'Upstream URL'),
        'https://api.example.com/lookup',
      );
      typeInto(
        controlByLabel<HTMLTextAreaElement>(form, 'Input schema'),
        '{"type": "object"}',
      );
      buttonByName(form, 'Add tool').click();
      await harness.fixture.whenStable();

      const request = http.expectOne({
        method: 'POST',
        url: `/api/servers/${server.id}/tools`,
      });
      expect(request.request.body).toEqual({
        name: 'lookup',
        inputSchema: { type: 'object' },
        target: { type: 'http', url: 'https://api.example.com/lookup' },
      });
      const added = newTool({
        name: 'lookup',
        target: { type: 'http', url: 'https://api.example.com/lookup' },
      });
      request.flush(added);
      await settle();
      http
        .expectOne({ method: 'GET', url: `/api/servers/${server.id}` })
        .flush({ ...server, tools: [added] });
      await settle();

      expect(toolCard('lookup')).toBeTruthy();
      expect(text(root)).toContain('Tool lookup added.');
      expect(controlByLabel(form, 'Tool name').value).toBe('');
    });

    it('checks the tool form before sending and shows server-side field errors', async () => {
      const server = newServerDetail({ tools: [] });
      await open(server);
      const form = root.querySelector<HTMLElement>(
        'pb-add-tool-form',
      ) as HTMLElement;

      choose(controlByLabel<HTMLSelectElement>(form, 'Target'), 'http');
      await harness.fixture.whenStable();
      buttonByName(form, 'Add tool').click();
      await harness.fixture.whenStable();
      http.expectNone(`/api/servers/${server.id}/tools`);
      expect(text(form)).toContain('Give the tool a name.');
      expect(text(form)).toContain('An HTTP tool needs the URL to call.');

      typeInto(controlByLabel(form, 'Tool name'), 'echo');
      typeInto(
        controlByLabel(form, 'Upstream URL'),
        'https://internal.example.com',
      );
      buttonByName(form, 'Add tool').click();
      await harness.fixture.whenStable();
      http.expectOne(`/api/servers/${server.id}/tools`).flush(
        newProblem({
          status: 409,
          code: 'ALREADY_EXISTS',
          detail: 'A tool named echo already exists on this server.',
          errors: [{ pointer: '/name', message: 'already taken' }],
        }),
        { status: 409, statusText: 'Conflict' },
      );
      await settle();

      expect(alerts(form)).toEqual([
        'A tool named echo already exists on this server.',
      ]);
      expect(
        controlByLabel(form, 'Tool name').getAttribute('aria-invalid'),
      ).toBe('true');
      expect(text(form)).toContain('already taken');
    });
  });

  describe('plugins tab', () => {
    function tab(name: string): HTMLButtonElement {
      const found = Array.from(
        root.querySelectorAll<HTMLButtonElement>('[role="tab"]'),
      ).find((candidate) => candidate.textContent?.trim() === name);
      if (!found) {
        throw new Error(`No tab ${name}`);
      }
      return found;
    }

    function panel(id: string): HTMLElement {
      return root.querySelector(`#panel-${id}`) as HTMLElement;
    }

    async function openPlugins(
      server: ServerDetail,
      chain: ServerPluginChain,
    ): Promise<void> {
      await open(server);
      tab('Plugins').click();
      await settle();
      http
        .expectOne({
          method: 'GET',
          url: `/api/servers/${server.id}/plugins`,
        })
        .flush(chain);
      await settle();
    }

    function chainRows(): string[][] {
      return Array.from(
        panel('plugins').querySelectorAll(
          '[data-testid="plugin-chain"] tbody tr',
        ),
      ).map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) =>
          text(cell as HTMLElement),
        ),
      );
    }

    it('shows tools first and loads the chain only when Plugins is opened', async () => {
      const server = newServerDetail();
      await open(server);

      expect(tab('Tools').getAttribute('aria-selected')).toBe('true');
      expect(panel('plugins').hidden).toBe(true);
      http.expectNone(`/api/servers/${server.id}/plugins`);

      tab('Plugins').click();
      await settle();

      expect(TestBed.inject(Router).url).toBe(
        `/servers/${server.id}?tab=plugins`,
      );
      expect(tab('Plugins').getAttribute('aria-selected')).toBe('true');
      expect(panel('tools').hidden).toBe(true);
      http
        .expectOne(`/api/servers/${server.id}/plugins`)
        .flush(newServerChain({ serverId: server.id }));
      await settle();
      expect(text(panel('plugins'))).toContain(
        'No plugin runs on this server.',
      );
    });

    it('moves between tabs with the arrow keys', async () => {
      const server = newServerDetail();
      await open(server);

      tab('Tools').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }),
      );
      await settle();

      expect(tab('Plugins').getAttribute('aria-selected')).toBe('true');
      expect(tab('Plugins').getAttribute('tabindex')).toBe('0');
      expect(tab('Tools').getAttribute('tabindex')).toBe('-1');
      expect(document.activeElement).toBe(tab('Plugins'));
      http
        .expectOne(`/api/servers/${server.id}/plugins`)
        .flush(newServerChain());
      await settle();
    });

    it('shows the chain in execution order with badges, priority and where each config key comes from', async () => {
      const server = newServerDetail();
      await openPlugins(
        server,
        newServerChain({
          serverId: server.id,
          canWrite: false,
          chain: [
            newServerChainEntry({
              name: 'AuditLoggerPlugin',
              level: 'mandatory',
              badge: 'MANDATORY',
              priority: 1,
              config: { log_level: 'INFO' },
              configSources: { log_level: 'mandatory' },
            }),
            newServerChainEntry({
              name: 'RegexFilterPlugin',
              level: 'team',
              badge: 'TEAM DEFAULT',
              overriddenBy: ['user'],
              priority: 50,
              config: { blocked_patterns: ['internal-regex-123', 'mine'] },
              configSources: { blocked_patterns: 'user' },
            }),
          ],
          ignored: [
            {
              level: 'server',
              pluginName: 'PIIFilterPlugin',
              code: 'OVERRIDE_NOT_ALLOWED',
              reason: 'The platform does not allow server overrides',
            },
          ],
          plugins: [
            newMandatoryPlugin({
              reason: 'You may read these settings but not change them',
            }),
          ],
        }),
      );

      expect(chainRows()).toEqual([
        [
          '1',
          'AuditLoggerPlugin',
          '[MANDATORY]',
          '1',
          'enforce',
          'log_level "INFO" set by platform (mandatory)',
        ],
        [
          '2',
          'RegexFilterPlugin',
          '[TEAM DEFAULT] changed by user',
          '50',
          'enforce',
          'blocked_patterns ["internal-regex-123","mine"] set by user',
        ],
      ]);
      expect(
        Array.from(
          panel('plugins').querySelectorAll(
            '[data-testid="ignored-rows"] tbody tr',
          ),
        ).map((row) =>
          Array.from(row.querySelectorAll('th, td')).map((cell) =>
            text(cell as HTMLElement),
          ),
        ),
      ).toEqual([
        [
          'PIIFilterPlugin',
          'server',
          'The platform does not allow server overrides (OVERRIDE_NOT_ALLOWED)',
        ],
      ]);
      expect(
        panel('plugins').querySelector('[data-testid="read-only-note"]'),
      ).not.toBeNull();
      expect(panel('plugins').querySelector('#add-server-plugin')).toBeNull();
      expect(
        panel('plugins').querySelector('[data-testid="chain-degraded"]'),
      ).toBeNull();
    });

    it('warns about a degraded chain with its problems', async () => {
      const server = newServerDetail();
      await openPlugins(
        server,
        newServerChain({
          degraded: true,
          problems: [
            {
              code: 'PLUGIN_CONFLICT',
              plugin: 'DenyFilterPlugin',
              other: 'PIIFilterPlugin',
              message:
                'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
              suggestions: ['Keep DenyFilterPlugin disabled'],
            },
          ],
        }),
      );

      const warning = panel('plugins').querySelector(
        '[data-testid="chain-degraded"]',
      ) as HTMLElement;
      expect(warning.getAttribute('role')).toBe('alert');
      expect(text(warning)).toContain(
        'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory) — Keep DenyFilterPlugin disabled',
      );
    });

    it('lets the owner add a server plugin and reloads the chain', async () => {
      const server = newServerDetail();
      const deny = newLevelPlugin({ name: 'DenyFilterPlugin' });
      await openPlugins(
        server,
        newServerChain({
          serverId: server.id,
          plugins: [
            newMandatoryPlugin({ name: 'AuditLoggerPlugin' }),
            deny,
            newLevelPlugin({
              name: 'CustomMetricsPlugin',
              canToggle: false,
              canConfigure: false,
              reason: 'Not available for users (platform policy)',
            }),
          ],
        }),
      );
      const plugins = panel('plugins');
      const pick = controlByLabel<HTMLSelectElement>(
        plugins,
        'Add a server plugin',
      );
      expect(Array.from(pick.options).map((o) => o.value)).toEqual([
        'DenyFilterPlugin',
      ]);

      choose(pick, 'DenyFilterPlugin');
      buttonByName(plugins, 'Add').click();
      await settle();
      const card = plugins.querySelector('article') as HTMLElement;
      expect(document.activeElement).toBe(card.querySelector('h3'));
      (card.querySelector('[role="switch"]') as HTMLElement).click();
      await settle();
      typeInto(
        controlByLabel<HTMLTextAreaElement>(card, 'Config'),
        '{"blocked_tools": ["dangerous-delete-tool"]}',
      );
      buttonByName(card, 'Save DenyFilterPlugin').click();
      await settle();

      const write = http.expectOne({
        method: 'POST',
        url: `/api/servers/${server.id}/plugins`,
      });
      expect(write.request.body).toEqual({
        pluginName: 'DenyFilterPlugin',
        enabled: true,
        config: { blocked_tools: ['dangerous-delete-tool'] },
        inheritConfig: true,
      });
      write.flush(newWriteOutcome());
      await settle();
      http.expectOne(`/api/servers/${server.id}/plugins`).flush(
        newServerChain({
          serverId: server.id,
          chain: [
            newServerChainEntry({
              name: 'DenyFilterPlugin',
              level: 'server',
              badge: 'SERVER SPECIFIC',
            }),
          ],
          plugins: [
            {
              ...deny,
              enabled: true,
              origin: 'server',
              badge: 'SERVER SPECIFIC',
              setting: newPluginSetting({
                level: 'server',
                pluginName: 'DenyFilterPlugin',
              }),
            },
          ],
        }),
      );
      await settle();

      expect(chainRows()[0]?.slice(1, 3)).toEqual([
        'DenyFilterPlugin',
        '[SERVER SPECIFIC]',
      ]);
      expect(text(plugins)).toContain('Saved DenyFilterPlugin.');
      expect(
        queryButton(plugins, 'Remove server setting of DenyFilterPlugin'),
      ).toBeDefined();
    });
  });

  describe('plugin tabs (slot server:tabs)', () => {
    async function loadSlot(
      entries: ReturnType<typeof newPluginSlotEntry>[],
    ): Promise<void> {
      const loaded = TestBed.inject(BootstrapService).ensureLoaded('user-1');
      http
        .expectOne(BOOTSTRAP_URL)
        .flush(newBootstrapPayload({ slots: { 'server:tabs': entries } }));
      await loaded;
    }

    it('adds a tab per entry after the core tabs and renders it with the server id', async () => {
      await loadSlot([
        newPluginSlotEntry({
          slot: 'server:tabs',
          plugin: 'AuditLoggerPlugin',
          id: 'audit-logger-server-calls',
          component: 'calls-stub',
          title: 'Calls',
        }),
      ]);
      const server = newServerDetail({ id: 'srv-42' });
      await open(server);
      const tabs = Array.from(
        root.querySelectorAll<HTMLButtonElement>('[role="tab"]'),
      );
      expect(tabs.map((tab) => tab.textContent?.trim())).toEqual([
        'Tools',
        'Plugins',
        'Calls',
      ]);

      tabs[1]?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'End', bubbles: true }),
      );
      await settle();
      await settle();

      expect(TestBed.inject(Router).url).toBe(
        '/servers/srv-42?tab=audit-logger-server-calls',
      );
      const calls = tabs[2] as HTMLButtonElement;
      expect(calls.getAttribute('aria-selected')).toBe('true');
      expect(document.activeElement).toBe(calls);
      const panel = root.querySelector(
        `#${calls.getAttribute('aria-controls')}`,
      ) as HTMLElement;
      expect(panel.getAttribute('aria-labelledby')).toBe(calls.id);
      expect(panel.hidden).toBe(false);
      expect(text(panel)).toContain('Calls of srv-42');
    });

    it('opens Tools for a tab that is no longer there', async () => {
      await loadSlot([]);
      const server = newServerDetail();
      harness = await RouterTestingHarness.create();
      await harness.navigateByUrl(
        `/servers/${server.id}?tab=audit-logger-server-calls`,
        ServerDetailPage,
      );
      root = harness.routeNativeElement as HTMLElement;
      http.expectOne(`/api/servers/${server.id}`).flush(server);
      await settle();

      expect(
        root
          .querySelector('[role="tab"][aria-selected="true"]')
          ?.textContent?.trim(),
      ).toBe('Tools');
    });
  });
});

describe('serverTabsOf', () => {
  it('keeps the first entry of a repeated id and makes ids safe for the DOM', () => {
    const tabs = serverTabsOf([
      newPluginSlotEntry({ id: 'a.b:c', title: undefined, plugin: 'P1' }),
      newPluginSlotEntry({ id: 'a.b:c', title: 'Again', plugin: 'P2' }),
    ]);

    expect(tabs.map((tab) => [tab.key, tab.label, tab.domId])).toEqual([
      ['tools', 'Tools', 'tools'],
      ['plugins', 'Plugins', 'plugins'],
      ['a.b:c', 'P1', 'ext-a-b-c'],
    ]);
  });
});
