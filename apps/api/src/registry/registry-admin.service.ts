import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type EntityManager } from 'typeorm';
import {
  checkConfigShape,
  indexRegistry,
  jsonEqual,
  validateConfig,
  type JsonValue,
  type RegistryEntry,
  type RegistryIssue,
} from '@plugboard/governance';
import type { RegistryImpact, RegistryList, RegistryUpdateResult, UpdateRegistryEntryRequest } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError, type FieldError } from '../common/domain-error';
import { AuditService, actorOf } from '../governance/audit.service';
import { ChainCacheService } from '../governance/chain-cache.service';
import { GovernanceLockService } from '../governance/governance-lock.service';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { registryEntityFields, toRegistryEntry } from '../governance/registry.mapper';
import { TeamEntity } from '../teams/team.entity';
import { UserEntity } from '../users/user.entity';
import { PolicyLayersReader } from './policy-layers.reader';
import { checkRegistryChange, newRegistryIssues, registryImpact, type SubjectProblem, type SubjectRef } from './registry-change.util';
import { toRegistryEntryView, toRegistryImpact } from './registry-view.mapper';
import { pluginNotFound, revisionConflict } from './registry.errors';

/** The policy fields an admin may change through the API (not name, kind, version, nor mandatory). */
export const EDITABLE_FIELDS = [
  'description',
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
] as const satisfies readonly (keyof RegistryEntry)[];

export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type RegistryPatch = Partial<Pick<RegistryEntry, EditableField>>;

/** The editable fields the request carries; absent (undefined) ones keep their value. */
function patchOf(request: UpdateRegistryEntryRequest): RegistryPatch {
  const patch: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) if (request[field] !== undefined) patch[field] = request[field];
  return patch as RegistryPatch;
}

const noImpact = (): RegistryImpact => ({ servers: [], summary: { servers: 0, serversChanged: 0, added: 0, removed: 0, changed: 0 } });

const ISSUE_POINTER: Record<RegistryIssue['field'], string> = {
  name: '/name',
  enabled_globally: '/enabledGlobally',
  requires: '/requires',
  conflicts_with: '/conflictsWith',
};

