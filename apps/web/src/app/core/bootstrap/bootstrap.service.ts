// The caller's plugin UI (menu items, routes, slots) from GET /api/bootstrap, as signals.
// Loaded once per signed-in user (after sign-in and on reload), cleared on sign-out.
import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal, type Signal } from '@angular/core';
import type {
  BootstrapPayload,
  PluginRouteEntry,
  PluginSlotEntry,
  ProblemDetails,
  SlotName,
} from '@plugboard/shared-contracts';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../http/problem';
import { normalizeRoutePath } from './plugin-links.util';

export const BOOTSTRAP_URL = '/api/bootstrap';

export type BootstrapState =
  | { status: 'idle' }
  | { status: 'loading'; userId: string }
  | { status: 'ready'; userId: string; payload: BootstrapPayload }
  | { status: 'error'; userId: string; problem: ProblemDetails };

@Injectable({ providedIn: 'root' })
export class BootstrapService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<BootstrapState>({ status: 'idle' });
  private pending: { userId: string; promise: Promise<void> } | null = null;
  private readonly slotSignals = new Map<SlotName, Signal<PluginSlotEntry[]>>();

  readonly state = this.current.asReadonly();
  readonly payload = computed(() => {
    const state = this.current();
    return state.status === 'ready' ? state.payload : null;
  });
  readonly problem = computed(() => {
    const state = this.current();
    return state.status === 'error' ? state.problem : null;
  });
  readonly menu = computed(() => this.payload()?.menu ?? []);
  readonly routes = computed(() => this.payload()?.routes ?? []);

  /** The entries of one named slot, in their order. */
  slot(name: SlotName): Signal<PluginSlotEntry[]> {
    let entries = this.slotSignals.get(name);
    if (!entries) {
      entries = computed(() => this.payload()?.slots[name] ?? []);
      this.slotSignals.set(name, entries);
    }
    return entries;
  }

  /** The plugin route registered at this path (slashes at either end ignored), if the caller may see it. */
  routeAt(path: string): PluginRouteEntry | undefined {
    const wanted = normalizeRoutePath(path);
    return this.routes().find(
      (route) => normalizeRoutePath(route.path) === wanted,
    );
  }

  /**
   * Loads the payload for this user unless it is loaded or loading already; resolves when it is
   * settled (an error is kept in `state`, never thrown).
   */
  ensureLoaded(userId: string): Promise<void> {
    const state = this.current();
    if (state.status === 'ready' && state.userId === userId) {
      return Promise.resolve();
    }
    if (this.pending?.userId === userId) {
      return this.pending.promise;
    }
    return this.load(userId);
  }

  /** Loads again, e.g. after a plugin role or the registry changed. */
  reload(userId: string): Promise<void> {
    return this.load(userId);
  }

  clear(): void {
    this.pending = null;
    this.current.set({ status: 'idle' });
  }

  private load(userId: string): Promise<void> {
    this.current.set({ status: 'loading', userId });
    const promise = firstValueFrom(this.http.get<BootstrapPayload>(BOOTSTRAP_URL))
      .then(
        (payload) => {
          if (this.pending?.promise === promise) {
            this.current.set({ status: 'ready', userId, payload });
          }
        },
        (error: unknown) => {
          if (this.pending?.promise === promise) {
            this.current.set({ status: 'error', userId, problem: toProblem(error) });
          }
        },
      )
      .finally(() => {
        if (this.pending?.promise === promise) {
          this.pending = null;
        }
      });
    this.pending = { userId, promise };
    return promise;
  }
}
