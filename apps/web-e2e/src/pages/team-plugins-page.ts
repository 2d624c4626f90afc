import { expect, type Locator, type Page } from '@playwright/test';
import { TopBar } from './top-bar';
import { PluginCard } from './plugin-card';

/** A team's plugin settings: one card per registry plugin. */
export class TeamPluginsPage {
  readonly heading: Locator;
  readonly topBar: TopBar;
  readonly readOnlyNote: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.topBar = new TopBar(page);
    this.readOnlyNote = page.getByTestId('read-only-note');
  }

  /** Through the top bar's link of the team. */
  async open(teamName: string): Promise<void> {
    await this.topBar.teamLink(teamName).click();
    await this.expectShown(teamName);
  }

  async expectShown(teamName: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/teams\/[^/]+\/plugins/);
    await expect(this.heading).toHaveText(`${teamName} plugins`);
  }

  plugin(name: string): PluginCard {
    return new PluginCard(
      this.page.getByRole('article', { name, exact: true }),
    );
  }
}
