/* The operator CLI's plugin commands (validate, sync, export), run through runCli against a test database. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { parseRegistryYaml } from '@plugboard/governance';
import { runCli } from '../src/cli/cli-runner';
import { loadSettings } from '../src/config/settings';
import { createDataSource } from '../src/database/data-source.factory';
import { PluginAuditLogEntity } from '../src/governance/plugin-audit-log.entity';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { toRegistryEntry } from '../src/governance/registry.mapper';
import { createTestDatabase, REPO_PLUGINS_CONFIG, type TestDatabase } from './harness';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('plugboard plugins validate | sync | export', () => {
  let db: TestDatabase;
  let dir: string;
  let ds: DataSource | undefined;
  const env: Record<string, string> = {};

  /** runCli with the test database and `extra` in process.env for the call only. */
  async function cli(args: string[], extra: Record<string, string> = {}): Promise<Run> {
    const vars = { ...env, ...extra };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    const run: Run = { code: -1, out: [], err: [] };
    try {
      run.code = await runCli(args, (line) => run.out.push(line), (line) => run.err.push(line));
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    return run;
  }

  /** A connection of the test's own, to look at what the CLI wrote. */
  async function database(): Promise<DataSource> {
    if (!ds) {
      ds = createDataSource(loadSettings(env).database);
      await ds.initialize();
    }
    return ds;
  }
  const registryRows = async (): Promise<RegistryEntryEntity[]> => (await database()).getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
  const auditCount = async (): Promise<number> => (await database()).getRepository(PluginAuditLogEntity).count();
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    Object.assign(env, {
      DATABASE_URL: db.url,
      PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789',
      PLUGBOARD_PLUGINS_CONFIG: REPO_PLUGINS_CONFIG,
      REDIS_URL: '',
    });
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents the plugin commands in its usage', async () => {
    const run = await cli(['help']);
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toMatch(/plugins validate \[--file <path>\][\s\S]*plugins sync \[--force\] \[--dry-run\][\s\S]*plugins export \[--format yaml\|json\]/);
    expect((await cli(['plugins', 'frobnicate'])).code).toBe(2);
    await expect(cli(['plugins', 'sync', '--frobnicate'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });

  it('validate: a one-line summary and exit 0 for a valid file, no database needed', async () => {
    const run = await cli(['plugins', 'validate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(run).toEqual({ code: 0, err: [], out: [`${REPO_PLUGINS_CONFIG} is valid: 8 plugins, 2 mandatory: AuditLoggerPlugin, PIIFilterPlugin`] });
  });

  it('validate: checks kinds and default configs against the discovered plugin packages', async () => {
    const text = [
      'plugins:',
      '  - name: PIIFilterPlugin',
      '    kind: "@plugboard/plugin-pii-filter"',
      '    config:',
      '      action: explode',
      '  - name: AcmeGreeterPlugin',
      '    kind: "@acme/plugboard-greeter"',
      '  - name: Later',
      '    kind: "@acme/not-installed-yet"',
      '',
    ].join('\n');
    const bad = await cli(['plugins', 'validate', '--file', file('schema.yaml', text)]);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/schema\.yaml:5: plugins\[0\]\.config\/action: must be equal to one of the allowed values/);
    const fixed = file('warn.yaml', text.replace('action: explode', 'action: block'));
    const ok = await cli(['plugins', 'validate', '--file', fixed]);
    // The workspace package is found through node_modules; a missing optional package only warns.
    expect(ok).toMatchObject({
      code: 0,
      err: [`warning: ${fixed}:9: plugins[2].kind: no loadable plugin package "@acme/not-installed-yet": Later will be unavailable`],
      out: [`${fixed} is valid: 3 plugins, 0 mandatory`],
    });
  });

  it('validate: every error with its file:line and exit 2', async () => {
    const broken = file('broken.yaml', [
      'plugins:',
      '  - name: Alpha',
      '    kind: "@acme/alpha"',
      '    mandatory: true',
      '    requires: [Beta]',
      '    colour: red',
      '  - name: Beta',
      '    kind: "@acme/beta"',
      '    priority: high',
      '',
    ].join('\n'));
    const run = await cli(['plugins', 'validate', '--file', broken]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      `${broken}:3: plugins[0].kind: no loadable plugin package "@acme/alpha": a mandatory plugin that cannot load stops start-up`,
      `${broken}:5: plugins[0].requires[0]: mandatory plugin Alpha requires Beta, which is not mandatory`,
      expect.stringMatching(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: plugins\\[0\\]\\.colour: unknown field "colour"`)),
      `${broken}:9: plugins[1].priority: must be an integer`,
      `${broken}: 4 errors`,
    ]);
    const missing = await cli(['plugins', 'validate', '--file', join(dir, 'nope.yaml')]);
    expect(missing).toMatchObject({ code: 2, err: [`${join(dir, 'nope.yaml')}: the file does not exist`, `${join(dir, 'nope.yaml')}: 1 error`] });
  });

  it('sync --dry-run reports and writes nothing; sync loads the registry, audited as the CLI; again, nothing changes', async () => {
    const dry = await cli(['plugins', 'sync', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toBe(`Dry run of the sync ${REPO_PLUGINS_CONFIG}`);
    expect(dry.out.at(-1)).toBe('8 created, 0 updated, 0 with API changes kept, 0 removed, 0 unchanged (dry run: nothing was changed)');
    expect(await registryRows()).toEqual([]);

    const run = await cli(['plugins', 'sync']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('  created:   AuditLoggerPlugin, PIIFilterPlugin, RegexFilterPlugin, DenyFilterPlugin, ResourceFilterPlugin, AuthenticationPlugin, CachingPlugin, CustomMetricsPlugin');
    expect(run.out.at(-1)).toBe('8 created, 0 updated, 0 with API changes kept, 0 removed, 0 unchanged');
    expect((await registryRows()).map((r) => r.name)).toHaveLength(8);
    const audit = await (await database()).getRepository(PluginAuditLogEntity).find();
    expect(audit).toHaveLength(8);
    expect(audit.every((a) => a.action === 'registry.created' && a.actorEmail === 'cli' && a.actorId === null && a.reason === 'plugboard plugins sync')).toBe(true);

    const again = await cli(['plugins', 'sync', '--reason', 'nightly']);
    expect(again.out.at(-1)).toBe('0 created, 0 updated, 0 with API changes kept, 0 removed, 8 unchanged');
    expect(await auditCount()).toBe(8);
  });

  it('sync keeps a field changed through the API and says so; --force takes the YAML value', async () => {
    await (await database()).getRepository(RegistryEntryEntity).update({ name: 'RegexFilterPlugin' }, { defaultPriority: 15, managedBy: 'api' });
    const kept = await cli(['plugins', 'sync']);
    expect(kept.code).toBe(0);
    expect(kept.out).toContain('  kept:      RegexFilterPlugin (priority): changed through the API since the last sync; sync with force to take the YAML values');
    expect((await registryRows()).find((r) => r.name === 'RegexFilterPlugin')?.defaultPriority).toBe(15);

    const forced = await cli(['plugins', 'sync', '--force']);
    expect(forced.out[0]).toBe(`Synced ${REPO_PLUGINS_CONFIG} (forced)`);
    expect(forced.out).toContain('  updated:   RegexFilterPlugin (priority)');
    expect((await registryRows()).find((r) => r.name === 'RegexFilterPlugin')).toMatchObject({ defaultPriority: 10, managedBy: 'yaml' });
  });

  it('export prints the registry as YAML that validates and syncs back without a change (round trip)', async () => {
    await (await database()).getRepository(RegistryEntryEntity).update({ name: 'DenyFilterPlugin' }, { defaultPriority: 21, description: 'Changed by an admin' });
    const run = await cli(['plugins', 'export']);
    expect(run.code).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/^# Plugboard plugin registry, exported /);
    const exported = file('exported.yaml', text);
    expect(await cli(['plugins', 'validate', '--file', exported])).toMatchObject({ code: 0, out: [`${exported} is valid: 8 plugins, 2 mandatory: AuditLoggerPlugin, PIIFilterPlugin`] });

    const parsed = parseRegistryYaml(text, exported);
    expect(parsed.errors).toEqual([]);
    const stored = (await registryRows()).map((r) => {
      const e = toRegistryEntry(r);
      delete e.configSchema;
      return e;
    });
    expect(parsed.entries).toEqual(stored);

    const before = await auditCount();
    const synced = await cli(['plugins', 'sync'], { PLUGBOARD_PLUGINS_CONFIG: exported });
    expect(synced.out.at(-1)).toBe('0 created, 0 updated, 0 with API changes kept, 0 removed, 8 unchanged');
    expect(await auditCount()).toBe(before);
    // The export is now the last synced state: the admin's change is no longer an API change.
    expect((await registryRows()).find((r) => r.name === 'DenyFilterPlugin')).toMatchObject({ defaultPriority: 21, managedBy: 'yaml' });
  });

  it('export --format json is the same registry as JSON, which validates too; other formats are refused', async () => {
    const run = await cli(['plugins', 'export', '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out.join('\n')) as { plugins: Record<string, unknown>[] };
    expect(json.plugins).toHaveLength(8);
    expect(json.plugins.find((p) => p['name'] === 'PIIFilterPlugin')).toMatchObject({ mandatory: true, enabled_globally: true, conflicts_with: ['DenyFilterPlugin'], priority: 2 });
    const exported = file('exported.json', run.out.join('\n'));
    expect((await cli(['plugins', 'validate', '--file', exported])).code).toBe(0);
    await expect(cli(['plugins', 'export', '--format', 'xml'])).rejects.toMatchObject({ name: 'CliError', message: '--format must be yaml or json, not "xml"' });
  });

  it('sync of an invalid YAML prints every file:line, exits 2 and changes nothing', async () => {
    const bad = file('bad.yaml', 'plugins:\n  - name: Lonely\n    kind: "@acme/lonely"\n    requires: [Nobody]\n');
    const rows = JSON.stringify(await registryRows());
    const before = await auditCount();
    const run = await cli(['plugins', 'sync', '--force'], { PLUGBOARD_PLUGINS_CONFIG: bad });
    expect(run).toMatchObject({ code: 2, out: [], err: [`${bad}:4: plugins[0].requires[0]: requires unknown plugin Nobody`, `${bad}: 1 error; nothing was synced`] });
    expect(JSON.stringify(await registryRows())).toBe(rows);
    expect(await auditCount()).toBe(before);
  });
});
