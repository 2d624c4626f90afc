import { expect, type Locator, type Page } from '@playwright/test';

/** One row of the registry table. */
export class RegistryRow {
  readonly badge: Locator;
  readonly makeMandatory: Locator;
  readonly makeOptional: Locator;

  constructor(
    readonly row: Locator,
    name: string,
  ) {
    this.badge = row.getByTestId('mandatory-badge');
    this.makeMandatory = row.getByRole('button', {
      name: `Make mandatory ${name}`,
    });
    this.makeOptional = row.getByRole('button', {
      name: `Make optional ${name}`,
    });
  }
}

/** Global plugins (admin): the registry, promote/demote with a dry-run confirm. */
export class GlobalPluginsPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly confirmPanel: Locator;
  readonly impactSummary: Locator;
  readonly reason: Locator;
  readonly message: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Global plugins' });
    this.navLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Global plugins' });
    this.confirmPanel = page.getByTestId('confirm-panel');
    this.impactSummary = page.getByTestId('impact-summary');
    this.reason = this.confirmPanel.getByLabel('Reason (optional)');
    this.message = page.getByTestId('admin-message');
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.page).toHaveURL(/\/admin\/plugins$/);
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByTestId('registry-table')).toBeVisible();
  }

  plugin(name: string): RegistryRow {
    return new RegistryRow(
      this.page.locator(`tr[data-plugin="${name}"]`),
      name,
    );
  }

  confirmButton(label: 'make mandatory' | 'make optional'): Locator {
    return this.confirmPanel.getByRole('button', { name: `Confirm ${label}` });
  }
}
