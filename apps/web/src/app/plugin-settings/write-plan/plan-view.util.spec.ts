import { newChainPlan, newServerPlan } from '../../../testing/factories';
import { toPlanView } from './plan-view.util';

describe('toPlanView', () => {
  it('keeps only what changes and names the servers it knows', () => {
    const view = toPlanView(
      {
        template: newChainPlan({
          changes: [
            { plugin: 'AuditLoggerPlugin', change: 'unchanged', fields: [] },
            { plugin: 'RegexFilterPlugin', change: 'added', fields: [] },
          ],
        }),
        servers: [
          newServerPlan({
            serverId: 's1',
            changes: [
              {
                plugin: 'RegexFilterPlugin',
                change: 'changed',
                fields: ['config'],
              },
              { plugin: 'DenyFilterPlugin', change: 'removed', fields: [] },
            ],
          }),
          newServerPlan({
            serverId: 's2',
            changes: [
              { plugin: 'AuditLoggerPlugin', change: 'unchanged', fields: [] },
            ],
          }),
          newServerPlan({ serverId: 's3', degradedAfter: true }),
        ],
      },
      { s1: 'production_tools' },
    );

    expect(view.template).toEqual([
      { plugin: 'RegexFilterPlugin', change: 'added', fields: [] },
    ]);
    expect(view.servers).toEqual([
      {
        serverId: 's1',
        label: 'production_tools',
        lines: [
          {
            plugin: 'RegexFilterPlugin',
            change: 'changed',
            fields: ['config'],
          },
          { plugin: 'DenyFilterPlugin', change: 'removed', fields: [] },
        ],
        degradedAfter: false,
      },
      { serverId: 's3', label: 's3', lines: [], degradedAfter: true },
    ]);
    expect(view.unchangedServers).toBe(1);
  });
});
