import type { Locator } from '@playwright/test';

/** One plugin's card on a settings page (team, my plugins, server settings). */
export class PluginCard {
  readonly badge: Locator;
  readonly toggle: Locator;
  readonly reason: Locator;
  readonly config: Locator;
  readonly saveButton: Locator;
  readonly previewButton: Locator;
  readonly removeButton: Locator;
  /** The aria-live region with the API's problem detail and suggestions. */
  readonly problem: Locator;
  readonly suggestions: Locator;
  readonly enableRequirementsButton: Locator;
  readonly status: Locator;
  readonly plan: Locator;

  constructor(readonly root: Locator) {
    this.badge = root.getByTestId('plugin-badge');
    this.toggle = root.getByRole('switch');
    this.reason = root.getByTestId('plugin-reason');
    this.config = root.getByLabel('Config (JSON object)');
    this.saveButton = root.getByRole('button', { name: /^Save / });
    this.previewButton = root.getByRole('button', { name: /^Preview impact/ });
    this.removeButton = root.getByRole('button', {
      name: /^Remove .* setting/,
    });
    this.problem = root.getByRole('alert');
    this.suggestions = root.getByTestId('suggestions');
    this.enableRequirementsButton = root.getByRole('button', {
      name: 'Enable requirements too',
    });
    this.status = root.getByRole('status');
    this.plan = root.getByRole('region', { name: 'Impact preview' });
  }

  async setConfig(json: string): Promise<void> {
    await this.config.fill(json);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }
}
