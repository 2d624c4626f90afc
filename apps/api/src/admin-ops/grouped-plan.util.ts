/**
 * planImpact over every server, calling it once per distinct set of layers: at 10,000 servers most
 * servers share their team's rows and nothing else, so the plans are a few thousand, not 10,000.
 */
import { planImpact, type ImpactPlan, type Layers, type PlanRegistry, type ResolveOptions, type ServerPlan } from '@plugboard/governance';

export interface PlanSubject {
  serverId: string;
  /** Subjects with the same key have the same `before` and `after` layers. */
  key: string;
  before: Layers;
  after: Layers;
}

export interface GroupedPlan {
  /** Plan per server id (shared objects between servers of one key: read, never mutate). */
  byServer: Map<string, ServerPlan>;
  summary: ImpactPlan['summary'];
}

export function planGrouped(registry: PlanRegistry, subjects: readonly PlanSubject[], options: ResolveOptions): GroupedPlan {
  const representatives = new Map<string, PlanSubject>();
  for (const subject of subjects) if (!representatives.has(subject.key)) representatives.set(subject.key, subject);
  const plan = planImpact(
    registry,
    [...representatives.values()].map((s) => ({ serverId: s.key, before: s.before, after: s.after })),
    options,
  );
  const byKey = new Map(plan.servers.map((p) => [p.serverId, p]));
  const byServer = new Map<string, ServerPlan>();
  const summary = { servers: 0, serversChanged: 0, added: 0, removed: 0, changed: 0 };
  for (const subject of subjects) {
    const shared = byKey.get(subject.key) as ServerPlan;
    byServer.set(subject.serverId, shared);
    summary.servers += 1;
    let touched = false;
    for (const change of shared.changes) {
      if (change.change === 'unchanged') continue;
      touched = true;
      summary[change.change] += 1;
    }
    if (touched) summary.serversChanged += 1;
  }
  return { byServer, summary };
}

const changing = new WeakMap<ServerPlan, boolean>();

/** Whether a server's chain changes under the plan (what runs, or whether it is degraded). */
export function planChanges(plan: ServerPlan): boolean {
  let known = changing.get(plan);
  if (known === undefined) {
    known = plan.degradedBefore !== plan.degradedAfter || plan.changes.some((c) => c.change !== 'unchanged');
    changing.set(plan, known);
  }
  return known;
}
