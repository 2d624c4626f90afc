import { Inject, Injectable } from '@nestjs/common';
import { indexRegistry, resolveChain, type RegistryEntry } from '@plugboard/governance';
import { layersKey, layersOfServer, type PolicyRow, type ServerRef } from '../admin-ops/policy-state';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError, notFound } from '../common/domain-error';
import type {
  PluginAdoptionDto, PluginDrillDownDto, RecentChangeDto, ServerUsageDto, SettingUsageDto, TeamUsageDto, UsageCellDto, UsageReportDto, UsageReportQueryDto,
} from './dto/usage-report.dto';
import { describeChange } from './recent-change.util';
import { csvLine, summarizeConfig, USAGE_CSV_COLUMNS } from './usage-csv.util';
import { usageCells, type ServerRows, type UsageCell } from './usage-cells.util';
import { changeWindow, UsageDataReader, type ChangeFilter, type UsageData } from './usage-data.reader';

/** The chain of every server sharing one set of layers, as report cells. */
interface GroupUsage {
  layers: ServerRows;
  cells: UsageCell[];
  degraded: boolean;
  /** The cells as the answer shows them, made on first use. */
  views?: RenderedCell[];
}

/** A cell as answered, and as CSV (everything after server_id,server_name). */
interface RenderedCell {
  view: UsageCellDto;
  csv: string;
}

interface Computed {
  data: UsageData;
  servers: ServerRef[];
  groups: Map<string, GroupUsage>;
  keyOf: Map<string, string>;
  entry: RegistryEntry | null;
  teamNames: Map<string, string>;
  /**
   * Rendered cells by what determines them: the plugin, its level and state, and the ids of the
   * server's rows of that plugin (the effective config depends on nothing else), so most cells
   * (a default plugin, a team's setting) are summarised once, not once per server.
   */
  rendered: Map<string, RenderedCell>;
  isoDates: Map<string, string>;
}

const RECENT_CHANGES = 50;
const CSV_CHUNK = 5_000;
const DRILL_DOWN_SERVERS = 1000;
const DAY_MS = 86_400_000;

const isoOf = (text: string): string => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();

/**
 * The usage report of SPEC 6 / US-5: every chain is resolved in memory from a few set-based reads
 * (once per distinct set of layers, not once per server), then counted, paged, or written as CSV.
 */
