import { type APIRequestContext, expect, test } from '@playwright/test';
import { GlobalPluginsPage } from './pages/global-plugins-page';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_PASSWORD } from './support/demo-data';
import { apiToken } from './support/plugin-settings-api';

const ADMIN = { email: 'admin@example.com', password: DEMO_PASSWORD } as const;
const PLUGIN = 'ResourceFilterPlugin';

/** The snapshot the promote took of the policy before it: restoring it puts back every row. */
let snapshotBeforePromote: string | null = null;

async function restoreSnapshot(
  request: APIRequestContext,
  snapshotId: string,
): Promise<void> {
  const token = await apiToken(request, ADMIN.email);
  const response = await request.post(
    `/api/admin/policy/snapshots/${snapshotId}/restore`,
    {
      headers: { authorization: `Bearer ${token}` },
      data: { reason: 'e2e clean-up' },
    },
  );
  expect(response.ok(), 'restore of the policy snapshot').toBe(true);
}

test.afterEach(async ({ request }) => {
  if (snapshotBeforePromote) {
    await restoreSnapshot(request, snapshotBeforePromote);
    snapshotBeforePromote = null;
  }
});

test('an admin makes a plugin mandatory after seeing the impact, then optional again', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const globalPlugins = new GlobalPluginsPage(page);

  await signIn.goto();
  await signIn.signIn(ADMIN.email, ADMIN.password);
  await servers.expectShown();
  await globalPlugins.open();

  const row = globalPlugins.plugin(PLUGIN);
  await expect(row.badge).toHaveText('[OPTIONAL]');

  // The dry run: the impact is shown and nothing changes yet.
  await row.makeMandatory.click();
  await expect(globalPlugins.confirmPanel).toBeVisible();
  await expect(globalPlugins.impactSummary).not.toBeEmpty();
  await expect(globalPlugins.confirmPanel).toContainText('Servers affected');
  await expect(globalPlugins.confirmPanel).toContainText(
    'Setting rows removed',
  );
  await expect(globalPlugins.confirmPanel).toContainText('Teams notified');
  await expect(row.badge).toHaveText('[OPTIONAL]');

  await globalPlugins.reason.fill('e2e: promote');
  const promoted = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith(`/${PLUGIN}/promote-to-mandatory`) &&
      (response.request().postDataJSON() as { dryRun?: boolean }).dryRun ===
        false,
  );
  await globalPlugins.confirmButton('make mandatory').click();
  const promotion = (await (await promoted).json()) as {
    snapshotId: string | null;
  };
  snapshotBeforePromote = promotion.snapshotId;
  await expect(globalPlugins.confirmPanel).toHaveCount(0);
  await expect(row.badge).toHaveText('[MANDATORY]');
  await expect(globalPlugins.message).toContainText('Done:');

  // And back: Make optional, again through the dry run.
  await row.makeOptional.click();
  await expect(globalPlugins.confirmPanel).toBeVisible();
  await expect(globalPlugins.impactSummary).not.toBeEmpty();
  await globalPlugins.confirmButton('make optional').click();
  await expect(globalPlugins.confirmPanel).toHaveCount(0);
  await expect(row.badge).toHaveText('[OPTIONAL]');
});
