/** Inputs and results of the write checks (SPEC 4). */
import type { ConfigError } from './config-shape';
import type { GovernanceErrorCode, GovernanceErrorStatus } from './errors';
import type { ChainPlan, ServerPlan } from './plan';
import type {
  JsonObject,
  Layers,
  RegistryEntry,
  SettingLevel,
  SettingRow,
} from './registry.model';
import type { ChainProblem } from './validity';

/** The row a client asks for; omitted fields take the row defaults. */
export interface SettingRowInput {
  enabled: boolean;
  /** Default `{}`. */
  config?: JsonObject;
  /** Default null (the level's default priority, or the one already in effect). */
  priority?: number | null;
  /** `inheritConfig`, or `inheritTeamConfig` on user rows. Default true. */
  inheritConfig?: boolean;
}

export interface WriteActor {
  isPlatformAdmin: boolean;
  /** User rows: the platform switch AND the per-user flag. Default true. */
  userCustomizationAllowed?: boolean;
}

export interface AffectedServer {
  serverId: string;
  /** The server's complete layers before the write. */
  layers: Layers;
}

export interface SettingWriteInput {
  registry: readonly RegistryEntry[];
  level: SettingLevel;
  pluginName: string;
  /** The row to create or replace, or null to delete the entity's row. */
  row: SettingRowInput | null;
  actor: WriteActor;
  /**
   * The entity's template layers before the write, from the platform down to `level`
   * (levels below are ignored): `{team}` for a team; `{user}` for a user, plus `team`
   * when the user is seen through one team; a server's own complete layers for a server.
   */
  template: Layers;
  /** Before the write: every server the write affects (a team's or a user's servers). */
  affectedServers?: readonly AffectedServer[];
  /** Enable missing requirements at the same level, when the actor may. */
  autoEnableRequirements?: boolean;
}

/** Where an error or problem was found: the row alone, the template chain, or one server. */
export interface WriteScope {
  scope: 'row' | 'template' | 'server';
  serverId?: string;
}

export type ScopedConfigError = ConfigError &
  WriteScope & { pluginName: string };
export type ScopedChainProblem = ChainProblem & WriteScope;

export interface WritePlan {
  template: ChainPlan;
  servers: ServerPlan[];
}

export interface WriteAccepted {
  ok: true;
  /** Rows to create or replace at the level: the written row first, then auto-enabled ones. */
  upserts: SettingRow[];
  /** Plugins whose row at the level is deleted. */
  deletes: string[];
  /** Requirements this write enables at the same level (`autoEnableRequirements`). */
  autoEnabled: string[];
  plan: WritePlan;
}

export interface WriteRejected {
  ok: false;
  status: GovernanceErrorStatus;
  code: GovernanceErrorCode;
  /** Human-readable, e.g. `DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)`. */
  detail: string;
  errors?: ScopedConfigError[];
  problems?: ScopedChainProblem[];
  suggestions: string[];
}

export type WriteCheckResult = WriteAccepted | WriteRejected;
