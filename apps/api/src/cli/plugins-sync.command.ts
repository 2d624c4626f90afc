/** `plugboard plugins sync [--force] [--dry-run] [--reason <text>]`: plugins.config.yaml → the registry, as at start-up. */
import type { INestApplicationContext } from '@nestjs/common';
import type { RegistrySyncReport } from '@plugboard/shared-contracts';
import type { AuditActor } from '../governance/audit.service';
import { RegistrySyncService, summarizeSync } from '../registry/registry-sync.service';

/** Audit rows of CLI syncs name this actor (the CLI has no signed-in user). */
export const CLI_ACTOR: AuditActor = { id: null, email: 'cli', requestId: null };

export function formatSyncReport(report: RegistrySyncReport): string[] {
  const lines = [`${report.dryRun ? 'Dry run of the sync' : 'Synced'} ${report.file}${report.force ? ' (forced)' : ''}`];
  const list = (label: string, items: string[]): void => {
    if (items.length > 0) lines.push(`  ${label.padEnd(10)} ${items.join(', ')}`);
  };
  list('created:', report.created);
  list('updated:', report.updated.map((u) => `${u.name} (${u.fields.join(', ')})`));
  for (const kept of report.kept) lines.push(`  ${'kept:'.padEnd(10)} ${kept.name} (${kept.fields.join(', ')}): ${kept.reason}`);
  list('removed:', report.removed.map((name) => `${name} (its team, user and server settings stay, ignored)`));
  list('unchanged:', report.unchanged);
  for (const warning of report.warnings) lines.push(`  warning:   ${warning}`);
  lines.push(`${summarizeSync(report)}${report.dryRun ? ' (dry run: nothing was changed)' : ''}`);
  return lines;
}

export async function syncPlugins(
  context: INestApplicationContext,
  options: { force: boolean; dryRun: boolean; reason?: string },
  out: (line: string) => void,
): Promise<number> {
  const report = await context.get(RegistrySyncService).sync({ actor: CLI_ACTOR, force: options.force, dryRun: options.dryRun, reason: options.reason ?? 'plugboard plugins sync' });
  for (const line of formatSyncReport(report)) out(line);
  return 0;
}
