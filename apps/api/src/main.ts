import { buildApp } from './bootstrap';
import { loadSettings, SettingsError } from './config/settings';
import { SeedService } from './seed/seed.service';
import { RegistrySyncService } from './registry/registry-sync.service';
import { PluginsConfigError } from './registry/plugins-config';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-data';

async function main(): Promise<void> {
  const settings = loadSettings();
  const { app } = await buildApp(settings);
  await app.get(RegistrySyncService).syncAtStartup();
  await app.get(SeedService).run();
  await app.listen(settings.port, process.env['HOST'] ?? '0.0.0.0');
  const url = `http://localhost:${settings.port}`;
  const lines = [`Plugboard is serving ${url}/ (API ${url}/api, docs ${url}/api/docs)`];
  if (settings.seedDemo) {
    lines.push(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.email.padEnd(22)} ${u.platformRole}`);
  }
  if (settings.admin) lines.push(`Admin from PLUGBOARD_ADMIN_EMAIL: ${settings.admin.email}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof SettingsError ? `Configuration error: ${error.message}`
    : error instanceof PluginsConfigError ? error.message
    : error instanceof Error ? error.stack ?? error.message
    : String(error);
  process.stderr.write(`Plugboard failed to start: ${message}\n`);
  process.exit(1);
});
