// What every build-time plugin component receives from the outlet that renders it.
import type { InputSignal, Type } from '@angular/core';

/** Where the component is shown: a server's tab gets the server id, a team's the team id. */
export interface PluginUiContext {
  serverId?: string;
  teamId?: string;
  /** The slot entry's or route's title from the bootstrap payload. */
  title?: string;
}

/** A plugin component declares `readonly context = input<PluginUiContext>({})`. */
export interface PluginUiComponent {
  readonly context: InputSignal<PluginUiContext>;
}

/** Loads a component's code on first use (each is its own lazy chunk). */
export type PluginComponentLoader = () => Promise<Type<PluginUiComponent>>;
