import { expect, type Locator, type Page } from '@playwright/test';

/** One entry of a named plugin slot, found by the title the plugin gives it. */
export function slotEntry(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The example plugin's page (route ext/acme-greeter). */
export class GreeterPage {
  readonly heading: Locator;
  readonly greeting: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Greeter' });
    this.greeting = page.getByTestId('acme-greeting');
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/ext\/acme-greeter$/);
    await expect(this.heading).toBeVisible();
  }
}

/** The page the app shows at an address nothing serves. */
export class NotFoundPage {
  readonly heading: Locator;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', {
      level: 1,
      name: 'Page not found',
    });
  }
}

/** AuditLoggerPlugin's call log (route ext/audit-logger/calls, and a server's Calls tab). */
export class ToolCallsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly server: Locator;
  readonly tool: Locator;
  readonly outcome: Locator;
  readonly applyButton: Locator;

  constructor(
    private readonly page: Page,
    scope: Locator = page.locator('main'),
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Tool calls' });
    this.table = scope.getByRole('table', { name: 'Tool calls, newest first' });
    this.server = scope.getByLabel('Server', { exact: true });
    this.tool = scope.getByLabel('Tool', { exact: true });
    this.outcome = scope.getByLabel('Outcome', { exact: true });
    this.applyButton = scope.getByRole('button', { name: 'Apply filters' });
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/ext\/audit-logger\/calls$/);
    await expect(this.heading).toBeVisible();
  }

  /** Rows whose cells contain all these texts. */
  rowWith(...texts: string[]): Locator {
    let rows = this.table.getByRole('row');
    for (const text of texts) {
      rows = rows.filter({ hasText: text });
    }
    return rows;
  }
}
