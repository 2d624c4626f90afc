import { expect, test } from '@playwright/test';
import { ServerPage } from './pages/server-page';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { ALICE, PRODUCTION_TOOLS } from './support/demo-data';

test('a team member signs in, opens production_tools and invokes its echo tool', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const server = new ServerPage(page);

  // A signed-out visit lands on sign-in and comes back to the servers afterwards.
  await page.goto('/');
  await signIn.expectShown();
  await signIn.signIn(ALICE.email, ALICE.password);

  await servers.expectShown();
  await expect(servers.topBar.userName).not.toBeEmpty();
  await expect(servers.topBar.platformRole).toHaveText(ALICE.platformRole);
  await expect(servers.topBar.teams).toContainText(ALICE.team);
  await expect(servers.serverLink(PRODUCTION_TOOLS.name)).toBeVisible();

  await servers.open(PRODUCTION_TOOLS.name);
  await server.expectShown(PRODUCTION_TOOLS.name);
  for (const tool of PRODUCTION_TOOLS.tools) {
    await expect(server.tool(tool)).toBeVisible();
  }

  const invoked = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith('/tools/echo/invoke'),
  );
  await server.invoke('echo', '{"message":"hello"}');
  expect((await invoked).status()).toBe(200);

  await expect(server.result('echo')).toContainText('hello');
  await expect(server.trace('echo')).toBeVisible();
  await expect(
    server.trace('echo').getByRole('columnheader', { name: 'Plugin' }),
  ).toBeVisible();
  await expect(server.violation('echo')).toBeHidden();
});
