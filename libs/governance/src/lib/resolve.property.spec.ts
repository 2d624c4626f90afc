import fc from 'fast-check';
import {
  hierarchyArb,
  makeConsistent,
} from '../testing/governance.arbitraries';
import {
  LEVEL_RANK,
  SETTING_LEVELS,
  overrideAllowed,
  type Layers,
  type RegistryEntry,
  type SettingRow,
} from './registry.model';
import { resolveChain } from './resolve';
import { checkChainValidity } from './validity';

const RUNS = { numRuns: 1000 };
const RBAC = { rbacEnabled: true };

function without(layers: Layers, row: SettingRow): Layers {
  return {
    ...layers,
    [row.level]: (layers[row.level] ?? []).filter((r) => r !== row),
  };
}

describe('resolveChain properties', () => {
  it('puts every mandatory plugin in every chain, degraded or not', () => {
    fc.assert(
      fc.property(
        hierarchyArb,
        fc.boolean(),
        ({ registry, layers }, rbacEnabled) => {
          const names = new Set(
            resolveChain(registry, layers, { rbacEnabled }).chain.map(
              (e) => e.name,
            ),
          );
          for (const entry of registry)
            if (entry.mandatory) expect(names.has(entry.name)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('never serves a conflicting pair or a missing requirement that an optional plugin is part of', () => {
    fc.assert(
      fc.property(hierarchyArb, ({ registry, layers }) => {
        const result = resolveChain(registry, layers, RBAC);
        const mandatory = new Set(
          registry.filter((e) => e.mandatory).map((e) => e.name),
        );
        for (const problem of checkChainValidity(
          registry,
          result.chain.map((e) => e.name),
        )) {
          // Only a registry the YAML rules reject can leave a problem, and only between mandatory plugins.
          expect(mandatory.has(problem.plugin)).toBe(true);
          if (problem.code === 'PLUGIN_CONFLICT')
            expect(mandatory.has(problem.other)).toBe(true);
          expect(result.degraded).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('serves only valid chains on a registry that passes the registry rules', () => {
    fc.assert(
      fc.property(hierarchyArb, ({ registry, layers }) => {
        const consistent = makeConsistent(registry);
        const result = resolveChain(consistent, layers, RBAC);
        expect(
          checkChainValidity(
            consistent,
            result.chain.map((e) => e.name),
          ),
        ).toEqual([]);
        expect(result.degraded).toBe(result.problems.length > 0);
      }),
      RUNS,
    );
  });

  it('is not changed by a row whose level may not override a mandatory or globally enabled plugin', () => {
    fc.assert(
      fc.property(hierarchyArb, ({ registry, layers }) => {
        const byName = new Map(registry.map((e) => [e.name, e]));
        const full = resolveChain(registry, layers, RBAC);
        for (const level of SETTING_LEVELS) {
          for (const row of layers[level] ?? []) {
            const entry = byName.get(row.pluginName) as
              | RegistryEntry
              | undefined;
            if (
              !entry ||
              overrideAllowed(entry, level) ||
              !(entry.mandatory || entry.enabledGlobally)
            )
              continue;
            expect(
              resolveChain(registry, without(layers, row), RBAC).chain,
            ).toEqual(full.chain);
          }
        }
      }),
      RUNS,
    );
  });

  it('is not changed by removing any row it reports ignored for lack of override', () => {
    fc.assert(
      fc.property(hierarchyArb, ({ registry, layers }) => {
        const full = resolveChain(registry, layers, RBAC);
        for (const ignored of full.ignored.filter(
          (i) => i.code === 'OVERRIDE_NOT_ALLOWED',
        )) {
          const row = (layers[ignored.level] ?? []).find(
            (r) => r.pluginName === ignored.pluginName,
          ) as SettingRow;
          const reduced = resolveChain(registry, without(layers, row), RBAC);
          expect(reduced.chain).toEqual(full.chain);
          expect(reduced.degraded).toBe(full.degraded);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of rows or of registry entries', () => {
    fc.assert(
      fc.property(
        hierarchyArb.chain((h) =>
          fc.record({
            h: fc.constant(h),
            registry: fc.shuffledSubarray(h.registry, {
              minLength: h.registry.length,
            }),
            team: fc.shuffledSubarray([...(h.layers.team ?? [])], {
              minLength: h.layers.team?.length ?? 0,
            }),
            user: fc.shuffledSubarray([...(h.layers.user ?? [])], {
              minLength: h.layers.user?.length ?? 0,
            }),
            server: fc.shuffledSubarray([...(h.layers.server ?? [])], {
              minLength: h.layers.server?.length ?? 0,
            }),
          }),
        ),
        ({ h, registry, team, user, server }) => {
          expect(resolveChain(registry, { team, user, server }, RBAC)).toEqual(
            resolveChain(h.registry, h.layers, RBAC),
          );
        },
      ),
      RUNS,
    );
  });

  it('orders the chain by (priority, level rank, name), each plugin once, with RBAC off equal to the registry alone', () => {
    fc.assert(
      fc.property(hierarchyArb, ({ registry, layers }) => {
        const { chain } = resolveChain(registry, layers, RBAC);
        expect(new Set(chain.map((e) => e.name)).size).toBe(chain.length);
        for (let i = 1; i < chain.length; i++) {
          const [a, b] = [chain[i - 1], chain[i]] as [
            (typeof chain)[0],
            (typeof chain)[0],
          ];
          const key = (e: typeof a): [number, number, string] => [
            e.priority,
            LEVEL_RANK[e.level],
            e.name,
          ];
          expect(compareKeys(key(a), key(b))).toBeLessThan(0);
        }
        expect(
          resolveChain(registry, layers, { rbacEnabled: false }).chain,
        ).toEqual(resolveChain(registry, {}, RBAC).chain);
      }),
      RUNS,
    );
  });
});

function compareKeys(
  a: [number, number, string],
  b: [number, number, string],
): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}
