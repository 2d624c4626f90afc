import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { PluginRoleResolver } from '@plugboard/plugin-sdk';
import { DomainError, notFound } from '../common/domain-error';
import { RegistryStore } from '../governance/registry.store';
import { PluginRoleAssignmentEntity } from '../governance/plugin-role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { PluginCatalogue } from './plugin-catalogue';

/**
 * Plugin roles (SPEC 5, 6): namespaced by plugin, read from plugin_role_assignments on every
 * request (no cache), so a granted or revoked role takes effect at once.
 */
@Injectable()
export class PluginRolesService implements PluginRoleResolver {
  constructor(
    @InjectRepository(PluginRoleAssignmentEntity) private readonly assignments: Repository<PluginRoleAssignmentEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly registry: RegistryStore,
    private readonly catalogue: PluginCatalogue,
  ) {}

  async rolesOf(userId: string, pluginName: string): Promise<string[]> {
    const rows = await this.assignments.find({ where: { userId, pluginName }, order: { role: 'ASC' } });
    return rows.map((r) => r.role);
  }

  /** A plugin in the registry or among the loaded modules; 404 otherwise. */
  async assertKnown(pluginName: string): Promise<void> {
    if (this.catalogue.named(pluginName)) return;
    const { entries } = await this.registry.current();
    if (!entries.some((e) => e.name === pluginName)) throw new DomainError('PLUGIN_NOT_FOUND', `Plugin ${pluginName} was not found`);
  }

  private async checkTarget(pluginName: string, userId: string, role: string): Promise<void> {
    await this.assertKnown(pluginName);
    if (!(await this.users.existsBy({ id: userId }))) throw notFound('User');
    const declared = this.catalogue.declaredRoles(pluginName);
    if (!declared.includes(role)) {
      throw new DomainError('PLUGIN_ROLE_UNKNOWN', `${pluginName} declares no role "${role}"`, { declaredRoles: declared });
    }
  }

  async grant(pluginName: string, userId: string, role: string, actorId: string): Promise<string[]> {
    await this.checkTarget(pluginName, userId, role);
    if (!(await this.assignments.existsBy({ userId, pluginName, role }))) {
      try {
        await this.assignments.save(this.assignments.create({ userId, pluginName, role, grantedBy: actorId }));
      } catch (error) {
        // A concurrent grant of the same role: the unique constraint makes it idempotent.
        if (!(await this.assignments.existsBy({ userId, pluginName, role }))) throw error;
      }
    }
    return this.rolesOf(userId, pluginName);
  }

  async revoke(pluginName: string, userId: string, role: string | undefined): Promise<void> {
    await this.assertKnown(pluginName);
    if (!(await this.users.existsBy({ id: userId }))) throw notFound('User');
    if (role !== undefined && !this.catalogue.declaredRoles(pluginName).includes(role)) {
      throw new DomainError('PLUGIN_ROLE_UNKNOWN', `${pluginName} declares no role "${role}"`);
    }
    await this.assignments.delete(role === undefined ? { userId, pluginName } : { userId, pluginName, role });
  }
}
