import { HOOK_NAMES } from '@plugboard/shared-contracts';
import { newMe, newPluginCatalogItem, newServerSummary, newTeamRef } from '../../../testing/factories';
import {
  buildTestRequest,
  editorErrors,
  keptHook,
  offeredHooks,
  playablePlugins,
  samplePayload,
  saveTargets,
} from './playground-form.util';

describe('playablePlugins', () => {
  it('keeps loaded plugins the caller may use somewhere', () => {
    const usable = newPluginCatalogItem({ name: 'Usable' });
    const serverOnly = newPluginCatalogItem({
      name: 'ServerOnly',
      availability: { team: false, user: false, server: true },
    });
    const unloaded = newPluginCatalogItem({
      name: 'Unloaded',
      status: 'unavailable',
    });
    const adminOnly = newPluginCatalogItem({
      name: 'AdminOnly',
      availability: { team: false, user: false, server: false },
    });

    expect(
      playablePlugins([usable, serverOnly, unloaded, adminOnly]).map(
        (item) => item.name,
      ),
    ).toEqual(['Usable', 'ServerOnly']);
  });
});

describe('offeredHooks', () => {
  it('offers every hook until a plugin is chosen', () => {
    expect(offeredHooks(undefined)).toEqual(HOOK_NAMES);
  });

  it('offers only the hooks the chosen plugin implements', () => {
    expect(
      offeredHooks(
        newPluginCatalogItem({ hooks: ['tool_pre_invoke', 'prompt_pre_fetch'] }),
      ),
    ).toEqual(['tool_pre_invoke', 'prompt_pre_fetch']);
    expect(offeredHooks(newPluginCatalogItem({ hooks: [] }))).toEqual([]);
  });
});

describe('keptHook', () => {
  it('keeps the current hook while it is offered', () => {
    expect(
      keptHook('prompt_pre_fetch', ['tool_pre_invoke', 'prompt_pre_fetch']),
    ).toBe('prompt_pre_fetch');
  });

  it('moves to the first offered hook otherwise', () => {
    expect(
      keptHook('tool_pre_invoke', ['resource_pre_fetch', 'prompt_pre_fetch']),
    ).toBe('resource_pre_fetch');
  });

  it('keeps the current hook when nothing is offered', () => {
    expect(keptHook('tool_post_invoke', [])).toBe('tool_post_invoke');
  });
});

describe('samplePayload', () => {
  it.each(HOOK_NAMES)('gives %s a payload with a server', (hook) => {
    const payload = samplePayload(hook);
    expect(payload['server']).toEqual({ id: 'playground', name: 'playground' });
    if (hook.startsWith('tool_')) {
      expect(payload['tool']).toEqual({ name: 'echo', resource: null });
      expect(typeof payload['arguments']).toBe('object');
    } else {
      expect(typeof payload['uri']).toBe('string');
    }
  });

  it('puts personal data in the tool arguments for the filters to find', () => {
    expect(JSON.stringify(samplePayload('tool_pre_invoke'))).toContain(
      '123-45-6789',
    );
  });
});

describe('buildTestRequest', () => {
  it('builds the request from two JSON objects (an empty config is {})', () => {
    expect(
      buildTestRequest('PIIFilterPlugin', 'tool_pre_invoke', ' ', '{"a": 1}'),
    ).toEqual({
      ok: true,
      value: {
        pluginName: 'PIIFilterPlugin',
        hook: 'tool_pre_invoke',
        config: {},
        payload: { a: 1 },
      },
    });
  });

  it('names every problem at once', () => {
    const result = buildTestRequest('', 'tool_pre_invoke', '{"a":', '[1]');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors['plugin']).toBe('Pick a plugin.');
      expect(result.errors['config']).toMatch(/^Not valid JSON/);
      expect(result.errors['payload']).toMatch(/^Must be a JSON object/);
    }
  });

  it('asks for a payload when there is none', () => {
    const result = buildTestRequest('P', 'tool_pre_invoke', '{}', '  ');
    expect(result.ok ? null : result.errors['payload']).toBe(
      'Enter a sample payload (a JSON object).',
    );
  });
});

describe('editorErrors', () => {
  it('groups the server’s field errors per editor, naming the field', () => {
    const errors = {
      'config.action': 'must be one of mask, block',
      'payload.server': 'must be an object with string id and name',
      payload: 'broken',
      plugin: 'Pick a plugin.',
    };
    expect(editorErrors(errors, 'config')).toEqual([
      'action: must be one of mask, block',
    ]);
    expect(editorErrors(errors, 'payload')).toEqual([
      'server: must be an object with string id and name',
      'broken',
    ]);
  });
});

describe('saveTargets', () => {
  const plugin = newPluginCatalogItem({ name: 'RegexFilterPlugin' });

  it('offers My plugins, teams the user owns and servers the user owns', () => {
    const me = newMe({
      id: 'me',
      teams: [
        newTeamRef({ id: 'owned', name: 'Owned', role: 'owner' }),
        newTeamRef({ id: 'member', name: 'Member', role: 'member' }),
      ],
    });
    const mine = newServerSummary({ id: 's1', name: 'mine', ownerId: 'me' });
    const theirs = newServerSummary({ id: 's2', name: 'theirs', ownerId: 'x' });

    expect(
      saveTargets(me, plugin, [mine, theirs]).map((target) => [
        target.key,
        target.label,
      ]),
    ).toEqual([
      ['user', 'My plugins'],
      ['team:owned', 'Team Owned'],
      ['server:s1', 'Server mine'],
    ]);
  });

  it('offers platform admins every team of theirs and every listed server', () => {
    const me = newMe({
      platformRole: 'admin',
      teams: [newTeamRef({ id: 't', role: 'member' })],
    });
    const server = newServerSummary({ id: 's', ownerId: 'someone-else' });

    expect(saveTargets(me, plugin, [server]).map((t) => t.key)).toEqual([
      'user',
      'team:t',
      'server:s',
    ]);
  });

  it('leaves out the levels the plugin is not available at, and My plugins when customization is off', () => {
    const me = newMe({
      pluginCustomizationAllowed: false,
      teams: [newTeamRef({ role: 'owner' })],
    });
    const serverOnly = newPluginCatalogItem({
      availability: { team: false, user: true, server: true },
    });
    const server = newServerSummary({ ownerId: me.id });

    expect(saveTargets(me, serverOnly, [server]).map((t) => t.scope.level)).toEqual([
      'server',
    ]);
  });
});
