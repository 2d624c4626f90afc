/**
 * Core signals (SPEC 7). `emit` returns at once; each receiver runs later on its own, so a receiver
 * that throws, hangs or is slow can never break or delay the core flow — it is only logged.
 */
import { Logger } from '@nestjs/common';
import type { PlatformRole, PluginSettingLevel } from '@plugboard/shared-contracts';
import { settleWithin, SdkLogger } from './time-limit';

interface ServerRef {
  id: string;
  name: string;
  teamId: string | null;
  ownerId: string;
}

/** The payload of each signal. `actorId` is the user who caused it (null: the system). */
export interface SignalPayloads {
  'server.created': { server: ServerRef; actorId: string | null };
  'server.updated': { server: ServerRef; actorId: string | null };
  'server.deleted': { server: ServerRef; actorId: string | null };
  'plugin.setting_changed': {
    pluginName: string;
    level: PluginSettingLevel;
    /** The team, user or server id. */
    entityId: string;
    enabled: boolean;
    actorId: string | null;
  };
  'plugin.promoted': { pluginName: string; actorId: string | null; reason?: string };
  'plugin.demoted': { pluginName: string; actorId: string | null; reason?: string };
  'tool.invoked': {
    serverId: string;
    toolName: string;
    userId: string | null;
    outcome: 'ok' | 'blocked' | 'error';
    durationMs: number;
  };
  'user.oidc_resolved': {
    user: { id: string; email: string; platformRole: PlatformRole };
    created: boolean;
    /** The verified ID token claims; may hold personal data — handle accordingly. */
    claims: Record<string, unknown>;
  };
  'policy_pack.imported': {
    name: string;
    userId: string;
    sourceUri: string | null;
    settingCount: number;
  };
}

export type SignalName = keyof SignalPayloads;

export const SIGNAL_NAMES: readonly SignalName[] = [
  'server.created',
  'server.updated',
  'server.deleted',
  'plugin.setting_changed',
  'plugin.promoted',
  'plugin.demoted',
  'tool.invoked',
  'user.oidc_resolved',
  'policy_pack.imported',
];

export type SignalReceiver<S extends SignalName = SignalName> = (
  payload: Readonly<SignalPayloads[S]>,
  signal: AbortSignal,
) => void | Promise<void>;

export interface SignalBusOptions {
  logger?: SdkLogger;
  /** Per receiver call (default 5000 ms); a slower receiver is abandoned and logged. */
  timeoutMs?: number;
}

export const DEFAULT_SIGNAL_RECEIVER_TIMEOUT_MS = 5000;

interface Subscription {
  receiver: SignalReceiver<never>;
  owner: string;
}

export class SignalBus {
  private readonly receivers = new Map<SignalName, Subscription[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: SdkLogger;
  private readonly timeoutMs: number;

  constructor(options: SignalBusOptions = {}) {
    this.logger = options.logger ?? new Logger('Signals');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SIGNAL_RECEIVER_TIMEOUT_MS;
  }

  /** Subscribes; returns a function that unsubscribes. `owner` names the plugin in logs. */
  on<S extends SignalName>(signal: S, receiver: SignalReceiver<S>, owner = 'unknown plugin'): () => void {
    assertSignalName(signal);
    if (typeof receiver !== 'function') throw new TypeError(`Receiver of ${signal} must be a function`);
    const entry: Subscription = { receiver: receiver as SignalReceiver<never>, owner };
    this.receivers.set(signal, [...(this.receivers.get(signal) ?? []), entry]);
    return () => {
      this.receivers.set(signal, (this.receivers.get(signal) ?? []).filter((item) => item !== entry));
    };
  }

  /** Schedules every receiver of `signal` and returns at once; never throws because of a receiver. */
  emit<S extends SignalName>(signal: S, payload: SignalPayloads[S]): void {
    assertSignalName(signal);
    const subscriptions = this.receivers.get(signal) ?? [];
    if (subscriptions.length === 0) return;
    const frozen = Object.freeze({ ...payload });
    for (const subscription of subscriptions) {
      const delivery = new Promise<void>((resolve) => {
        setImmediate(() => {
          void this.deliver(signal, frozen, subscription).then(resolve);
        });
      });
      this.inFlight.add(delivery);
      void delivery.then(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves when every delivery scheduled so far has settled (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver<S extends SignalName>(signal: S, payload: Readonly<SignalPayloads[S]>, subscription: Subscription): Promise<void> {
    const receiver = subscription.receiver as SignalReceiver<S>;
    const outcome = await settleWithin((abort) => receiver(payload, abort), this.timeoutMs);
    switch (outcome.kind) {
      case 'value':
        // A synchronous receiver cannot be interrupted; at least say it was slow.
        if (outcome.elapsedMs > this.timeoutMs) {
          this.logger.warn(`Receiver of ${signal} (${subscription.owner}) took ${Math.round(outcome.elapsedMs)} ms, over ${this.timeoutMs} ms`);
        }
        break;
      case 'error':
        this.logger.error(`Receiver of ${signal} (${subscription.owner}) threw; ignored`, outcome.error);
        break;
      case 'timeout':
        this.logger.warn(`Receiver of ${signal} (${subscription.owner}) exceeded ${this.timeoutMs} ms; abandoned`);
        break;
    }
  }
}

function assertSignalName(name: string): asserts name is SignalName {
  if (!(SIGNAL_NAMES as readonly string[]).includes(name)) {
    throw new TypeError(`Unknown signal "${name}"; expected one of ${SIGNAL_NAMES.join(', ')}`);
  }
}

/** The process-wide bus plugins subscribe to and the core emits on. */
export const defaultSignalBus = new SignalBus();
