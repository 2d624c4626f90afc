import { expect, type Locator, type Page } from '@playwright/test';
import { TopBar } from './top-bar';

/** One virtual server: its tools, each with an Invoke panel, and its Plugins tab. */
export class ServerPage {
  readonly heading: Locator;
  readonly topBar: TopBar;
  readonly pluginsTab: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.topBar = new TopBar(page);
    this.pluginsTab = page.getByRole('tab', { name: 'Plugins' });
  }

  async expectShown(serverName: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/servers\/[^/?]+/);
    await expect(this.heading).toHaveText(serverName);
  }

  tool(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  async invoke(toolName: string, argumentsJson: string): Promise<void> {
    const tool = this.tool(toolName);
    await tool.getByLabel('Arguments (JSON object)').fill(argumentsJson);
    await tool.getByRole('button', { name: 'Invoke' }).click();
  }

  result(toolName: string): Locator {
    return this.tool(toolName).getByTestId('invoke-result');
  }

  trace(toolName: string): Locator {
    return this.tool(toolName).getByRole('region', { name: 'Trace' });
  }

  /** The Plugins tab's chain table, in execution order. */
  get chain(): Locator {
    return this.page.getByRole('table', {
      name: 'Plugin chain, in execution order',
    });
  }

  async openPluginsTab(): Promise<void> {
    await this.pluginsTab.click();
    await expect(this.pluginsTab).toHaveAttribute('aria-selected', 'true');
    await expect(this.chain).toBeVisible();
  }

  /** A plugin's row of the chain, found by its row header (the plugin name). */
  chainRow(pluginName: string): Locator {
    return this.chain.getByRole('row').filter({
      has: this.page.getByRole('rowheader', { name: pluginName, exact: true }),
    });
  }

  /** Shown instead of a result when a plugin blocks the call (403 PLUGIN_VIOLATION). */
  violation(toolName: string): Locator {
    return this.tool(toolName).getByTestId('plugin-violation');
  }
}
