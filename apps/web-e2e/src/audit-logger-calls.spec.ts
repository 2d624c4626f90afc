import { expect, test } from '@playwright/test';
import { ToolCallsPage } from './pages/plugin-pages';
import { ServerPage } from './pages/server-page';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { ADMIN, PRODUCTION_TOOLS } from './support/demo-data';
import { apiToken } from './support/plugin-settings-api';
import { invokeTool, serverIdByName } from './support/plugin-ui-api';

test('an admin finds a tool call they made in the audit logger’s call log and on the server’s Calls tab', async ({
  page,
  request,
}) => {
  const token = await apiToken(request, ADMIN.email);
  const serverId = await serverIdByName(request, token, PRODUCTION_TOOLS.name);
  await invokeTool(request, token, serverId, 'search', { query: 'runbook' });

  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const calls = new ToolCallsPage(page);

  await signIn.goto();
  await signIn.signIn(ADMIN.email, ADMIN.password);
  await servers.expectShown();
  await servers.topBar.link('Tool calls').click();
  await calls.expectShown();

  await calls.server.selectOption({ label: PRODUCTION_TOOLS.name });
  await calls.tool.fill('search');
  await calls.outcome.selectOption('success');
  // The logger writes in batches (about every second): apply again until the call is there.
  await expect(async () => {
    await calls.applyButton.click();
    await expect(
      calls.rowWith(PRODUCTION_TOOLS.name, 'search', ADMIN.email, 'success'),
    ).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // The server's own tab (slot server:tabs) lists the same server's calls.
  await page.goto(`/servers/${serverId}`);
  const server = new ServerPage(page);
  await server.expectShown(PRODUCTION_TOOLS.name);
  const tab = page.getByRole('tab', { name: 'Calls' });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: 'Calls' });
  const serverCalls = new ToolCallsPage(page, panel);
  await expect(panel.getByLabel('Server', { exact: true })).toHaveCount(0);
  await expect(
    serverCalls.rowWith('search', ADMIN.email, 'success'),
  ).not.toHaveCount(0);
});
