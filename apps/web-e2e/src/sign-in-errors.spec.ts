import { expect, test } from '@playwright/test';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { ALICE } from './support/demo-data';

test('a wrong password shows the API problem detail', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();

  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().endsWith('/api/auth/login'),
  );
  await signIn.signIn(ALICE.email, 'not-the-password');
  const response = await answered;

  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toContain(
    'application/problem+json',
  );
  const problem = (await response.json()) as { detail: string };
  expect(problem.detail).toBeTruthy();
  await expect(signIn.problem).toHaveText(problem.detail);
  await signIn.expectShown();
});

test('an empty form is stopped before anything is sent', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  let loginCalls = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/auth/login')) {
      loginCalls += 1;
    }
  });

  await signIn.submit.click();

  await expect(page.getByText('Enter your email address.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
  await expect(signIn.email).toBeFocused();
  expect(loginCalls).toBe(0);
});

test('signing out returns to sign-in and ends the session', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  await signIn.goto();
  await signIn.signIn(ALICE.email, ALICE.password);
  await servers.expectShown();

  await servers.topBar.signOut();

  await signIn.expectShown();
  await expect(servers.topBar.signOutButton).toBeHidden();

  // The cookie is gone too: a signed-in page sends us back to sign-in.
  await page.goto('/servers');
  await signIn.expectShown();
  await expect(page).toHaveURL(/returnUrl=%2Fservers/);
});
