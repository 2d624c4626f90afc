// The editable state of one plugin's setting row, and what a write of it sends.
import type {
  LevelPluginView,
  ProblemDetails,
} from '@plugboard/shared-contracts';
import {
  type FormResult,
  invalid,
  parseJsonObject,
  valid,
} from '../../core/forms/form-result';
import { fieldErrorsOf, hasCode } from '../../core/http/problem';
import type { PluginSettingWrite } from '../../core/plugins/plugin-settings-api';

// The API's limits (SettingWriteFields).
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 100_000;

export interface SettingDraft {
  enabled: boolean;
  /** JSON text of the row's own config (not the effective one). */
  configText: string;
  inheritConfig: boolean;
  /** Blank: the level's default priority. */
  priorityText: string;
}

/** The draft a plugin starts from: its row at this level, else its state from the levels above. */
export function draftOf(plugin: LevelPluginView): SettingDraft {
  const row = plugin.setting;
  return {
    enabled: row?.enabled ?? plugin.enabled,
    configText: JSON.stringify(row?.config ?? {}, null, 2),
    inheritConfig: row?.inheritConfig ?? true,
    priorityText:
      row?.priority === null || row?.priority === undefined
        ? ''
        : String(row.priority),
  };
}

/** Same content: config compared as JSON (formatting aside), priority trimmed. */
export function sameDraft(a: SettingDraft, b: SettingDraft): boolean {
  return (
    a.enabled === b.enabled &&
    a.inheritConfig === b.inheritConfig &&
    a.priorityText.trim() === b.priorityText.trim() &&
    normalizedJson(a.configText) === normalizedJson(b.configText)
  );
}

/**
 * Validates the draft as far as the browser can (a JSON object, a whole-number priority) and
 * builds the write. `version` makes a replace fail with VERSION_CONFLICT if the row changed.
 */
export function buildSettingWrite(
  draft: SettingDraft,
  plugin: LevelPluginView,
): FormResult<PluginSettingWrite> {
  const errors: Record<string, string> = {};
  const config = parseJsonObject(draft.configText.trim() || '{}');
  if (!config.ok) {
    errors['config'] = config.message;
  }
  const priorityText = draft.priorityText.trim();
  const priority = priorityText === '' ? null : Number(priorityText);
  if (
    priority !== null &&
    (!Number.isInteger(priority) ||
      priority < PRIORITY_MIN ||
      priority > PRIORITY_MAX)
  ) {
    errors['priority'] =
      `Use a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}, or leave it blank.`;
  }
  if (!config.ok || errors['priority']) {
    return invalid(errors);
  }
  return valid({
    enabled: draft.enabled,
    config: config.value,
    inheritConfig: draft.inheritConfig,
    ...(priority !== null ? { priority } : {}),
    ...(plugin.setting ? { version: plugin.setting.version } : {}),
  });
}

/** A failed write as the card shows it. */
export interface SettingProblem {
  detail: string;
  suggestions: string[];
  /** Placed next to the config field. */
  configErrors: string[];
  priorityError: string;
  /** PLUGIN_REQUIREMENT_MISSING: the write may be retried with autoEnableRequirements. */
  requirementsMissing: boolean;
  /** VERSION_CONFLICT: someone changed the row meanwhile. */
  stale: boolean;
}

export function settingProblemOf(
  problem: ProblemDetails,
  pluginName: string,
): SettingProblem {
  const configInvalid = hasCode(problem, 'CONFIG_INVALID');
  const fields = configInvalid ? {} : fieldErrorsOf(problem);
  const configErrors = configInvalid
    ? configErrorLines(problem, pluginName)
    : Object.entries(fields)
        .filter(([key]) => key === 'config' || key.startsWith('config.'))
        .map(([, message]) => message);
  return {
    detail: problem.detail,
    suggestions: Array.isArray(problem.suggestions)
      ? problem.suggestions.filter((s) => typeof s === 'string')
      : [],
    configErrors,
    priorityError: fields['priority'] ?? '',
    requirementsMissing: hasCode(problem, 'PLUGIN_REQUIREMENT_MISSING'),
    stale: hasCode(problem, 'VERSION_CONFLICT'),
  };
}

/** `/blocked_patterns/0: must be string`, once each, naming another plugin or the merged config. */
function configErrorLines(
  problem: ProblemDetails,
  pluginName: string,
): string[] {
  const lines = (problem.errors ?? []).map((error) => {
    const extra = error as { scope?: unknown; pluginName?: unknown };
    const other =
      typeof extra.pluginName === 'string' && extra.pluginName !== pluginName
        ? `${extra.pluginName} `
        : '';
    const merged =
      extra.scope === 'template' || extra.scope === 'server'
        ? ' (in the merged config)'
        : '';
    return `${other}${error.pointer || '(whole config)'}: ${error.message}${merged}`;
  });
  return [...new Set(lines)];
}

function normalizedJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text.trim() || '{}'));
  } catch {
    return text;
  }
}
