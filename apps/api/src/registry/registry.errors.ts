import { DomainError } from '../common/domain-error';

export const pluginNotFound = (name: string): DomainError =>
  new DomainError('PLUGIN_NOT_FOUND', `${name} is not in the plugin registry`);

export const revisionConflict = (name: string, current: number, expected: number): DomainError =>
  new DomainError('VERSION_CONFLICT', `${name} is at revision ${current}, not ${expected}: reload it and retry`, { currentRevision: current });
