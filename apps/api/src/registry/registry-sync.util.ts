/**
 * The field-level three-way merge of `plugins.config.yaml` into the registry: YAML (theirs), the
 * database (ours) and what the last sync wrote (base). A field the API changed since the last sync is
 * kept unless forced; every other difference takes the YAML value.
 */
import {
  checkRegistryConsistency,
  cloneJson,
  jsonEqual,
  type JsonValue,
  type RegistryEntry,
} from '@plugboard/governance';

/** The fields of an entry that a sync compares and writes (everything but its name and schema). */
export type PolicyField = Exclude<keyof RegistryEntry, 'name' | 'configSchema'>;

export const POLICY_FIELDS: readonly PolicyField[] = [
  'kind',
  'version',
  'description',
  'mandatory',
  'enabledGlobally',
  'availableForTeams',
  'availableForUsers',
  'allowTeamOverride',
  'allowUserOverride',
  'allowServerOverride',
  'requires',
  'conflictsWith',
  'defaultConfig',
  'priority',
  'mode',
];

export type PolicyValues = Record<string, JsonValue>;

export const KEPT_REASON = 'changed through the API since the last sync; sync with force to take the YAML values';

export interface StoredEntry {
  entry: RegistryEntry;
  /** The YAML values the last sync wrote; null = never synced (the database value counts as synced). */
  lastSynced: PolicyValues | null;
}

export interface SyncUpdate {
  previous: RegistryEntry;
  next: RegistryEntry;
  /** Fields whose value changes. */
  fields: PolicyField[];
  /** Fields that keep an API value different from the YAML. */
  kept: PolicyField[];
  lastSynced: PolicyValues;
}

export interface SyncPlan {
  creates: { entry: RegistryEntry; lastSynced: PolicyValues }[];
  /** Entries whose fields or bookkeeping (`lastSynced`) change. */
  updates: SyncUpdate[];
  removes: RegistryEntry[];
  /** Entries with fields that keep an API value different from the YAML (reported on every sync until forced). */
  kept: { name: string; fields: PolicyField[] }[];
  unchanged: string[];
  warnings: string[];
}

export function policyValues(entry: RegistryEntry): PolicyValues {
  const values: PolicyValues = {};
  for (const field of POLICY_FIELDS) values[field] = cloneJson(entry[field] as JsonValue);
  return values;
}

/** Fields whose database value differs from what the last sync wrote. */
export function apiChangedFields(entry: RegistryEntry, lastSynced: PolicyValues | null): PolicyField[] {
  if (!lastSynced) return [];
  return POLICY_FIELDS.filter((field) => field in lastSynced && !jsonEqual(entry[field] as JsonValue, lastSynced[field] as JsonValue));
}

interface Merge {
  stored: StoredEntry;
  yaml: RegistryEntry;
  next: RegistryEntry;
  fields: PolicyField[];
  kept: PolicyField[];
}

function merge(stored: StoredEntry, yaml: RegistryEntry, force: boolean): Merge {
  const next: RegistryEntry = { ...stored.entry };
  const fields: PolicyField[] = [];
  const kept: PolicyField[] = [];
  const changedByApi = new Set(apiChangedFields(stored.entry, stored.lastSynced));
  for (const field of POLICY_FIELDS) {
    if (jsonEqual(yaml[field] as JsonValue, stored.entry[field] as JsonValue)) continue;
    if (changedByApi.has(field) && !force) {
      kept.push(field);
      continue;
    }
    (next as unknown as Record<string, JsonValue>)[field] = cloneJson(yaml[field] as JsonValue);
    fields.push(field);
  }
  return { stored, yaml, next, fields, kept };
}

function takeYaml(m: Merge, field: PolicyField): void {
  (m.next as unknown as Record<string, JsonValue>)[field] = cloneJson(m.yaml[field] as JsonValue);
  m.kept = m.kept.filter((f) => f !== field);
  m.fields.push(field);
}

/**
 * Kept API values must not break the registry rules together with the new YAML (an API `requires` naming
 * a plugin the YAML removed): the YAML value is taken for the kept fields of each entry an issue names,
 * until the registry is consistent (the YAML alone is).
 */
function repairKept(merges: Merge[], created: RegistryEntry[], warnings: string[]): void {
  for (;;) {
    const registry = [...merges.map((m) => m.next), ...created];
    const issues = checkRegistryConsistency(registry);
    if (issues.length === 0) return;
    let repaired = false;
    for (const issue of issues) {
      const culprit = merges.find((m) => m.next.name === issue.pluginName && m.kept.length > 0);
      const candidates = culprit ? [culprit] : merges.filter((m) => m.kept.length > 0);
      for (const m of candidates) {
        const fields = [...m.kept];
        for (const field of fields) takeYaml(m, field);
        warnings.push(
          `${m.next.name}: the API value of ${fields.join(', ')} would break the registry rules (${issue.pluginName}: ${issue.message}); the YAML value was taken`,
        );
        repaired = true;
      }
      if (repaired) break;
    }
    if (!repaired) return; // cannot happen: the YAML alone passed the same rules
  }
}

function withoutSchema(entry: RegistryEntry): RegistryEntry {
  const copy = { ...entry };
  delete copy.configSchema;
  return copy;
}

/** What a sync of `yaml` into `stored` does. Pure; `force` takes the YAML value of every field. */
export function planRegistrySync(yaml: readonly RegistryEntry[], stored: readonly StoredEntry[], options: { force: boolean }): SyncPlan {
  const storedByName = new Map(stored.map((s) => [s.entry.name, s]));
  const yamlNames = new Set(yaml.map((e) => e.name));
  const creates = yaml.filter((e) => !storedByName.has(e.name)).map((entry) => ({ entry: withoutSchema(entry), lastSynced: policyValues(entry) }));
  const merges = yaml.filter((e) => storedByName.has(e.name)).map((e) => merge(storedByName.get(e.name) as StoredEntry, e, options.force));
  const warnings: string[] = [];
  repairKept(merges, creates.map((c) => c.entry), warnings);

  const updates: SyncUpdate[] = [];
  const kept: SyncPlan['kept'] = [];
  const unchanged: string[] = [];
  for (const m of merges) {
    const lastSynced = policyValues(m.yaml);
    const bookkeeping = m.stored.lastSynced === null || !jsonEqual(m.stored.lastSynced, lastSynced);
    if (m.fields.length > 0 || bookkeeping) {
      updates.push({ previous: m.stored.entry, next: m.next, fields: m.fields, kept: m.kept, lastSynced });
    }
    if (m.kept.length > 0) kept.push({ name: m.next.name, fields: m.kept });
    if (m.fields.length === 0 && m.kept.length === 0) unchanged.push(m.next.name);
  }
  const removes = stored.filter((s) => !yamlNames.has(s.entry.name)).map((s) => s.entry);
  return { creates, updates, removes, kept, unchanged, warnings };
}