/** The registry table for admins, and partial updates of one entry's policy (SPEC 6, `PATCH /admin/plugins/global/:pluginName`). */
@Injectable()
export class RegistryAdminService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectRepository(RegistryEntryEntity) private readonly rows: Repository<RegistryEntryEntity>,
    private readonly lock: GovernanceLockService,
    private readonly audit: AuditService,
    private readonly cache: ChainCacheService,
    private readonly schemas: PluginSchemasService,
    private readonly layers: PolicyLayersReader,
  ) {}

  async list(): Promise<RegistryList> {
    const rows = await this.rows.find({ order: { name: 'ASC' } });
    return { items: rows.map((row) => toRegistryEntryView(row, this.schemas.schemaFor(row.name))) };
  }

  async update(
    actor: AuthUser,
    name: string,
    request: UpdateRegistryEntryRequest,
    context: { ifMatch?: number; requestId?: string } = {},
  ): Promise<RegistryUpdateResult> {
    // The body's revision wins over If-Match, as for setting writes.
    const expected = request.revision ?? context.ifMatch;
    const dryRun = request.dryRun ?? false;
    const patch = patchOf(request);
    const { result, wrote } = await this.lock.run(async (em) => {
      const rows = await em.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
      const row = rows.find((r) => r.name === name);
      if (!row) throw pluginNotFound(name);
      if (expected !== undefined && expected !== row.revision) throw revisionConflict(name, row.revision, expected);
      const before = rows.map((r) => toRegistryEntry(r, this.schemas.schemaFor(r.name)));
      const current = before.find((e) => e.name === name) as RegistryEntry;
      const next: RegistryEntry = { ...current, ...patch };
      const changedFields = EDITABLE_FIELDS.filter((f) => !jsonEqual(current[f] as JsonValue, next[f] as JsonValue));
      const schema = this.schemas.schemaFor(name);
      if (changedFields.length === 0) {
        return { wrote: false, result: { dryRun, changedFields, entry: toRegistryEntryView(row, schema), impact: noImpact() } };
      }
      const after = before.map((e) => (e.name === name ? next : e));
      this.checkRules(before, after, name);
      if (changedFields.some((f) => f === 'defaultConfig' || f === 'enabledGlobally')) this.checkDefaultConfig(next);

      const subjects = await this.layers.load(em);
      const [beforeIndex, afterIndex] = [indexRegistry(before), indexRegistry(after)];
      const check = checkRegistryChange(beforeIndex, afterIndex, subjects, name);
      if (check.problems.length > 0) throw await this.chainRejection(em, check.problems, changedFields);
      if (check.configErrors.length > 0) {
        const first = check.configErrors[0];
        throw new DomainError('CONFIG_INVALID', `The effective config of ${name} would be invalid: ${first?.pointer || '(root)'} ${first?.message ?? ''}`, {
          errors: check.configErrors.map((e) => ({ pointer: e.pointer, message: e.message })),
          configErrors: check.configErrors,
        });
      }
      const plan = registryImpact(beforeIndex, afterIndex, subjects, this.settings.pluginRbacEnabled);
      const impact = toRegistryImpact(plan, plan.names);
      if (dryRun) return { wrote: false, result: { dryRun, changedFields, entry: toRegistryEntryView(row, schema, next), impact } };

      Object.assign(row, registryEntityFields(next), { managedBy: 'api', revision: row.revision + 1 });
      await em.getRepository(RegistryEntryEntity).save(row);
      await this.audit.record(em, actorOf(actor, context.requestId), [
        {
          action: 'registry.updated',
          level: 'global',
          pluginName: name,
          entityType: 'registry',
          entityId: row.id,
          entityName: name,
          oldValue: Object.fromEntries(changedFields.map((f) => [f, current[f]])),
          newValue: Object.fromEntries(changedFields.map((f) => [f, next[f]])),
          reason: request.reason ?? null,
        },
      ]);
      return { wrote: true, result: { dryRun, changedFields, entry: toRegistryEntryView(row, schema), impact } };
    });
    if (wrote) await this.cache.renew(['registry']);
    return result;
  }

  /** 409 REGISTRY_INCONSISTENT for a rule the change breaks (requires an unknown plugin, a mandatory one requiring an optional one…). */
  private checkRules(before: RegistryEntry[], after: RegistryEntry[], name: string): void {
    const issues = newRegistryIssues(before, after);
    const first = issues[0];
    if (!first) return;
    const errors: FieldError[] = issues
      .filter((i) => i.pluginName === name)
      .map((i) => ({ pointer: ISSUE_POINTER[i.field] + (i.itemIndex === undefined ? '' : `/${i.itemIndex}`), message: i.message }));
    throw new DomainError('REGISTRY_INCONSISTENT', `${first.pluginName}: ${first.message}`, {
      errors,
      issues: issues.map((i) => ({ pluginName: i.pluginName, field: i.field, message: i.message })),
    });
  }

  /** Size, depth and forbidden keys, then the plugin's schema (partially while no chain enables it by default). */
  private checkDefaultConfig(entry: RegistryEntry): void {
    const shape = checkConfigShape(entry.defaultConfig);
    const errors = shape.length > 0
      ? shape
      : validateConfig(entry.configSchema, entry.defaultConfig, { partial: !entry.mandatory && !entry.enabledGlobally });
    const first = errors[0];
    if (!first) return;
    throw new DomainError('CONFIG_INVALID', `defaultConfig${first.pointer}: ${first.message}`, {
      errors: errors.map((e) => ({ pointer: `/defaultConfig${e.pointer}`, message: e.message })),
    });
  }

  private async chainRejection(em: EntityManager, problems: SubjectProblem[], changedFields: readonly string[]): Promise<DomainError> {
    const names = await this.subjectNames(em, problems.map((p) => p.subject));
    const label = (s: SubjectRef): string => {
      switch (s.scope) {
        case 'platform':
          return 'the platform chain';
        case 'server':
          return `server ${s.name ?? s.id ?? ''}`;
        case 'team':
          return `team ${names.get(s.id ?? '') ?? s.id ?? ''}`;
        case 'user':
          return `the settings of ${names.get(s.id ?? '') ?? s.id ?? ''}`;
      }
    };
    const first = problems[0] as SubjectProblem;
    return new DomainError(first.code, `${first.message} (on ${label(first.subject)})`, {
      suggestions: [
        `Change the settings that enable ${first.plugin} or ${first.other} on ${label(first.subject)} first`,
        `Or keep ${changedFields.join(', ')} as ${changedFields.length === 1 ? 'it is' : 'they are'}`,
      ],
      problems: problems.map((p) => ({
        code: p.code,
        plugin: p.plugin,
        other: p.other,
        message: p.message,
        scope: p.subject.scope,
        entityId: p.subject.id,
        entityName: p.subject.scope === 'team' || p.subject.scope === 'user' ? (names.get(p.subject.id ?? '') ?? null) : p.subject.name,
      })),
    });
  }

  /** Names of the teams (name) and users (email) a rejection mentions: two queries at most. */
  private async subjectNames(em: EntityManager, subjects: SubjectRef[]): Promise<Map<string, string>> {
    const ids = (scope: SubjectRef['scope']): string[] => [...new Set(subjects.filter((s) => s.scope === scope && s.id).map((s) => s.id as string))];
    const names = new Map<string, string>();
    const teamIds = ids('team');
    const userIds = ids('user');
    if (teamIds.length > 0) {
      for (const t of await em.getRepository(TeamEntity).find({ select: { id: true, name: true }, where: { id: In(teamIds) } })) names.set(t.id, t.name);
    }
    if (userIds.length > 0) {
      for (const u of await em.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { id: In(userIds) } })) names.set(u.id, u.email);
    }
    return names;
  }
}
