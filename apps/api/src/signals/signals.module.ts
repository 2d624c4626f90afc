import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { PermissionHookRegistry, SignalBus, type PermissionHookName, type PermissionHookContexts, type SignalPayloads } from '@plugboard/plugin-sdk';
import type { AuthUser } from '../auth/auth-user';

/**
 * One SignalBus per application (SPEC 7). The core emits through `CoreSignals`; plugins (and the
 * runtime engineer's invoke pipeline) subscribe with `app.get(SignalBus).on(...)`.
 */
@Injectable()
export class CoreSignals {
  constructor(private readonly bus: SignalBus) {}

  /** Never throws and never waits for a receiver: delivery happens on a later tick. */
  emit<S extends keyof SignalPayloads>(signal: S, payload: SignalPayloads[S]): void {
    try {
      this.bus.emit(signal, payload);
    } catch (error) {
      new Logger('Signals').error(`Emitting ${signal} failed; ignored`, error as Error);
    }
  }

  /**
   * Hook point for the tool invocation pipeline (plugins-runtime): call once per tool call,
   * after the outcome is known. Returns at once.
   */
  toolInvoked(payload: SignalPayloads['tool.invoked']): void {
    this.emit('tool.invoked', payload);
  }
}

/**
 * Grant-only permission decisions (SPEC 5, 7): the core's own answer first; only a "no" is put to
 * the plugins' hooks, so a hook can turn "no" into "yes" but never the other way. A throwing or
 * slow hook abstains (logged by the registry).
 */
@Injectable()
export class PermissionDecisions {
  constructor(private readonly hooks: PermissionHookRegistry) {}

  async grants<N extends PermissionHookName>(core: boolean, name: N, context: PermissionHookContexts[N]): Promise<boolean> {
    if (core) return true;
    if (this.hooks.count(name) === 0) return false;
    try {
      return await this.hooks.check(name, context);
    } catch (error) {
      new Logger('PermissionHooks').error(`Permission hook ${name} failed; abstains`, error as Error);
      return false;
    }
  }

  isPlatformAdmin(user: AuthUser): Promise<boolean> {
    return this.grants(user.platformRole === 'admin', 'is_platform_admin', { user: pluginUser(user) });
  }
}

export function pluginUser(user: AuthUser): { id: string; email: string; platformRole: AuthUser['platformRole'] } {
  return { id: user.id, email: user.email, platformRole: user.platformRole };
}

@Global()
@Module({
  providers: [
    { provide: SignalBus, useFactory: () => new SignalBus({ logger: new Logger('Signals') }) },
    { provide: PermissionHookRegistry, useFactory: () => new PermissionHookRegistry({ logger: new Logger('PermissionHooks') }) },
    CoreSignals,
    PermissionDecisions,
  ],
  exports: [SignalBus, PermissionHookRegistry, CoreSignals, PermissionDecisions],
})
export class SignalsModule {}
