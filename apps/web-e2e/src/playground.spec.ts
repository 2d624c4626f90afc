import { type APIRequestContext, expect, test } from '@playwright/test';
import { MyPluginsPage } from './pages/my-plugins-page';
import { PlaygroundPage } from './pages/playground-page';
import { ServersPage } from './pages/servers-page';
import { SignInPage } from './pages/sign-in-page';
import { ALICE } from './support/demo-data';
import { apiToken } from './support/plugin-settings-api';
import { removeMySetting } from './support/plugin-ui-api';

const SSN_PAYLOAD = {
  server: { id: 'playground', name: 'playground' },
  tool: { name: 'echo', resource: null },
  arguments: { note: 'Customer SSN is 123-45-6789, call back today' },
};
const REGEX_PATTERN = 'ticket-\\\\d{4}';

// Back to the seed: Alice has no row of her own for RegexFilterPlugin.
async function resetMySetting(request: APIRequestContext): Promise<void> {
  await removeMySetting(
    request,
    await apiToken(request, ALICE.email),
    'RegexFilterPlugin',
  );
}

test.beforeEach(async ({ request }) => resetMySetting(request));
test.afterEach(async ({ request }) => resetMySetting(request));

test('a user tries PII masking and blocking in the playground, then saves a config to My plugins', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const servers = new ServersPage(page);
  const playground = new PlaygroundPage(page);
  const myPlugins = new MyPluginsPage(page);

  await signIn.goto();
  await signIn.signIn(ALICE.email, ALICE.password);
  await servers.expectShown();
  await playground.open();

  // Mask (the plugin's default config): the SSN is rewritten, the call goes on.
  await playground.pick('PIIFilterPlugin', 'tool_pre_invoke');
  // Only the hooks the plugin implements (the catalog's `hooks`) are offered.
  await expect(playground.hookOptions).toHaveText([
    'tool_pre_invoke',
    'tool_post_invoke',
    'resource_post_fetch',
    'prompt_pre_fetch',
    'prompt_post_fetch',
  ]);
  await expect(playground.config).toHaveValue(/"action": "mask"/);
  await playground.payload.fill(JSON.stringify(SSN_PAYLOAD, null, 2));
  await playground.run();
  await expect(playground.outcome).toHaveText('Continue');
  await expect(playground.modifiedPayload).toContainText(
    'Customer SSN is [REDACTED], call back today',
  );
  await expect(playground.modifiedPayload).not.toContainText('123-45-6789');
  await expect(playground.duration).toHaveText(/^\d+(\.\d+)? ms$/);

  // The browser refuses a broken config before anything is sent.
  await playground.config.fill('{"action": "block"');
  let sent = false;
  const onRequest = (r: { url(): string }) => {
    if (r.url().endsWith('/api/admin/plugins/test')) sent = true;
  };
  page.on('request', onRequest);
  await playground.run();
  await expect(page.getByText(/^Not valid JSON/)).toBeVisible();
  await expect(playground.config).toHaveAttribute('aria-invalid', 'true');
  page.off('request', onRequest);
  expect(sent).toBe(false);

  // Block: the same payload is a PII_DETECTED violation.
  await playground.config.fill('{"action": "block"}');
  await playground.run();
  await expect(playground.outcome).toHaveText('Blocked');
  await expect(playground.violation).toContainText('PII_DETECTED');
  await expect(playground.violation).toContainText('SSN');

  // PIIFilterPlugin is mandatory without user overrides: the API's reason is shown.
  await playground.saveTarget.selectOption({ label: 'My plugins' });
  await playground.saveButton.click();
  await expect(playground.saveProblem).toContainText(
    'PIIFilterPlugin is mandatory and does not allow user overrides',
  );

  // A plugin users may configure: try it, then save it to My plugins.
  await playground.pick('RegexFilterPlugin', 'tool_pre_invoke');
  await expect(playground.hookOptions).toHaveText([
    'tool_pre_invoke',
    'prompt_pre_fetch',
  ]);
  await playground.config.fill(`{"blocked_patterns": ["${REGEX_PATTERN}"]}`);
  await playground.payload.fill(
    JSON.stringify({ ...SSN_PAYLOAD, arguments: { q: 'see ticket-1234' } }),
  );
  await playground.run();
  await expect(playground.violation).toContainText('REGEX_BLOCKED');

  await playground.saveTarget.selectOption({ label: 'My plugins' });
  await playground.saveButton.click();
  await expect(playground.saveStatus).toContainText(
    'Saved RegexFilterPlugin’s config to My plugins.',
  );
  await playground.saveStatus
    .getByRole('link', { name: 'Open My plugins' })
    .click();
  await myPlugins.expectShown();
  const regex = myPlugins.plugin('RegexFilterPlugin');
  await expect(regex.toggle).toBeChecked();
  await expect(regex.config).toHaveValue(/ticket-\\\\d\{4\}/);
});
