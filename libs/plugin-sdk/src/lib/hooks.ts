/** The hook contract between the Plugboard runtime and a plugin (SPEC 7 "Hooks"). */

export type HookName =
  | 'tool_pre_invoke'
  | 'tool_post_invoke'
  | 'resource_pre_fetch'
  | 'resource_post_fetch'
  | 'prompt_pre_fetch'
  | 'prompt_post_fetch';

export const HOOK_NAMES: readonly HookName[] = [
  'tool_pre_invoke',
  'tool_post_invoke',
  'resource_pre_fetch',
  'resource_post_fetch',
  'prompt_pre_fetch',
  'prompt_post_fetch',
];

export type PluginLevel = 'mandatory' | 'global' | 'team' | 'user' | 'server';
export type PluginMode = 'enforce' | 'permissive' | 'disabled';

/** What a tool call looks like to the hooks. Pre-hooks see `arguments`; post-hooks also `result`. */
export interface ToolPayload {
  server: { id: string; name: string };
  tool: { name: string; resource: string | null };
  arguments: Record<string, unknown>;
  /** Post-invoke only. */
  result?: unknown;
}

/**
 * A resource or prompt fetch, for the `*_fetch` hooks. Resources: `uri` is the resource's URI and
 * `content` its text. Prompts: `uri` is the prompt's name, `arguments` the caller's (strings) and
 * `content` the rendered text. Changing `uri` in a resource pre-fetch hook reads another resource
 * of the same server.
 */
export interface FetchPayload {
  server: { id: string; name: string };
  uri: string;
  arguments?: Record<string, unknown>;
  /** Post-fetch only. */
  content?: unknown;
}

export type HookPayload = ToolPayload | FetchPayload;

/** The caller of a tool, as the runtime authenticated them. */
export interface PluginIdentity {
  userId: string;
  email: string;
  platformRole: 'admin' | 'user' | 'viewer';
  scopes: readonly string[];
  via: 'session' | 'jwt' | 'api-token';
}

export interface HookContext<C = Record<string, unknown>> {
  /** The plugin's effective config for this server (after every level combined). */
  config: C;
  /** The level that put the plugin in the chain. */
  level: PluginLevel;
  mode: PluginMode;
  hook: HookName;
  /** Null when the call is anonymous (e.g. the test playground without a user). */
  identity: PluginIdentity | null;
  requestId: string | null;
  /** Aborted when the hook's time limit passes; long work should stop. */
  signal: AbortSignal;
  /** State plugins share along one call (e.g. the identity the AuthenticationPlugin vouched for). */
  state: Map<string, unknown>;
}

export interface Violation {
  code: string;
  reason: string;
  details?: Record<string, unknown>;
}

export interface HookResult<P = HookPayload> {
  continueProcessing: boolean;
  /** The payload the next hook (and the target) sees, when the hook changed it. */
  modifiedPayload?: P;
  violation?: Violation;
  /**
   * Post-invoke hooks of a caching plugin may answer the call themselves on a pre-invoke hit:
   * when set, the target is not called and this is the result.
   */
  shortCircuitResult?: unknown;
}

export type HookHandler<P extends HookPayload = HookPayload, C = Record<string, unknown>> = (
  payload: P,
  context: HookContext<C>,
) => HookResult<P> | Promise<HookResult<P>>;

export const CONTINUE: HookResult<never> = Object.freeze({ continueProcessing: true });

export function block(code: string, reason: string, details?: Record<string, unknown>): HookResult<never> {
  return { continueProcessing: false, violation: { code, reason, ...(details ? { details } : {}) } };
}
