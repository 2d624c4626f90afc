/** `plugboard plugins export [--format yaml|json]`: the registry as plugins.config.yaml text (validates and syncs back unchanged). */
import type { INestApplicationContext } from '@nestjs/common';
import { parse } from 'yaml';
import { registryEntryToYaml } from '@plugboard/governance';
import { RegistryStore } from '../governance/registry.store';
import { CliError } from './users.command';

export type ExportFormat = 'yaml' | 'json';

export function exportFormat(value: string | undefined): ExportFormat {
  if (value === undefined || value === 'yaml' || value === 'json') return value ?? 'yaml';
  throw new CliError(`--format must be yaml or json, not "${value}"`);
}

export async function exportPlugins(context: INestApplicationContext, format: ExportFormat, out: (line: string) => void): Promise<number> {
  const { entries } = await context.get(RegistryStore).current();
  const yaml = registryEntryToYaml(entries);
  if (format === 'json') {
    // JSON is YAML too: `plugins validate` and sync read it as they read the YAML export.
    out(JSON.stringify(parse(yaml) as unknown, null, 2));
  } else {
    out(`# Plugboard plugin registry, exported ${new Date().toISOString()} (plugboard plugins export)\n${yaml.trimEnd()}`);
  }
  return 0;
}
