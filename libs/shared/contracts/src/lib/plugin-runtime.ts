/** Plugin hooks as the API exposes them: the catalog's `hooks` and the test playground (`POST /admin/plugins/test`). */

/** The SDK's hooks (libs/plugin-sdk hooks.ts; the API checks at compile time that both lists agree). */
export type HookName =
  | 'tool_pre_invoke'
  | 'tool_post_invoke'
  | 'resource_pre_fetch'
  | 'resource_post_fetch'
  | 'prompt_pre_fetch'
  | 'prompt_post_fetch';

/** Every hook, in the order a call meets them. */
export const HOOK_NAMES: readonly HookName[] = [
  'tool_pre_invoke',
  'tool_post_invoke',
  'resource_pre_fetch',
  'resource_post_fetch',
  'prompt_pre_fetch',
  'prompt_post_fetch',
];

export interface PluginTestRequest {
  pluginName: string;
  hook: HookName;
  /** Validated against the plugin's config schema; omitted means `{}`. */
  config?: Record<string, unknown>;
  /** A tool payload (server, tool, arguments[, result]) or a fetch payload (server, uri[, arguments, content]). */
  payload: Record<string, unknown>;
}

export interface PluginViolation {
  code: string;
  reason: string;
  details?: Record<string, unknown>;
}

export interface PluginTestResult {
  result: { continueProcessing: boolean; violation?: PluginViolation };
  /** null when the hook left the payload as it was. */
  modifiedPayload: unknown;
  durationMs: number;
  errors: string[];
}
