// The playground's pure parts: which plugins and hooks it offers, sample payloads per hook,
// validating the drafts before sending, and where the caller may save a config.
import {
  HOOK_NAMES,
  type HookName,
  type Me,
  type PluginCatalogItem,
  type PluginTestRequest,
  type ServerSummary,
} from '@plugboard/shared-contracts';
import {
  type FormResult,
  invalid,
  parseJsonObject,
  valid,
} from '../../core/forms/form-result';
import type { FieldErrors } from '../../core/http/problem';
import type { PluginScope } from '../../core/plugins/plugin-settings-api';

/** Loaded plugins the caller may use somewhere (the API refuses the others). */
export function playablePlugins(
  items: readonly PluginCatalogItem[],
): PluginCatalogItem[] {
  return items.filter(
    (item) =>
      item.status === 'available' &&
      (item.availability.team ||
        item.availability.user ||
        item.availability.server),
  );
}

/** The chosen plugin's hooks (the catalog lists them in HOOK_NAMES order); every hook until one is chosen. */
export function offeredHooks(
  plugin: PluginCatalogItem | undefined,
): readonly HookName[] {
  return plugin ? plugin.hooks : HOOK_NAMES;
}

/** The hook to keep after the offer changed: the current one if still offered, else the first offered. */
export function keptHook(
  current: HookName,
  offered: readonly HookName[],
): HookName {
  return offered.includes(current) ? current : (offered[0] ?? current);
}

const SAMPLE_SERVER = { id: 'playground', name: 'playground' };

/** A payload of the shape the hook expects, with personal data for the filters to find. */
export function samplePayload(hook: HookName): Record<string, unknown> {
  switch (hook) {
    case 'tool_pre_invoke':
      return {
        server: SAMPLE_SERVER,
        tool: { name: 'echo', resource: null },
        arguments: { text: 'My SSN is 123-45-6789, mail me at ada@example.com' },
      };
    case 'tool_post_invoke':
      return {
        server: SAMPLE_SERVER,
        tool: { name: 'echo', resource: null },
        arguments: { text: 'Who is on call?' },
        result: { text: 'Call Ada, SSN 123-45-6789' },
      };
    case 'resource_pre_fetch':
      return { server: SAMPLE_SERVER, uri: 'https://docs.example.com/runbook' };
    case 'resource_post_fetch':
      return {
        server: SAMPLE_SERVER,
        uri: 'https://docs.example.com/runbook',
        content: 'Escalate to ada@example.com',
      };
    case 'prompt_pre_fetch':
      return {
        server: SAMPLE_SERVER,
        uri: 'prompt://summarize',
        arguments: { topic: 'SSN 123-45-6789' },
      };
    case 'prompt_post_fetch':
      return {
        server: SAMPLE_SERVER,
        uri: 'prompt://summarize',
        arguments: { topic: 'incidents' },
        content: 'Summarize the incidents reported by ada@example.com',
      };
  }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Both drafts must hold JSON objects and a plugin must be picked before anything is sent. */
export function buildTestRequest(
  pluginName: string,
  hook: HookName,
  configText: string,
  payloadText: string,
): FormResult<PluginTestRequest> {
  const errors: Record<string, string> = {};
  if (!pluginName) {
    errors['plugin'] = 'Pick a plugin.';
  }
  const config = parseJsonObject(configText.trim() || '{}');
  if (!config.ok) {
    errors['config'] = config.message;
  }
  const payload = parseJsonObject(payloadText.trim());
  if (!payload.ok) {
    errors['payload'] = payloadText.trim()
      ? payload.message
      : 'Enter a sample payload (a JSON object).';
  }
  if (!config.ok || !payload.ok || errors['plugin']) {
    return invalid(errors);
  }
  return valid({
    pluginName,
    hook,
    config: config.value,
    payload: payload.value,
  });
}

/**
 * The server's field errors (`config.pii_patterns`, `payload.server`) grouped per editor,
 * each line naming its field.
 */
export function editorErrors(
  errors: FieldErrors,
  editor: 'config' | 'payload',
): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === editor || key.startsWith(`${editor}.`))
    .map(([key, message]) =>
      key === editor ? message : `${key.slice(editor.length + 1)}: ${message}`,
    );
}

export interface SaveTarget {
  /** `user`, `team:<id>` or `server:<id>`. */
  key: string;
  label: string;
  scope: PluginScope;
  /** Where the saved setting shows. */
  link: string[];
  queryParams?: Record<string, string>;
}

/**
 * Where the caller may save this plugin's config: their teams they own, their own settings, their
 * own servers (platform admins: all of them), as far as the plugin is available there.
 */
export function saveTargets(
  me: Me,
  plugin: PluginCatalogItem,
  servers: readonly ServerSummary[],
): SaveTarget[] {
  const admin = me.platformRole === 'admin';
  const targets: SaveTarget[] = [];
  if (plugin.availability.user && me.pluginCustomizationAllowed) {
    targets.push({
      key: 'user',
      label: 'My plugins',
      scope: { level: 'user' },
      link: ['/me/plugins'],
    });
  }
  if (plugin.availability.team) {
    for (const team of me.teams) {
      if (admin || team.role === 'owner') {
        targets.push({
          key: `team:${team.id}`,
          label: `Team ${team.name}`,
          scope: { level: 'team', teamId: team.id },
          link: ['/teams', team.id, 'plugins'],
        });
      }
    }
  }
  if (plugin.availability.server) {
    for (const server of servers) {
      if (admin || server.ownerId === me.id) {
        targets.push({
          key: `server:${server.id}`,
          label: `Server ${server.name}`,
          scope: { level: 'server', serverId: server.id },
          link: ['/servers', server.id],
          queryParams: { tab: 'plugins' },
        });
      }
    }
  }
  return targets;
}
