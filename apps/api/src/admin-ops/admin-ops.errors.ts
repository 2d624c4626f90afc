import type { RegistryIssue } from '@plugboard/governance';
import { DomainError } from '../common/domain-error';

export const pluginNotFound = (name: string): DomainError =>
  new DomainError('PLUGIN_NOT_FOUND', `There is no plugin named ${name} in the registry`);

export const alreadyMandatory = (name: string): DomainError =>
  new DomainError('CONFLICT', `${name} is already mandatory`, { suggestions: [`Demote it with POST /api/admin/plugins/${name}/demote-to-optional`] });

export const alreadyOptional = (name: string): DomainError =>
  new DomainError('CONFLICT', `${name} is already optional`, { suggestions: [`Promote it with POST /api/admin/plugins/${name}/promote-to-mandatory`] });

/** 409 REGISTRY_INCONSISTENT: the change would break a registry rule (checkRegistryConsistency). */
export function registryInconsistent(issues: readonly RegistryIssue[]): DomainError {
  const first = issues[0] as RegistryIssue;
  return new DomainError('REGISTRY_INCONSISTENT', `${first.pluginName}: ${first.message}`, {
    issues: issues.map((i) => ({ pluginName: i.pluginName, field: i.field, message: i.message })),
    suggestions: [
      'Make the plugins a mandatory plugin requires mandatory first, or remove the requirement',
      'Remove the conflict between mandatory plugins (PATCH /api/admin/plugins/global/{pluginName}) first',
    ],
  });
}
