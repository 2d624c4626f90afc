import { expect, type Locator, type Page } from '@playwright/test';
import { TopBar } from './top-bar';

/** The test playground: run a plugin hook on a sample payload, then save the config somewhere. */
export class PlaygroundPage {
  readonly heading: Locator;
  readonly topBar: TopBar;
  readonly plugin: Locator;
  readonly hook: Locator;
  /** The hooks offered for the chosen plugin. */
  readonly hookOptions: Locator;
  readonly config: Locator;
  readonly payload: Locator;
  readonly runButton: Locator;
  readonly result: Locator;
  readonly outcome: Locator;
  readonly modifiedPayload: Locator;
  readonly violation: Locator;
  readonly duration: Locator;
  readonly saveTarget: Locator;
  readonly saveButton: Locator;
  readonly saveStatus: Locator;
  readonly saveProblem: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', {
      level: 1,
      name: 'Test playground',
    });
    this.topBar = new TopBar(page);
    this.plugin = page.getByLabel('Plugin', { exact: true });
    this.hook = page.getByLabel('Hook', { exact: true });
    this.hookOptions = this.hook.locator('option');
    this.config = page.getByLabel('Config (JSON)');
    this.payload = page.getByLabel('Sample payload (JSON)');
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.result = page.getByRole('region', { name: 'Result' });
    this.outcome = this.result.getByTestId('playground-outcome');
    this.modifiedPayload = this.result.getByTestId('playground-modified');
    this.violation = this.result.getByTestId('playground-violation');
    this.duration = this.result.getByTestId('playground-duration');
    this.saveTarget = page.getByLabel('Save to');
    this.saveButton = page.getByRole('button', { name: 'Save config' });
    this.saveStatus = page.getByTestId('save-status');
    this.saveProblem = page.getByTestId('save-problem');
  }

  /** Through the top bar's link. */
  async open(): Promise<void> {
    await this.topBar.link('Playground').click();
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.page).toHaveURL(/\/playground$/);
    await expect(this.heading).toBeVisible();
  }

  async pick(pluginName: string, hook = 'tool_pre_invoke'): Promise<void> {
    await this.plugin.selectOption(pluginName);
    await this.hook.selectOption(hook);
  }

  async run(): Promise<void> {
    await this.runButton.click();
  }
}
