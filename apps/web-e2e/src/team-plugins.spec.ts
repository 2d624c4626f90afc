import { type APIRequestContext, expect, test } from '@playwright/test';
import { ServerPage } from './pages/server-page';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { TeamPluginsPage } from './pages/team-plugins-page';
import {
  ALICE,
  MANDATORY_PLUGINS,
  OLIVIA,
  PRODUCTION_TOOLS,
} from './support/demo-data';
import {
  apiToken,
  removeTeamSetting,
  teamIdOf,
} from './support/plugin-settings-api';

const PLUGIN = 'RegexFilterPlugin';
const PATTERN = 'internal-regex-123';

// Back to the seed: no team row for the plugin, before (a failed earlier run) and after.
async function resetTeamPlugin(request: APIRequestContext): Promise<void> {
  const token = await apiToken(request, OLIVIA.email);
  const teamId = await teamIdOf(request, token, OLIVIA.teamSlug);
  await removeTeamSetting(request, token, teamId, PLUGIN);
}

test.beforeEach(async ({ request }) => resetTeamPlugin(request));
test.afterEach(async ({ request }) => resetTeamPlugin(request));

test('a team owner enables a plugin for the team and a member sees it on a team server', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const teamPlugins = new TeamPluginsPage(page);
  const server = new ServerPage(page);

  await signIn.goto();
  await signIn.signIn(OLIVIA.email, OLIVIA.password);
  await servers.expectShown();
  await teamPlugins.open(OLIVIA.team);

  // Mandatory plugins are greyed out, always on, with no switch.
  for (const name of MANDATORY_PLUGINS) {
    const card = teamPlugins.plugin(name);
    await expect(card.badge).toHaveText('[MANDATORY]');
    await expect(card.toggle).toHaveCount(0);
  }

  const regex = teamPlugins.plugin(PLUGIN);
  await expect(regex.toggle).not.toBeChecked();
  await regex.toggle.click();
  await expect(regex.toggle).toBeChecked();
  await regex.setConfig(`{"blocked_patterns": ["${PATTERN}"]}`);
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith(`/plugins`),
  );
  await regex.save();
  expect((await saved).status()).toBe(201);

  await expect(regex.status).toHaveText(`Saved ${PLUGIN}.`);
  await expect(regex.badge).toHaveText('[TEAM DEFAULT]');
  await expect(regex.toggle).toBeChecked();

  // Saved for real: a fresh load shows it.
  await page.reload();
  await teamPlugins.expectShown(OLIVIA.team);
  await expect(teamPlugins.plugin(PLUGIN).toggle).toBeChecked();
  await expect(teamPlugins.plugin(PLUGIN).config).toHaveValue(
    new RegExp(PATTERN),
  );

  // A member of the team sees it on the team's server.
  await teamPlugins.topBar.signOut();
  await signIn.expectShown();
  await signIn.signIn(ALICE.email, ALICE.password);
  await servers.expectShown();
  await servers.open(PRODUCTION_TOOLS.name);
  await server.expectShown(PRODUCTION_TOOLS.name);
  await server.openPluginsTab();

  await expect(server.chainRow(PLUGIN).getByTestId('plugin-badge')).toHaveText(
    '[TEAM DEFAULT]',
  );
  await expect(server.chainRow(PLUGIN)).toContainText(PATTERN);
  for (const name of MANDATORY_PLUGINS) {
    await expect(server.chainRow(name).getByTestId('plugin-badge')).toHaveText(
      '[MANDATORY]',
    );
  }
});
