import type { Locator, Page } from '@playwright/test';

/** The bar on every signed-in page. */
export class TopBar {
  readonly userName: Locator;
  readonly platformRole: Locator;
  readonly teams: Locator;
  readonly signOutButton: Locator;

  constructor(page: Page) {
    const user = page.getByRole('region', { name: 'Signed-in user' });
    this.userName = user.getByTestId('user-name');
    this.platformRole = user.getByTestId('user-role');
    this.teams = user.getByRole('list', { name: 'Teams' });
    this.signOutButton = user.getByRole('button', { name: 'Sign out' });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
