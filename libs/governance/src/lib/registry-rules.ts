/** Rules across registry entries, shared by the YAML loader and the admin API. */
import type { RegistryEntry } from './registry.model';

export type RegistryIssueField =
  | 'name'
  | 'enabled_globally'
  | 'requires'
  | 'conflicts_with';

export interface RegistryIssue {
  /** Position of the offending entry in the list checked. */
  entryIndex: number;
  pluginName: string;
  field: RegistryIssueField;
  /** Position inside `requires` / `conflicts_with`, when the issue is one item. */
  itemIndex?: number;
  message: string;
}

/**
 * Duplicate names; `requires`/`conflicts_with` naming unknown plugins or the plugin
 * itself; requiring a plugin it conflicts with (declared on either side); a mandatory plugin requiring an optional one (it
 * could never be valid) or conflicting with another mandatory one; a mandatory plugin
 * not enabled globally.
 */
export function checkRegistryConsistency(
  entries: readonly RegistryEntry[],
): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const byName = new Map<string, RegistryEntry>();
  entries.forEach((entry, entryIndex) => {
    if (byName.has(entry.name)) {
      issues.push({
        entryIndex,
        pluginName: entry.name,
        field: 'name',
        message: `duplicate plugin name ${entry.name}`,
      });
    } else {
      byName.set(entry.name, entry);
    }
  });
  entries.forEach((entry, entryIndex) => {
    const issue = (
      field: RegistryIssueField,
      message: string,
      itemIndex?: number,
    ): void => {
      issues.push({
        entryIndex,
        pluginName: entry.name,
        field,
        message,
        ...(itemIndex === undefined ? {} : { itemIndex }),
      });
    };
    if (entry.mandatory && !entry.enabledGlobally) {
      issue(
        'enabled_globally',
        'a mandatory plugin is always enabled globally',
      );
    }
    entry.requires.forEach((name, itemIndex) => {
      const required = byName.get(name);
      if (name === entry.name)
        return issue('requires', `${name} cannot require itself`, itemIndex);
      if (!required)
        return issue('requires', `requires unknown plugin ${name}`, itemIndex);
      if (entry.mandatory && !required.mandatory) {
        issue(
          'requires',
          `mandatory plugin ${entry.name} requires ${name}, which is not mandatory`,
          itemIndex,
        );
      }
      if (entry.conflictsWith.includes(name))
        issue(
          'requires',
          `${name} is both required and conflicting`,
          itemIndex,
        );
      else if (required.conflictsWith.includes(entry.name)) {
        issue(
          'requires',
          `requires ${name}, which conflicts with ${entry.name}`,
          itemIndex,
        );
      }
    });
    entry.conflictsWith.forEach((name, itemIndex) => {
      const other = byName.get(name);
      if (name === entry.name)
        issue(
          'conflicts_with',
          `${name} cannot conflict with itself`,
          itemIndex,
        );
      else if (!other)
        issue(
          'conflicts_with',
          `conflicts with unknown plugin ${name}`,
          itemIndex,
        );
      else if (entry.mandatory && other.mandatory) {
        issue(
          'conflicts_with',
          `mandatory plugins ${entry.name} and ${name} conflict with each other`,
          itemIndex,
        );
      }
    });
  });
  return issues;
}
