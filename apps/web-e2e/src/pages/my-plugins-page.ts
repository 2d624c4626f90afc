import { expect, type Locator, type Page } from '@playwright/test';
import { PluginCard } from './plugin-card';
import { TopBar } from './top-bar';

/** The signed-in user's plugin settings: one card per registry plugin. */
export class MyPluginsPage {
  readonly heading: Locator;
  readonly topBar: TopBar;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'My plugins' });
    this.topBar = new TopBar(page);
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/me\/plugins$/);
    await expect(this.heading).toBeVisible();
  }

  plugin(name: string): PluginCard {
    return new PluginCard(
      this.page.getByRole('article', { name, exact: true }),
    );
  }
}
