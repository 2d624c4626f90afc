import { type APIRequestContext, expect, test } from '@playwright/test';
import {
  GreeterPage,
  NotFoundPage,
  slotEntry,
} from './pages/plugin-pages';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { ACME_GREETER, ADMIN, BOB, SAM } from './support/demo-data';
import { apiToken } from './support/plugin-settings-api';
import {
  grantPluginRole,
  revokePluginRoles,
  userIdOf,
} from './support/plugin-ui-api';

// Bob gets the example plugin's "greeter" role in the test; Sam never holds it.
async function revokeGreeterRoles(request: APIRequestContext): Promise<void> {
  const admin = await apiToken(request, ADMIN.email);
  for (const user of [BOB, SAM]) {
    const userId = await userIdOf(request, await apiToken(request, user.email));
    await revokePluginRoles(request, admin, ACME_GREETER.plugin, userId);
  }
}

test.beforeEach(async ({ request }) => revokeGreeterRoles(request));
test.afterEach(async ({ request }) => revokeGreeterRoles(request));

test('a holder of the greeter role sees the plugin menu item, opens its page and is greeted', async ({
  page,
  request,
}) => {
  const admin = await apiToken(request, ADMIN.email);
  const bobId = await userIdOf(request, await apiToken(request, BOB.email));
  await grantPluginRole(
    request,
    admin,
    ACME_GREETER.plugin,
    bobId,
    ACME_GREETER.role,
  );

  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const greeter = new GreeterPage(page);

  await signIn.goto();
  await signIn.signIn(BOB.email, BOB.password);
  await servers.expectShown();

  // The home slot card links to the page the role opens.
  const card = slotEntry(page, ACME_GREETER.slotTitle);
  await expect(card).toBeVisible();
  await expect(
    card.getByRole('link', { name: 'Open the greeter' }),
  ).toBeVisible();

  await servers.topBar.link(ACME_GREETER.menuLabel).click();
  await greeter.expectShown();
  await expect(greeter.greeting).toHaveText(`Hello, ${BOB.email}!`);
  await expect(page).toHaveTitle('Greeter · Plugboard');

  // A reload goes through the route's run-time lookup again.
  await page.reload();
  await greeter.expectShown();
  await expect(greeter.greeting).toHaveText(`Hello, ${BOB.email}!`);
});

test('without the role there is no menu item and the plugin page is not found; the home card still shows', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const notFound = new NotFoundPage(page);

  await signIn.goto();
  await signIn.signIn(SAM.email, SAM.password);
  await servers.expectShown();

  const card = slotEntry(page, ACME_GREETER.slotTitle);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Ask a platform admin to grant it to you.');
  await expect(card.getByRole('link')).toHaveCount(0);
  await expect(servers.topBar.link(ACME_GREETER.menuLabel)).toHaveCount(0);

  await page.goto(ACME_GREETER.path);
  await expect(notFound.heading).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${ACME_GREETER.path}$`));
  await expect(page.getByTestId('acme-greeting')).toHaveCount(0);
});
