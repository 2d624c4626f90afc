/**
 * Grant-only permission hooks (SPEC 5, 7): a plugin may grant a permission the core would refuse,
 * never take one away. `true` grants; anything else — false, undefined, a throw, a rejection, a
 * hook slower than the time limit — abstains.
 */
import { Logger } from '@nestjs/common';
import type { PluginUser } from './route.decorators';
import { settleWithin, SdkLogger } from './time-limit';

export type PermissionHookName = 'is_platform_admin' | 'is_team_owner' | 'is_server_owner';

export const PERMISSION_HOOK_NAMES: readonly PermissionHookName[] = ['is_platform_admin', 'is_team_owner', 'is_server_owner'];

/** What each permission question is about. */
export interface PermissionHookContexts {
  is_platform_admin: { user: PluginUser };
  is_team_owner: { user: PluginUser; teamId: string };
  is_server_owner: { user: PluginUser; serverId: string; teamId: string | null };
}

export type PermissionHookContext<N extends PermissionHookName = PermissionHookName> = PermissionHookContexts[N];

export type PermissionHook<N extends PermissionHookName = PermissionHookName> = (
  context: Readonly<PermissionHookContexts[N]>,
  signal: AbortSignal,
) => boolean | null | undefined | Promise<boolean | null | undefined>;

export interface PermissionHookRegistryOptions {
  logger?: SdkLogger;
  /** Per hook call (default 1000 ms); a slower hook abstains. */
  timeoutMs?: number;
}

interface Registered {
  fn: PermissionHook<never>;
  owner: string;
}

export const DEFAULT_PERMISSION_HOOK_TIMEOUT_MS = 1000;

export class PermissionHookRegistry {
  private readonly hooks = new Map<PermissionHookName, Registered[]>();
  private readonly logger: SdkLogger;
  private readonly timeoutMs: number;

  constructor(options: PermissionHookRegistryOptions = {}) {
    this.logger = options.logger ?? new Logger('PermissionHooks');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PERMISSION_HOOK_TIMEOUT_MS;
  }

  /** Registers a hook; returns a function that removes it. `owner` names the plugin in logs. */
  register<N extends PermissionHookName>(name: N, fn: PermissionHook<N>, owner = 'unknown plugin'): () => void {
    assertHookName(name);
    if (typeof fn !== 'function') throw new TypeError(`Permission hook for ${name} must be a function`);
    const entry: Registered = { fn: fn as PermissionHook<never>, owner };
    const list = this.hooks.get(name) ?? [];
    list.push(entry);
    this.hooks.set(name, list);
    return () => {
      const current = this.hooks.get(name);
      if (current) this.hooks.set(name, current.filter((item) => item !== entry));
    };
  }

  count(name: PermissionHookName): number {
    return this.hooks.get(name)?.length ?? 0;
  }

  /**
   * True when some hook answers exactly `true` (the first grant wins; the rest are not awaited).
   * Hooks run concurrently, each within the time limit.
   */
  check<N extends PermissionHookName>(name: N, context: PermissionHookContexts[N]): Promise<boolean> {
    assertHookName(name);
    const hooks = this.hooks.get(name) ?? [];
    if (hooks.length === 0) return Promise.resolve(false);
    const frozen = Object.freeze({ ...context });
    return new Promise<boolean>((resolve) => {
      let pending = hooks.length;
      for (const hook of hooks) {
        void settleWithin((signal) => (hook.fn as PermissionHook<N>)(frozen, signal), this.timeoutMs).then((outcome) => {
          switch (outcome.kind) {
            case 'value':
              if (outcome.value === true) resolve(true);
              break;
            case 'error':
              this.logger.error(`Permission hook ${name} of ${hook.owner} threw; it abstains`, outcome.error);
              break;
            case 'timeout':
              this.logger.warn(`Permission hook ${name} of ${hook.owner} exceeded ${this.timeoutMs} ms; it abstains`);
              break;
          }
          pending -= 1;
          if (pending === 0) resolve(false);
        });
      }
    });
  }
}

function assertHookName(name: string): asserts name is PermissionHookName {
  if (!(PERMISSION_HOOK_NAMES as readonly string[]).includes(name)) {
    throw new TypeError(`Unknown permission hook "${name}"; expected one of ${PERMISSION_HOOK_NAMES.join(', ')}`);
  }
}

/** The process-wide registry `registerPermissionHook` writes to (the API reads it). */
export const defaultPermissionHooks = new PermissionHookRegistry();

export function registerPermissionHook<N extends PermissionHookName>(name: N, fn: PermissionHook<N>, owner?: string): () => void {
  return defaultPermissionHooks.register(name, fn, owner);
}
