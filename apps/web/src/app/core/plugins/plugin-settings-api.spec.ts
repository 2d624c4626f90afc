import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import {
  newLevelSettings,
  newServerChain,
  newWriteOutcome,
} from '../../../testing/factories';
import { PluginSettingsApi, settingsUrl } from './plugin-settings-api';

describe('PluginSettingsApi', () => {
  let api: PluginSettingsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(PluginSettingsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('addresses each level by its own URL, escaping ids', () => {
    expect(settingsUrl({ level: 'team', teamId: 't 1' })).toBe(
      '/api/teams/t%201/plugins',
    );
    expect(settingsUrl({ level: 'user' })).toBe('/api/users/me/plugins');
    expect(settingsUrl({ level: 'server', serverId: 's/1' })).toBe(
      '/api/servers/s%2F1/plugins',
    );
  });

  it('reads a team, my settings and a server chain', async () => {
    const team = newLevelSettings([]);
    const mine = newLevelSettings([], { level: 'user' });
    const chain = newServerChain({ serverId: 's1' });

    const loaded = Promise.all([
      firstValueFrom(api.teamSettings('t1')),
      firstValueFrom(api.mySettings()),
      firstValueFrom(api.serverChain('s1')),
    ]);
    http.expectOne({ method: 'GET', url: '/api/teams/t1/plugins' }).flush(team);
    http.expectOne({ method: 'GET', url: '/api/users/me/plugins' }).flush(mine);
    http
      .expectOne({ method: 'GET', url: '/api/servers/s1/plugins' })
      .flush(chain);

    expect(await loaded).toEqual([team, mine, chain]);
  });

  it('creates with the plugin name in the body', async () => {
    const outcome = newWriteOutcome();
    const created = firstValueFrom(
      api.create({ level: 'team', teamId: 't1' }, 'RegexFilterPlugin', {
        enabled: true,
        config: { blocked_patterns: ['x'] },
        inheritConfig: false,
        dryRun: true,
      }),
    );

    const request = http.expectOne({
      method: 'POST',
      url: '/api/teams/t1/plugins',
    });
    expect(request.request.body).toEqual({
      pluginName: 'RegexFilterPlugin',
      enabled: true,
      config: { blocked_patterns: ['x'] },
      inheritConfig: false,
      dryRun: true,
    });
    request.flush(outcome);
    expect(await created).toEqual(outcome);
  });

  it('sends inheritConfig as inheritTeamConfig on user rows only', async () => {
    const mine = firstValueFrom(
      api.replace({ level: 'user' }, 'RegexFilterPlugin', {
        enabled: true,
        inheritConfig: false,
        version: 3,
      }),
    );
    const server = firstValueFrom(
      api.replace({ level: 'server', serverId: 's1' }, 'RegexFilterPlugin', {
        enabled: true,
        inheritConfig: false,
        version: 2,
      }),
    );

    const user = http.expectOne({
      method: 'PUT',
      url: '/api/users/me/plugins/RegexFilterPlugin',
    });
    expect(user.request.body).toEqual({
      enabled: true,
      inheritTeamConfig: false,
      version: 3,
    });
    const onServer = http.expectOne({
      method: 'PUT',
      url: '/api/servers/s1/plugins/RegexFilterPlugin',
    });
    expect(onServer.request.body).toEqual({
      enabled: true,
      inheritConfig: false,
      version: 2,
    });
    user.flush(newWriteOutcome());
    onServer.flush(newWriteOutcome());
    await Promise.all([mine, server]);
  });

  it('deletes with the version in the body', async () => {
    const removed = firstValueFrom(
      api.remove({ level: 'team', teamId: 't1' }, 'DenyFilterPlugin', {
        version: 4,
      }),
    );

    const request = http.expectOne({
      method: 'DELETE',
      url: '/api/teams/t1/plugins/DenyFilterPlugin',
    });
    expect(request.request.body).toEqual({ version: 4 });
    request.flush(newWriteOutcome({ setting: null }));
    expect((await removed).setting).toBeNull();
  });
});
