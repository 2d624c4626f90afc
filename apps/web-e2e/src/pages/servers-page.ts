import { expect, type Locator, type Page } from '@playwright/test';
import { TopBar } from './top-bar';

export class ServersPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly topBar: TopBar;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Servers', level: 1 });
    this.search = page.getByLabel('Search servers');
    this.table = page.getByRole('table', { name: 'Servers' });
    this.topBar = new TopBar(page);
  }

  async goto(): Promise<void> {
    await this.page.goto('/servers');
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/servers(\?|$)/);
    await expect(this.heading).toBeVisible();
  }

  serverLink(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.page
      .getByRole('button', { name: 'Search', exact: true })
      .click();
  }

  async open(name: string): Promise<void> {
    await this.serverLink(name).click();
  }
}
