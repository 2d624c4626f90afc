import type { Locator, Page } from '@playwright/test';

/** The bar on every signed-in page. */
export class TopBar {
  readonly userName: Locator;
  readonly platformRole: Locator;
  readonly teams: Locator;
  readonly signOutButton: Locator;
  readonly myPluginsLink: Locator;

  constructor(page: Page) {
    this.myPluginsLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My plugins' });
    const user = page.getByRole('region', { name: 'Signed-in user' });
    this.userName = user.getByTestId('user-name');
    this.platformRole = user.getByTestId('user-role');
    this.teams = user.getByRole('list', { name: 'Teams' });
    this.signOutButton = user.getByRole('button', { name: 'Sign out' });
  }

  /** A team of the signed-in user, linking to its plugins page. */
  teamLink(teamName: string): Locator {
    return this.teams.getByRole('link', { name: `${teamName} plugins` });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
