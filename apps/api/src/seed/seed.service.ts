import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS, type Settings } from '../config/settings';
import { STARTUP_LOCK, withStartupLock } from '../database/data-source.factory';
import { hashPassword } from '../auth/passwords';
import { UserEntity } from '../users/user.entity';
import { TeamEntity } from '../teams/team.entity';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { VirtualServerEntity } from '../servers/virtual-server.entity';
import { ToolEntity } from '../servers/tool.entity';
import { ServerResourceEntity } from '../servers/server-resource.entity';
import { ServerPromptEntity } from '../servers/server-prompt.entity';
import { DEMO_PASSWORD, DEMO_PROMPTS, DEMO_RESOURCES, DEMO_SERVERS, DEMO_TEAMS, DEMO_USERS } from './demo-data';

/** Start-up data: the admin named by PLUGBOARD_ADMIN_*, and the demo on an empty database. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Under a lock across instances: two API instances starting on one database seed once. */
  run(): Promise<{ demoSeeded: boolean; adminCreated: boolean }> {
    return withStartupLock(this.db, STARTUP_LOCK.seed, async () => {
      const demoSeeded = this.settings.seedDemo ? await this.seedDemoIfEmpty() : false;
      const adminCreated = await this.ensureAdmin();
      return { demoSeeded, adminCreated };
    });
  }

  private async ensureAdmin(): Promise<boolean> {
    const admin = this.settings.admin;
    if (!admin) return false;
    const users = this.db.getRepository(UserEntity);
    if (await users.existsBy({ email: admin.email })) return false;
    await users.save(
      users.create({
        email: admin.email,
        displayName: 'Platform admin',
        passwordHash: await hashPassword(admin.password.reveal()),
        platformRole: 'admin',
        pluginCustomizationAllowed: true,
        oidcSubject: null,
      }),
    );
    this.logger.log(`Created the platform admin ${admin.email}`);
    return true;
  }

  /** Seeds only a database without users, so a restart never duplicates or resurrects data. */
  private async seedDemoIfEmpty(): Promise<boolean> {
    if ((await this.db.getRepository(UserEntity).count()) > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await this.db.transaction(async (em) => {
      const users = new Map<string, UserEntity>();
      for (const u of DEMO_USERS) {
        users.set(u.email, await em.save(em.create(UserEntity, { ...u, passwordHash, pluginCustomizationAllowed: true, oidcSubject: null })));
      }
      const teams = new Map<string, TeamEntity>();
      for (const t of DEMO_TEAMS) {
        const team = await em.save(em.create(TeamEntity, { slug: t.slug, name: t.name, description: t.description }));
        teams.set(t.slug, team);
        for (const [email, role] of t.members) {
          await em.save(em.create(TeamMembershipEntity, { teamId: team.id, userId: users.get(email)!.id, role }));
        }
      }
      for (const s of DEMO_SERVERS) {
        const server = await em.save(
          em.create(VirtualServerEntity, {
            name: s.name,
            description: s.description,
            ownerId: users.get(s.owner)!.id,
            teamId: s.team ? teams.get(s.team)!.id : null,
          }),
        );
        for (const tool of s.tools) {
          await em.save(
            em.create(ToolEntity, {
              serverId: server.id,
              name: tool.name,
              description: tool.description,
              inputSchema: { type: 'object', additionalProperties: true },
              resource: tool.resource,
              targetType: 'echo',
              targetUrl: null,
              timeoutMs: null,
            }),
          );
        }
        for (const r of DEMO_RESOURCES.filter((x) => x.server === s.name)) {
          await em.save(
            em.create(ServerResourceEntity, {
              serverId: server.id,
              uri: r.uri,
              name: r.name,
              description: r.description,
              mimeType: r.mimeType,
              targetType: 'text',
              targetText: r.text,
              targetUrl: null,
              timeoutMs: null,
            }),
          );
        }
        for (const p of DEMO_PROMPTS.filter((x) => x.server === s.name)) {
          await em.save(em.create(ServerPromptEntity, { serverId: server.id, name: p.name, description: p.description, arguments: p.arguments, template: p.template }));
        }
      }
    });
    this.logger.log('Seeded the demo data');
    return true;
  }
}
