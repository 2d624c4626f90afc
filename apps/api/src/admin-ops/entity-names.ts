/** Names of the teams (name), users (email) and servers (name) an answer lists: one query per kind. */
import { In, type EntityManager } from 'typeorm';
import type { SettingLevel } from '@plugboard/governance';
import { TeamEntity } from '../teams/team.entity';
import { UserEntity } from '../users/user.entity';
import type { ServerRef } from './policy-state';

export type NameOf = (level: string, id: string) => string;

export async function entityNames(
  em: EntityManager,
  refs: readonly { level: SettingLevel; id: string }[],
  servers: readonly ServerRef[],
): Promise<NameOf> {
  const ids = (level: SettingLevel): string[] => [...new Set(refs.filter((r) => r.level === level).map((r) => r.id))];
  const names = new Map<string, string>();
  const teamIds = ids('team');
  const userIds = ids('user');
  if (teamIds.length > 0) {
    for (const t of await em.getRepository(TeamEntity).find({ select: { id: true, name: true }, where: { id: In(teamIds) } })) names.set(`team:${t.id}`, t.name);
  }
  if (userIds.length > 0) {
    for (const u of await em.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { id: In(userIds) } })) names.set(`user:${u.id}`, u.email);
  }
  const serverIds = new Set(ids('server'));
  for (const s of servers) if (serverIds.has(s.id)) names.set(`server:${s.id}`, s.name);
  return (level, id) => names.get(`${level}:${id}`) ?? id;
}
