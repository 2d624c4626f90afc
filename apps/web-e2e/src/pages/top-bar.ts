import type { Locator, Page } from '@playwright/test';

/** The bar on every signed-in page. */
export class TopBar {
  readonly userName: Locator;
  readonly platformRole: Locator;
  readonly teams: Locator;
  readonly signOutButton: Locator;
  readonly myPluginsLink: Locator;
  readonly nav: Locator;

  constructor(page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.myPluginsLink = this.nav.getByRole('link', { name: 'My plugins' });
    const user = page.getByRole('region', { name: 'Signed-in user' });
    this.userName = user.getByTestId('user-name');
    this.platformRole = user.getByTestId('user-role');
    this.teams = user.getByRole('list', { name: 'Teams' });
    this.signOutButton = user.getByRole('button', { name: 'Sign out' });
  }

  /** A link of the main navigation (core pages and plugin menu items), by its text. */
  link(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** A team of the signed-in user, linking to its plugins page. */
  teamLink(teamName: string): Locator {
    return this.teams.getByRole('link', { name: `${teamName} plugins` });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
