import fc from 'fast-check';
import { newRegistryEntry, planImpact, promoteToMandatory, type RegistryEntry } from '@plugboard/governance';
import { planChanges, planGrouped, type PlanSubject } from './grouped-plan.util';
import { newPolicyRow } from './policy-row.factory';
import { layersKey, layersOfServer, type PolicyRow, type PolicyState, type ServerRef } from './policy-state';

const NAMES = ['A', 'B', 'C', 'D'];
const RBAC = { rbacEnabled: true };

function registry(): RegistryEntry[] {
  return [
    newRegistryEntry('A', { mandatory: true, priority: 1 }),
    newRegistryEntry('B', { enabledGlobally: true, priority: 2, defaultConfig: { list: [1] } }),
    newRegistryEntry('C', { priority: 3, conflictsWith: ['D'] }),
    newRegistryEntry('D', { priority: 4, allowUserOverride: false }),
  ];
}

/** Servers over 3 teams and 4 owners, with rows on some teams, owners and servers. */
const worldArb = fc
  .record({
    servers: fc.array(fc.record({ team: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), owner: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 12 }),
    rows: fc.array(
      fc.record({
        level: fc.constantFrom('team' as const, 'user' as const, 'server' as const),
        owner: fc.integer({ min: 0, max: 11 }),
        plugin: fc.constantFrom(...NAMES),
        enabled: fc.boolean(),
        config: fc.option(fc.record({ list: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }) }), { nil: undefined }),
      }),
      { maxLength: 10 },
    ),
  })
  .map(({ servers, rows }) => {
    const refs: ServerRef[] = servers.map((s, i) => ({ id: `s${i}`, name: `server-${i}`, teamId: s.team === null ? null : `t${s.team}`, ownerId: `u${s.owner}` }));
    const byLevel: PolicyState['rows'] = { team: new Map(), user: new Map(), server: new Map() };
    for (const r of rows) {
      const owner = r.level === 'team' ? `t${r.owner % 3}` : r.level === 'user' ? `u${r.owner % 4}` : `s${r.owner % refs.length}`;
      const list = byLevel[r.level].get(owner) ?? [];
      if (list.some((x) => x.pluginName === r.plugin)) continue;
      list.push(newPolicyRow(r.level, r.plugin, { ownerId: owner, enabled: r.enabled, config: r.config ?? {} }));
      byLevel[r.level].set(owner, list);
    }
    return { servers: refs, rows: byLevel };
  });

describe('planGrouped', () => {
  it('plans every server exactly as planImpact does, one server at a time (property)', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(...NAMES.slice(1)), (world, promotedName) => {
        const before = registry();
        const after = before.map((e) => (e.name === promotedName ? promoteToMandatory(e) : e));
        const keep = (row: PolicyRow): boolean => row.pluginName !== promotedName || !row.enabled;
        const afterRows: PolicyState['rows'] = { team: new Map(), user: new Map(), server: new Map() };
        for (const level of ['team', 'user', 'server'] as const) for (const [owner, list] of world.rows[level]) afterRows[level].set(owner, list.filter(keep));
        const subjects: PlanSubject[] = world.servers.map((s) => ({
          serverId: s.id,
          key: layersKey(world.rows, s),
          before: layersOfServer(world.rows, s),
          after: layersOfServer(afterRows, s),
        }));
        const grouped = planGrouped({ before, after }, subjects, RBAC);
        const direct = planImpact({ before, after }, subjects.map((s) => ({ serverId: s.serverId, before: s.before, after: s.after })), RBAC);
        expect(grouped.summary).toEqual(direct.summary);
        for (const plan of direct.servers) {
          const mine = grouped.byServer.get(plan.serverId);
          expect({ ...mine, serverId: plan.serverId }).toEqual(plan);
          expect(planChanges(mine as typeof plan)).toBe(plan.degradedBefore !== plan.degradedAfter || plan.changes.some((c) => c.change !== 'unchanged'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('resolves servers with the same rows once', () => {
    const rows: PolicyState['rows'] = { team: new Map([['t1', [newPolicyRow('team', 'C', { ownerId: 't1' })]]]), user: new Map(), server: new Map() };
    const servers: ServerRef[] = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, name: `s${i}`, teamId: 't1', ownerId: `u${i}` }));
    expect(new Set(servers.map((s) => layersKey(rows, s))).size).toBe(1);
    const plan = planGrouped(registry(), servers.map((s) => ({ serverId: s.id, key: layersKey(rows, s), before: layersOfServer(rows, s), after: layersOfServer(rows, s) })), RBAC);
    expect(plan.summary).toMatchObject({ servers: 50, serversChanged: 0 });
    expect(new Set(plan.byServer.values()).size).toBe(1);
  });
});
