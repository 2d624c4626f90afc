import fc from 'fast-check';
import {
  configArb,
  hierarchyArb,
  layerArb,
  type Hierarchy,
} from '../testing/governance.arbitraries';
import { GOVERNANCE_ERROR_STATUS } from './errors';
import { layersDownTo, withRow, withoutRow } from './layers-edit';
import type { Layers, SettingLevel } from './registry.model';
import { evaluateChain } from './resolve';
import { problemKey } from './validity';
import { checkSettingWrite } from './write-checks';
import type { SettingWriteInput, WriteAccepted } from './write-check.types';

const RBAC = { rbacEnabled: true };

const writeArb: fc.Arbitrary<{
  hierarchy: Hierarchy;
  input: SettingWriteInput;
}> = hierarchyArb.chain((hierarchy) => {
  const names = hierarchy.registry.map((e) => e.name);
  return fc
    .record({
      level: fc.constantFrom<SettingLevel>('team', 'user', 'server'),
      pluginName: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...names) },
        { weight: 1, arbitrary: fc.constant('Ghost') },
      ),
      row: fc.option(
        fc.record({
          enabled: fc.boolean(),
          config: configArb,
          priority: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
          inheritConfig: fc.boolean(),
        }),
        { nil: null, freq: 4 },
      ),
      isPlatformAdmin: fc.boolean(),
      autoEnableRequirements: fc.boolean(),
      otherServers: fc.array(layerArb('server', names), { maxLength: 2 }),
    })
    .map(
      ({
        level,
        pluginName,
        row,
        isPlatformAdmin,
        autoEnableRequirements,
        otherServers,
      }) => {
        const { layers } = hierarchy;
        // The entity's own levels are shared by all its servers; each server has its own rows.
        const servers =
          level === 'server'
            ? []
            : [layers.server ?? [], ...otherServers].map((server, i) => ({
                serverId: `s${i}`,
                layers: { ...layers, server },
              }));
        const input: SettingWriteInput = {
          registry: hierarchy.registry,
          level,
          pluginName,
          row,
          actor: { isPlatformAdmin },
          template: layersDownTo(layers, level),
          affectedServers: servers,
          autoEnableRequirements,
        };
        return { hierarchy, input };
      },
    );
});

function applied(
  layers: Layers,
  result: WriteAccepted,
  level: SettingLevel,
): Layers {
  const upserted = result.upserts.reduce(withRow, layers);
  return result.deletes.reduce(
    (acc, name) => withoutRow(acc, level, name),
    upserted,
  );
}

describe('checkSettingWrite properties', () => {
  it('accepts only writes after which the template and every affected chain gain no problem, and the row applies', () => {
    let accepted = 0;
    let rejected = 0;
    const codes: Partial<Record<string, number>> = {};
    fc.assert(
      fc.property(writeArb, ({ hierarchy, input }) => {
        const result = checkSettingWrite(input);
        if (!result.ok) {
          rejected++;
          codes[result.code] = (codes[result.code] ?? 0) + 1;
          expect(result.status).toBe(GOVERNANCE_ERROR_STATUS[result.code]);
          return;
        }
        accepted++;
        const chains = [
          input.template,
          ...(input.affectedServers ?? []).map((s) => s.layers),
        ];
        for (const before of chains) {
          const known = new Set(
            evaluateChain(hierarchy.registry, before, RBAC).problems.map(
              problemKey,
            ),
          );
          const after = evaluateChain(
            hierarchy.registry,
            applied(before, result, input.level),
            RBAC,
          );
          expect(
            after.problems.filter((p) => !known.has(problemKey(p))),
          ).toEqual([]);
          if (known.size === 0) expect(after.problems).toEqual([]);
        }
        const template = evaluateChain(
          hierarchy.registry,
          applied(input.template, result, input.level),
          RBAC,
        );
        if (
          input.row &&
          hierarchy.registry.some((e) => e.name === input.pluginName)
        ) {
          // An accepted row is never silently ignored on its own template chain.
          expect(
            template.ignored.filter(
              (i) =>
                i.level === input.level && i.pluginName === input.pluginName,
            ),
          ).toEqual([]);
        }
        for (const name of result.autoEnabled)
          expect(template.states.get(name)?.enabled).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // Both branches must be exercised for the property to mean anything.
    expect(accepted).toBeGreaterThan(150);
    expect(rejected).toBeGreaterThan(150);
    expect(Object.keys(codes).length).toBeGreaterThanOrEqual(6);
  });

  it('with autoEnableRequirements, enables the whole requirement closure when nothing stands in the way', () => {
    fc.assert(
      fc.property(
        hierarchyArb,
        fc.constantFrom<SettingLevel>('team', 'user', 'server'),
        fc.nat(),
        ({ registry }, level, pick) => {
          // Everyone may do everything and nothing conflicts: only requirements (cycles included) remain.
          const open = registry.map((e) => ({
            ...e,
            mandatory: false,
            enabledGlobally: false,
            availableForTeams: true,
            availableForUsers: true,
            conflictsWith: [],
          }));
          const target = open[pick % open.length]?.name as string;
          const result = checkSettingWrite({
            registry: open,
            level,
            pluginName: target,
            row: { enabled: true },
            actor: { isPlatformAdmin: false },
            template: {},
            autoEnableRequirements: true,
          });
          if (!result.ok) throw new Error(result.detail);
          const closure = new Set<string>([target]);
          for (let grew = true; grew; ) {
            grew = false;
            for (const entry of open) {
              if (!closure.has(entry.name)) continue;
              for (const r of entry.requires)
                if (!closure.has(r)) grew = closure.add(r).size > 0;
            }
          }
          expect(
            new Set(result.plan.template.after.map((e) => e.name)),
          ).toEqual(closure);
          expect(new Set(result.autoEnabled)).toEqual(
            new Set([...closure].filter((n) => n !== target)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
