// Pure view helpers for the Global plugins page: badges, flags and the impact summary lines.
import type {
  PromotionImpact,
  RegistryEntryView,
  RegistrySyncReport,
} from '@plugboard/shared-contracts';
import type { PromotionOperation } from '../../core/admin/admin-api';

export function badgeOf(
  entry: RegistryEntryView,
): '[MANDATORY]' | '[OPTIONAL]' {
  return entry.mandatory ? '[MANDATORY]' : '[OPTIONAL]';
}

/** The operation the row's button offers: promote an optional plugin, demote a mandatory one. */
export function operationFor(entry: RegistryEntryView): PromotionOperation {
  return entry.mandatory ? 'demote' : 'promote';
}

export function operationLabel(operation: PromotionOperation): string {
  return operation === 'promote' ? 'Make mandatory' : 'Make optional';
}

/** "teams, users" — the levels a plugin is available for, or "none". */
export function availabilityOf(entry: RegistryEntryView): string {
  const levels = [
    entry.availableForTeams ? 'teams' : null,
    entry.availableForUsers ? 'users' : null,
  ].filter((level): level is string => level !== null);
  return levels.length > 0 ? levels.join(', ') : 'none';
}

/** "team, user, server" — the levels that may override the plugin, or "none". */
export function overridesOf(entry: RegistryEntryView): string {
  const levels = [
    entry.allowTeamOverride ? 'team' : null,
    entry.allowUserOverride ? 'user' : null,
    entry.allowServerOverride ? 'server' : null,
  ].filter((level): level is string => level !== null);
  return levels.length > 0 ? levels.join(', ') : 'none';
}

export interface ImpactLine {
  label: string;
  value: string;
}

/** The impact a promote/demote has, as the confirm panel lists it. */
export function impactLines(impact: PromotionImpact): ImpactLine[] {
  const removed = impact.rows.removed;
  return [
    {
      label: 'Servers affected',
      value: `${impact.servers.affected} of ${impact.servers.total}`,
    },
    {
      label: 'Setting rows removed',
      value: `${removed.total} (team ${removed.byLevel.team}, user ${removed.byLevel.user}, server ${removed.byLevel.server})`,
    },
    {
      label: 'Setting rows kept',
      value: String(impact.rows.kept.total),
    },
    {
      label: 'Teams notified',
      value: `${impact.teams.notified} (${impact.teams.owners} owners)`,
    },
  ];
}

/** One sentence per non-empty part of a sync report. */
export function syncReportLines(report: RegistrySyncReport): string[] {
  const lines = [
    report.created.length > 0 ? `Created: ${report.created.join(', ')}` : null,
    report.updated.length > 0
      ? `Updated: ${report.updated.map((u) => `${u.name} (${u.fields.join(', ')})`).join('; ')}`
      : null,
    report.kept.length > 0
      ? `Kept API changes: ${report.kept.map((k) => `${k.name} (${k.fields.join(', ')}: ${k.reason})`).join('; ')}`
      : null,
    report.removed.length > 0 ? `Removed: ${report.removed.join(', ')}` : null,
    report.unchanged.length > 0
      ? `Unchanged: ${report.unchanged.length} plugin(s)`
      : null,
    ...report.warnings.map((warning) => `Warning: ${warning}`),
  ];
  return lines.filter((line): line is string => line !== null);
}
