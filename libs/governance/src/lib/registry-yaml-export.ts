/** Registry entries → `plugins.config.yaml` text (`plugins export`); parses back to the same entries. */
import { stringify } from 'yaml';
import type { RegistryEntry } from './registry.model';
import { FIELD_ORDER, FIELD_PROPERTY } from './registry-yaml-fields';

/** Every field is written, defaults included, so the file states the whole policy. */
export function registryEntryToYaml(entries: readonly RegistryEntry[]): string {
  const plugins = entries.map((entry) => {
    const out: Record<string, unknown> = {};
    for (const field of FIELD_ORDER) out[field] = entry[FIELD_PROPERTY[field]];
    return out;
  });
  return stringify({ plugins }, { lineWidth: 0 });
}