@Injectable()
export class UsageReportService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly reader: UsageDataReader,
  ) {}

  /** The JSON report; `matrixLimit: 'all'` puts every server in the matrix (the CLI's export). */
  async report(query: UsageReportQueryDto, options: { matrixLimit?: 'all' } = {}): Promise<UsageReportDto> {
    const window = changeWindow(query.from, query.to);
    const computed = await this.compute(query);
    const { data, servers } = computed;
    const now = new Date();
    const changeFilter = this.changeFilter(query, computed, window);
    const timelineFilter = { ...changeFilter, from: window.from ?? new Date(now.getTime() - 30 * DAY_MS) };
    const [changes, timeline] = await Promise.all([this.reader.recentChanges(changeFilter, RECENT_CHANGES), this.reader.timeline(timelineFilter)]);
    const limit = options.matrixLimit === 'all' ? Math.max(servers.length, 1) : (query.limit ?? 100);
    const offset = options.matrixLimit === 'all' ? 0 : (query.offset ?? 0);
    const plugins = this.adoption(computed);
    return {
      generatedAt: now.toISOString(),
      filters: { plugin: query.plugin ?? null, team: query.team ?? null, user: query.user ?? null, from: window.from?.toISOString() ?? null, to: window.to?.toISOString() ?? null },
      totals: { servers: servers.length, plugins: data.registry.length, teamSettings: data.rowCounts.team, userSettings: data.rowCounts.user, serverSettings: data.rowCounts.server },
      plugins,
      unusedPlugins: plugins
        .filter((p) => p.servers === 0)
        .map((p) => ({ name: p.name, availableForTeams: p.availableForTeams, availableForUsers: p.availableForUsers, summary: `${p.name} (0 servers - consider removing?)` })),
      teams: this.teams(computed, query),
      recentChanges: changes.map((c): RecentChangeDto => ({
        id: c.id,
        at: new Date(c.at).toISOString(),
        actorEmail: c.actorEmail,
        action: c.action,
        pluginName: c.pluginName,
        level: c.level,
        entityType: c.entityType,
        entityId: c.entityId,
        entityName: c.entityName,
        summary: describeChange({ ...c, at: new Date(c.at) }, now),
      })),
      timeline,
      matrix: {
        plugins: computed.entry ? [computed.entry.name] : data.registry.map((e) => e.name),
        total: servers.length,
        limit,
        offset,
        servers: servers.slice(offset, offset + limit).map((s) => this.serverUsage(computed, s, query.plugin)),
      },
      drillDown: computed.entry ? this.drillDown(computed, computed.entry, query) : null,
    };
  }

  /** The CSV export: one line per cell of the matrix (every server matching the filters). */
  async csv(query: UsageReportQueryDto): Promise<string> {
    return [...(await this.csvChunks(query))].join('');
  }

  /**
   * The CSV export in chunks of about `CSV_CHUNK` lines, for streaming: the report is computed
   * (and any error thrown) before the first chunk; each chunk is rendered when asked for.
   */
  async csvChunks(query: UsageReportQueryDto): Promise<Iterable<string>> {
    changeWindow(query.from, query.to);
    const computed = await this.compute(query);
    return this.renderCsv(computed, query.plugin);
  }

  private *renderCsv(computed: Computed, plugin: string | undefined): Generator<string> {
    // Per server: its prefix, then the group's pre-rendered cells joined with "CRLF + prefix".
    const tails = new Map<GroupUsage, string[]>();
    let parts: string[] = [`${USAGE_CSV_COLUMNS.join(',')}\r\n`];
    let lines = 0;
    for (const server of computed.servers) {
      const group = this.groupOf(computed, server.id);
      let tail = tails.get(group);
      if (!tail) {
        tail = this.views(computed, group, plugin).map((c) => c.csv);
        tails.set(group, tail);
      }
      if (tail.length === 0) continue;
      const prefix = `${csvLine([server.id, server.name])},`;
      parts.push(`${prefix}${tail.join(`\r\n${prefix}`)}\r\n`);
      lines += tail.length;
      if (lines >= CSV_CHUNK) {
        yield parts.join('');
        parts = [];
        lines = 0;
      }
    }
    if (parts.length > 0) yield parts.join('');
  }

  private async compute(query: UsageReportQueryDto): Promise<Computed> {
    const data = await this.reader.load();
    const entry = query.plugin === undefined ? null : (data.registry.find((e) => e.name === query.plugin) ?? null);
    if (query.plugin !== undefined && !entry) throw new DomainError('PLUGIN_NOT_FOUND', `There is no plugin named ${query.plugin} in the registry`);
    if (query.team !== undefined && !data.teams.some((t) => t.id === query.team)) throw notFound('Team');
    if (query.user !== undefined && !data.emails.has(query.user)) throw notFound('User');
    const servers = data.servers.filter((s) => (query.team === undefined || s.teamId === query.team) && (query.user === undefined || s.ownerId === query.user));
    const index = indexRegistry(data.registry);
    const options = { rbacEnabled: this.settings.pluginRbacEnabled };
    const groups = new Map<string, GroupUsage>();
    const keyOf = new Map<string, string>();
    for (const server of servers) {
      const key = layersKey(data.rows, server);
      keyOf.set(server.id, key);
      if (groups.has(key)) continue;
      const layers = layersOfServer(data.rows, server) as ServerRows;
      const resolved = resolveChain(index, layers, options);
      groups.set(key, { layers, cells: usageCells(index, layers, resolved), degraded: resolved.degraded });
    }
    return { data, servers, groups, keyOf, entry, teamNames: new Map(data.teams.map((t) => [t.id, t.name])), rendered: new Map(), isoDates: new Map() };
  }

  /** A group's cells as answered (only `plugin`'s when given). */
  private views(computed: Computed, group: GroupUsage, plugin: string | undefined): RenderedCell[] {
    group.views ??= group.cells.map((cell) => this.render(computed, group.layers, cell));
    return plugin === undefined ? group.views : group.views.filter((c) => c.view.plugin === plugin);
  }

  private render(computed: Computed, layers: ServerRows, cell: UsageCell): RenderedCell {
    let key = `${cell.plugin}|${cell.level}|${cell.enabled}`;
    for (const rows of [layers.team, layers.user, layers.server]) for (const row of rows) if (row.pluginName === cell.plugin) key += `|${row.id}`;
    const known = computed.rendered.get(key);
    if (known) return known;
    const who = this.modified(computed, cell.plugin, cell.row);
    const view: UsageCellDto = {
      plugin: cell.plugin,
      level: cell.level,
      enabled: cell.enabled,
      configSummary: cell.config ? summarizeConfig(cell.config) : '',
      modifiedBy: who.by,
      modifiedAt: who.at,
    };
    const rendered = { view, csv: csvLine([view.plugin, view.level, String(view.enabled), view.configSummary, view.modifiedBy, view.modifiedAt ?? '']) };
    computed.rendered.set(key, rendered);
    return rendered;
  }

  /** Who last set a cell for a server: the row's writer (a user row's user), else the registry's last editor. */
  private modified(computed: Computed, plugin: string, row: PolicyRow | null): { by: string; at: string | null } {
    const { data } = computed;
    if (!row) {
      const edit = data.registryEdits.get(plugin);
      return { by: edit?.by ?? 'system', at: edit?.at ?? null };
    }
    const writer = row.level === 'user' ? row.ownerId : row.addedBy;
    let at = computed.isoDates.get(row.updatedAt);
    if (at === undefined) {
      at = isoOf(row.updatedAt);
      computed.isoDates.set(row.updatedAt, at);
    }
    return { by: (writer && data.emails.get(writer)) ?? '', at };
  }

  private groupOf(computed: Computed, serverId: string): GroupUsage {
    return computed.groups.get(computed.keyOf.get(serverId) as string) as GroupUsage;
  }

  /** Every registry plugin with the servers running it (by origin level) and those switching it off; most adopted first. */
  private adoption(computed: Computed): PluginAdoptionDto[] {
    const sizes = new Map<string, number>();
    for (const key of computed.keyOf.values()) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    const stats = new Map(
      computed.data.registry.map((e): [string, PluginAdoptionDto] => [
        e.name,
        {
          name: e.name,
          mandatory: e.mandatory,
          enabledGlobally: e.enabledGlobally,
          availableForTeams: e.availableForTeams,
          availableForUsers: e.availableForUsers,
          servers: 0,
          byLevel: { mandatory: 0, global: 0, team: 0, user: 0, server: 0 },
          disabled: 0,
        },
      ]),
    );
    for (const [key, size] of sizes) {
      for (const cell of (computed.groups.get(key) as GroupUsage).cells) {
        const stat = stats.get(cell.plugin);
        if (!stat) continue;
        if (!cell.enabled) {
          stat.disabled += size;
          continue;
        }
        stat.servers += size;
        stat.byLevel[cell.level as keyof PluginAdoptionDto['byLevel']] += size;
      }
    }
    return [...stats.values()].sort((a, b) => b.servers - a.servers || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Plugins per team: all teams, or the team filtered on, or the teams of the user's servers. */
  private teams(computed: Computed, query: UsageReportQueryDto): TeamUsageDto[] {
    const byTeam = new Map<string, { servers: number; groups: Set<string>; plugins: Set<string> }>();
    for (const server of computed.servers) {
      if (!server.teamId) continue;
      const stat = byTeam.get(server.teamId) ?? { servers: 0, groups: new Set<string>(), plugins: new Set<string>() };
      stat.servers += 1;
      const key = computed.keyOf.get(server.id) as string;
      if (!stat.groups.has(key)) {
        stat.groups.add(key);
        for (const cell of (computed.groups.get(key) as GroupUsage).cells) if (cell.enabled) stat.plugins.add(cell.plugin);
      }
      byTeam.set(server.teamId, stat);
    }
    const filtered = query.team !== undefined || query.user !== undefined;
    return computed.data.teams
      .filter((t) => !filtered || byTeam.has(t.id) || t.id === query.team)
      .map((t) => ({
        teamId: t.id,
        slug: t.slug,
        name: t.name,
        servers: byTeam.get(t.id)?.servers ?? 0,
        plugins: byTeam.get(t.id)?.plugins.size ?? 0,
        teamSettings: computed.data.rows.team.get(t.id)?.length ?? 0,
      }));
  }

  private serverUsage(computed: Computed, server: ServerRef, plugin: string | undefined): ServerUsageDto {
    const group = this.groupOf(computed, server.id);
    return {
      serverId: server.id,
      serverName: server.name,
      teamId: server.teamId,
      teamName: server.teamId ? (computed.teamNames.get(server.teamId) ?? null) : null,
      ownerEmail: computed.data.emails.get(server.ownerId) ?? '',
      degraded: group.degraded,
      cells: this.views(computed, group, plugin).map((c) => c.view),
    };
  }

  private drillDown(computed: Computed, entry: RegistryEntry, query: UsageReportQueryDto): PluginDrillDownDto {
    const { data } = computed;
    const using: PluginDrillDownDto['servers'] = [];
    let serversUsing = 0;
    for (const server of computed.servers) {
      const cell = this.groupOf(computed, server.id).cells.find((c) => c.plugin === entry.name && c.enabled);
      if (!cell) continue;
      serversUsing += 1;
      if (using.length < DRILL_DOWN_SERVERS) using.push({ serverId: server.id, serverName: server.name, level: cell.level });
    }
    const total = computed.servers.length;
    const inScope = new Set(computed.servers.map((s) => s.id));
    const teamScope = new Set([...computed.servers.map((s) => s.teamId), query.team]);
    const ownerScope = new Set([...computed.servers.map((s) => s.ownerId), query.user]);
    const scoped = query.team !== undefined || query.user !== undefined;
    const setting = (row: PolicyRow, entityName: string): SettingUsageDto => {
      const who = this.modified(computed, entry.name, row);
      return {
        entityId: row.ownerId,
        entityName,
        enabled: row.enabled,
        config: row.config,
        configSummary: summarizeConfig(row.config),
        inheritConfig: row.inheritConfig,
        modifiedBy: who.by,
        modifiedAt: who.at ?? '',
      };
    };
    const rowsOf = (level: 'team' | 'user' | 'server', inside: (ownerId: string) => boolean): PolicyRow[] => {
      const out: PolicyRow[] = [];
      for (const [owner, rows] of data.rows[level]) {
        if (!inside(owner)) continue;
        for (const row of rows) if (row.pluginName === entry.name) out.push(row);
      }
      return out;
    };
    const teamName = computed.teamNames;
    const serverName = new Map(data.servers.map((s) => [s.id, s.name]));
    const byName = (a: SettingUsageDto, b: SettingUsageDto): number => (a.entityName < b.entityName ? -1 : a.entityName > b.entityName ? 1 : 0);
    const all = serversUsing === total && total > 0 ? ' (all servers - mandatory)' : ' (mandatory)';
    return {
      plugin: entry.name,
      mandatory: entry.mandatory,
      summary: `Total servers using it: ${serversUsing}${entry.mandatory ? all : ''}`,
      serversUsing,
      serversTotal: total,
      servers: using,
      teamConfigs: rowsOf('team', (id) => !scoped || teamScope.has(id)).map((r) => setting(r, teamName.get(r.ownerId) ?? r.ownerId)).sort(byName),
      userOverrides: rowsOf('user', (id) => !scoped || ownerScope.has(id)).map((r) => setting(r, data.emails.get(r.ownerId) ?? r.ownerId)).sort(byName),
      serverOverrides: rowsOf('server', (id) => inScope.has(id)).map((r) => setting(r, serverName.get(r.ownerId) ?? r.ownerId)).sort(byName),
    };
  }

  private changeFilter(query: UsageReportQueryDto, computed: Computed, window: ReturnType<typeof changeWindow>): ChangeFilter {
    const filter: ChangeFilter = { ...window };
    if (query.plugin !== undefined) filter.plugin = query.plugin;
    if (query.team !== undefined || query.user !== undefined) {
      const ids = computed.servers.map((s) => s.id);
      if (query.team !== undefined) ids.push(query.team);
      if (query.user !== undefined) {
        ids.push(query.user);
        filter.actorId = query.user;
      }
      filter.entityIds = ids;
    }
    return filter;
  }
}
