import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/domain-error';
import type { NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { NotificationEntity } from './notification.entity';

export interface NotificationMessage {
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export interface OwnedTeam {
  id: string;
  slug: string;
  name: string;
  owners: { userId: string; email: string }[];
}

/** Rows per INSERT of a bulk notification. */
const INSERT_CHUNK = 500;

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

function toView(row: NotificationEntity): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data,
    readAt: row.readAt ? iso(row.readAt) : null,
    createdAt: iso(row.createdAt),
  };
}

/** Per-user notifications: the caller's inbox, and bulk delivery inside governance transactions. */
@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(NotificationEntity) private readonly rows: Repository<NotificationEntity>) {}

  async page(caller: AuthUser, query: { limit?: number; offset?: number }): Promise<NotificationPageDto> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total, unreadCount] = await Promise.all([
      this.rows
        .createQueryBuilder('n')
        .where('n.userId = :userId', { userId: caller.id })
        // Unread first, then newest; the id keeps pages stable between equal timestamps.
        .orderBy('CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('n.createdAt', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .limit(limit)
        .offset(offset)
        .getMany(),
      this.rows.countBy({ userId: caller.id }),
      this.rows.countBy({ userId: caller.id, readAt: IsNull() }),
    ]);
    return { items: items.map(toView), total, unreadCount, limit, offset };
  }

  /** Marks one of the caller's notifications read (idempotent); anyone else's answers 404. */
  async markRead(caller: AuthUser, id: string): Promise<NotificationDto> {
    await this.rows.update({ id, userId: caller.id, readAt: IsNull() }, { readAt: new Date() });
    const row = await this.rows.findOneBy({ id, userId: caller.id });
    if (!row) throw notFound('Notification');
    return toView(row);
  }

  /** Every team with its owners (teams without an owner have an empty list), by team name. */
  async teamsWithOwners(em: EntityManager): Promise<OwnedTeam[]> {
    const teams: { id: string; slug: string; name: string }[] = await em.query('SELECT id, slug, name FROM teams ORDER BY name, id');
    const owners: { team_id: string; user_id: string; email: string }[] = await em.query(
      "SELECT m.team_id, m.user_id, u.email FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.role = 'owner' ORDER BY u.email",
    );
    const byTeam = new Map<string, OwnedTeam>(teams.map((t) => [t.id, { ...t, owners: [] }]));
    for (const o of owners) byTeam.get(o.team_id)?.owners.push({ userId: o.user_id, email: o.email });
    return [...byTeam.values()];
  }

  /**
   * One notification per owner of the given teams (an owner of several teams gets one, listing
   * them), inserted in bulk in the caller's transaction. Returns the number of recipients.
   */
  async notifyTeamOwners(em: EntityManager, teams: readonly OwnedTeam[], message: NotificationMessage): Promise<number> {
    const teamsOf = new Map<string, string[]>();
    for (const team of teams) {
      for (const owner of team.owners) {
        const list = teamsOf.get(owner.userId);
        if (list) list.push(team.id);
        else teamsOf.set(owner.userId, [team.id]);
      }
    }
    const createdAt = new Date();
    const values = [...teamsOf].map(([userId, teamIds]) => ({
      id: randomUUID(),
      userId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      data: { ...message.data, teamIds },
      readAt: null,
      createdAt,
    }));
    for (let start = 0; start < values.length; start += INSERT_CHUNK) {
      await em.createQueryBuilder().insert().into(NotificationEntity).values(values.slice(start, start + INSERT_CHUNK)).updateEntity(false).execute();
    }
    return values.length;
  }
}
