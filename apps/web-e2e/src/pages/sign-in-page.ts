import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The aria-live region that shows the API's problem detail. */
  readonly problem: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in to Plugboard' });
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.problem = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/sign-in');
    await this.expectShown();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(this.heading).toBeVisible();
  }
}
