/**
 * Policy packs: a named set of plugin settings imported from a YAML or JSON file. The SDK parses and
 * validates; the API applies the writes through its governance rules, then the import is signalled.
 */
import { readFile } from 'node:fs/promises';
import type { PluginSettingLevel } from '@plugboard/shared-contracts';
import { parse as parseYaml } from 'yaml';
import { FieldError, ValidationException } from './plugin.exceptions';
import type { PluginUser } from './route.decorators';
import { defaultSignalBus, SignalBus } from './signals';

export interface PolicyPackSetting {
  level: PluginSettingLevel;
  /** The team, user or server id. */
  target: string;
  pluginName: string;
  enabled: boolean;
  config?: Record<string, unknown>;
  priority?: number | null;
}

export interface PolicyPack {
  name: string;
  settings: PolicyPackSetting[];
}

export interface PolicyPackImportContext {
  /** The name the import is recorded under (wins over the file's own `name`). */
  name: string;
  /** Who imports; the applier checks what they may write. */
  user: PluginUser;
  sourceUri?: string | null;
}

export interface PolicyPackApplyResult {
  applied: number;
}

/** Implemented by the API: writes the settings through the normal write rules (one transaction, audited). */
export interface PolicyPackApplier {
  apply(pack: PolicyPack, context: PolicyPackImportContext): Promise<PolicyPackApplyResult>;
}

/** A path to read, or the content itself. */
export type PolicyPackSource = string | { content: string | Uint8Array };

export const MAX_POLICY_PACK_BYTES = 1_000_000;
export const MAX_POLICY_PACK_SETTINGS = 1000;

const LEVELS: readonly string[] = ['team', 'user', 'server'];
const SETTING_KEYS = new Set(['level', 'target', 'pluginName', 'enabled', 'config', 'priority']);
const PACK_KEYS = new Set(['name', 'settings']);
const PLUGIN_NAME = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(errors: FieldError[]): never {
  const first = errors[0];
  throw new ValidationException(`Invalid policy pack: ${first ? `${first.pointer} ${first.message}` : 'unknown error'}`, {
    code: 'POLICY_PACK_INVALID',
    errors,
  });
}

/** Parses YAML or JSON text (JSON is YAML) and validates the pack's shape; throws ValidationException. */
export function parsePolicyPack(text: string): PolicyPack {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_PACK_BYTES) invalid([{ pointer: '', message: `is larger than ${MAX_POLICY_PACK_BYTES} bytes` }]);
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (error) {
    invalid([{ pointer: '', message: `is not valid YAML or JSON (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'})` }]);
  }
  return validatePolicyPack(data);
}

export function validatePolicyPack(data: unknown): PolicyPack {
  const errors: FieldError[] = [];
  if (!isPlainObject(data)) invalid([{ pointer: '', message: 'must be an object with name and settings' }]);
  for (const key of Object.keys(data)) if (!PACK_KEYS.has(key)) errors.push({ pointer: `/${key}`, message: 'is not allowed' });
  const name = data['name'];
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) errors.push({ pointer: '/name', message: 'must be a non-empty string of at most 100 characters' });
  const settings = data['settings'];
  if (!Array.isArray(settings) || settings.length === 0) {
    errors.push({ pointer: '/settings', message: 'must be a non-empty array' });
    invalid(errors);
  }
  if (settings.length > MAX_POLICY_PACK_SETTINGS) invalid([...errors, { pointer: '/settings', message: `has more than ${MAX_POLICY_PACK_SETTINGS} entries` }]);

  const seen = new Set<string>();
  const parsed: PolicyPackSetting[] = [];
  settings.forEach((raw: unknown, index) => {
    const at = `/settings/${index}`;
    if (!isPlainObject(raw)) {
      errors.push({ pointer: at, message: 'must be an object' });
      return;
    }
    for (const key of Object.keys(raw)) if (!SETTING_KEYS.has(key)) errors.push({ pointer: `${at}/${key}`, message: 'is not allowed' });
    const { level, target, pluginName, enabled, config, priority } = raw;
    if (typeof level !== 'string' || !LEVELS.includes(level)) errors.push({ pointer: `${at}/level`, message: 'must be team, user or server' });
    if (typeof target !== 'string' || target.trim() === '' || target.length > 200) errors.push({ pointer: `${at}/target`, message: 'must be a non-empty id' });
    if (typeof pluginName !== 'string' || !PLUGIN_NAME.test(pluginName)) errors.push({ pointer: `${at}/pluginName`, message: 'must be a plugin name such as PIIFilterPlugin' });
    if (typeof enabled !== 'boolean') errors.push({ pointer: `${at}/enabled`, message: 'must be true or false' });
    if (config !== undefined && !isPlainObject(config)) errors.push({ pointer: `${at}/config`, message: 'must be an object' });
    if (priority !== undefined && priority !== null && !(Number.isInteger(priority) && (priority as number) >= 0 && (priority as number) <= 100_000)) {
      errors.push({ pointer: `${at}/priority`, message: 'must be an integer 0..100000 or null' });
    }
    const key = `${String(level)}|${String(target)}|${String(pluginName)}`;
    if (seen.has(key)) errors.push({ pointer: at, message: 'repeats the same level, target and plugin' });
    seen.add(key);
    parsed.push({
      level: level as PluginSettingLevel,
      target: target as string,
      pluginName: pluginName as string,
      enabled: enabled as boolean,
      ...(config !== undefined ? { config: config as Record<string, unknown> } : {}),
      ...(priority !== undefined ? { priority: priority as number | null } : {}),
    });
  });
  if (errors.length > 0) invalid(errors);
  return { name: name as string, settings: parsed };
}

async function readSource(source: PolicyPackSource): Promise<string> {
  if (typeof source === 'string') return readFile(source, 'utf8');
  return typeof source.content === 'string' ? source.content : Buffer.from(source.content).toString('utf8');
}

export class PolicyPackImporter {
  constructor(
    private readonly applier: PolicyPackApplier,
    private readonly signals: SignalBus = defaultSignalBus,
  ) {}

  /** Parses, validates, applies, then emits `policy_pack.imported`. Nothing is applied when invalid. */
  async import(source: PolicyPackSource, context: PolicyPackImportContext): Promise<PolicyPackApplyResult & { pack: PolicyPack }> {
    if (typeof context.name !== 'string' || context.name.trim() === '') {
      throw new ValidationException('A policy pack import needs a name', { code: 'POLICY_PACK_INVALID' });
    }
    const parsed = parsePolicyPack(await readSource(source));
    const pack: PolicyPack = { ...parsed, name: context.name };
    const result = await this.applier.apply(pack, context);
    this.signals.emit('policy_pack.imported', {
      name: pack.name,
      userId: context.user.id,
      sourceUri: context.sourceUri ?? null,
      settingCount: pack.settings.length,
    });
    return { ...result, pack };
  }
}

let defaultImporter: PolicyPackImporter | null = null;

/** Called once by the platform at start-up (and by tests) to wire the API's applier. */
export function configurePolicyPackImport(applier: PolicyPackApplier | null, signals: SignalBus = defaultSignalBus): void {
  defaultImporter = applier ? new PolicyPackImporter(applier, signals) : null;
}

/** The stable helper plugins call instead of writing settings themselves. */
export function importPolicyPack(source: PolicyPackSource, context: PolicyPackImportContext): Promise<PolicyPackApplyResult & { pack: PolicyPack }> {
  if (!defaultImporter) {
    return Promise.reject(new Error('Policy pack import is not available: the platform has not configured a PolicyPackApplier'));
  }
  return defaultImporter.import(source, context);
}
