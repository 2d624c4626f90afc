import { expect, test } from '@playwright/test';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { TeamPluginsPage } from './pages/team-plugins-page';
import { OLIVIA } from './support/demo-data';
import {
  apiToken,
  removeTeamSetting,
  teamIdOf,
} from './support/plugin-settings-api';

const PLUGIN = 'DenyFilterPlugin';

// The write is refused, so there should be nothing to clean; this keeps a regression from
// leaking a row into the specs that run after this one.
test.afterEach(async ({ request }) => {
  const token = await apiToken(request, OLIVIA.email);
  const teamId = await teamIdOf(request, token, OLIVIA.teamSlug);
  await removeTeamSetting(request, token, teamId, PLUGIN);
});

test('enabling a plugin that conflicts with a mandatory one is refused with the reason', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const teamPlugins = new TeamPluginsPage(page);

  await signIn.goto();
  await signIn.signIn(OLIVIA.email, OLIVIA.password);
  await servers.expectShown();
  await teamPlugins.open(OLIVIA.team);

  const deny = teamPlugins.plugin(PLUGIN);
  await deny.toggle.click();
  await expect(deny.toggle).toBeChecked();
  const refused = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith('/plugins'),
  );
  await deny.save();
  const response = await refused;
  expect(response.status()).toBe(409);
  expect(((await response.json()) as { code: string }).code).toBe(
    'PLUGIN_CONFLICT',
  );

  await expect(deny.problem).toContainText(
    'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
  );
  await expect(deny.suggestions.getByRole('listitem').first()).toBeVisible();
  await expect(deny.enableRequirementsButton).toHaveCount(0);

  // Nothing was saved: a fresh load shows the plugin off.
  await page.reload();
  await teamPlugins.expectShown(OLIVIA.team);
  await expect(teamPlugins.plugin(PLUGIN).toggle).not.toBeChecked();
  await expect(teamPlugins.plugin(PLUGIN).badge).toHaveCount(0);
});
