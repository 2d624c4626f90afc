/** `plugins.config.yaml` → registry entries, every error with the 1-based line it is about. */
import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { checkConfigShape } from './config-shape';
import { validateConfig } from './config-validation';
import type { JsonObject, RegistryEntry } from './registry.model';
import { checkRegistryConsistency } from './registry-rules';
import {
  FIELD_NAMES,
  readField,
  registryDefaults,
} from './registry-yaml-fields';

export interface RegistryYamlError {
  file: string;
  line: number;
  /** e.g. `plugins[2].requires[0]`, or `plugins[1].config/blocked_patterns/0`. */
  path: string;
  message: string;
}

export interface RegistryYamlResult {
  /** Every entry that has a name, invalid fields at their defaults: load only when `errors` is empty. */
  entries: RegistryEntry[];
  errors: RegistryYamlError[];
  /** Worth a look but loadable: e.g. an optional plugin whose package is not installed (it will be unavailable). */
  warnings: RegistryYamlError[];
}

export interface RegistryYamlOptions {
  /**
   * Whether a `kind` names an installed plugin package. An unknown kind is an error on a mandatory
   * entry (it could not load, and start-up fails closed) and a warning on an optional one (it is
   * reported unavailable and the platform starts).
   */
  isKnownKind?: (kind: string) => boolean;
  /** The plugin's config schema: `config` is checked against it and it is set on the entry. */
  configSchemaFor?: (entry: RegistryEntry) => JsonObject | null | undefined;
}

interface ParsedEntry {
  entry: RegistryEntry;
  path: string;
  line: number;
  /** Line of each field's key, and of each list item as `field[i]`. */
  lines: Map<string, number>;
  configNode: Node | null;
}

/** What every step of the parse needs: the document, line lookup and error sink. */
interface ParseContext {
  doc: Document;
  lineOf: (node: Node | null | undefined) => number;
  report: (line: number, path: string, message: string) => void;
}

export function parseRegistryYaml(
  text: string,
  fileName: string,
  options: RegistryYamlOptions = {},
): RegistryYamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const errors: RegistryYamlError[] = [];
  const context: ParseContext = {
    doc,
    lineOf: (node) =>
      node?.range ? lineCounter.linePos(node.range[0]).line : 1,
    report: (line, path, message) =>
      errors.push({ file: fileName, line, path, message }),
  };
  for (const error of doc.errors) {
    const firstLine = error.message.split('\n')[0] ?? error.message;
    context.report(error.linePos?.[0].line ?? 1, '', firstLine);
  }
  if (errors.length > 0) return { entries: [], errors, warnings: [] };
  const warnings: RegistryYamlError[] = [];
  const warn = (line: number, path: string, message: string): void => {
    warnings.push({ file: fileName, line, path, message });
  };

  const parsed = topLevelPlugins(context)
    .map((node, index) => parseEntry(context, node, index))
    .filter((entry): entry is ParsedEntry => entry !== null);
  for (const issue of checkRegistryConsistency(parsed.map((p) => p.entry))) {
    const at = parsed[issue.entryIndex] as ParsedEntry;
    const item = issue.itemIndex === undefined ? '' : `[${issue.itemIndex}]`;
    const line =
      at.lines.get(issue.field + item) ?? at.lines.get(issue.field) ?? at.line;
    context.report(line, `${at.path}.${issue.field}${item}`, issue.message);
  }
  for (const at of parsed) {
    const configLine = (pointer: string): number => {
      const node = nodeAt(doc, at.configNode, pointer);
      return node ? context.lineOf(node) : (at.lines.get('config') ?? at.line);
    };
    checkEntryAgainstPlugin(at, options, context.report, warn, configLine);
  }
  errors.sort((x, y) => x.line - y.line);
  warnings.sort((x, y) => x.line - y.line);
  return { entries: parsed.map((p) => p.entry), errors, warnings };
}

/** One list item: its fields read with their lines; null when it has no usable name. */
function parseEntry(
  context: ParseContext,
  node: Node,
  index: number,
): ParsedEntry | null {
  const { doc, lineOf, report } = context;
  const path = `plugins[${index}]`;
  const item = deref(doc, node);
  if (!isMap(item)) {
    report(lineOf(node), path, 'each plugin must be a mapping of fields');
    return null;
  }
  const entry = registryDefaults();
  const seen = new Set<string>();
  const lines = new Map<string, number>();
  let configNode: Node | null = null;
  for (const pair of item.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const keyLine = lineOf(keyNode);
    const valueNode = deref(doc, pair.value as Node | null);
    lines.set(key, keyLine);
    if (!FIELD_NAMES.has(key)) {
      const allowed = [...FIELD_NAMES].join(', ');
      report(
        keyLine,
        `${path}.${key}`,
        `unknown field "${key}"; allowed: ${allowed}`,
      );
      continue;
    }
    seen.add(key);
    if (isSeq(valueNode)) {
      valueNode.items.forEach((child, i) =>
        lines.set(`${key}[${i}]`, lineOf(child as Node)),
      );
    }
    if (key === 'config') configNode = valueNode;
    const value: unknown = valueNode ? valueNode.toJS(doc) : null;
    for (const error of readField(entry, key, value)) {
      const at = error.index === undefined ? '' : `[${error.index}]`;
      report(
        lines.get(key + at) ?? keyLine,
        `${path}.${key}${at}`,
        error.message,
      );
    }
  }
  for (const required of ['name', 'kind']) {
    if (!seen.has(required))
      report(lineOf(node), path, `missing required field "${required}"`);
  }
  if (entry.mandatory && !seen.has('enabled_globally'))
    entry.enabledGlobally = true;
  if (entry.name === '') return null;
  return { entry, path, line: lineOf(node), lines, configNode };
}

function topLevelPlugins({
  doc,
  report,
  lineOf,
}: ParseContext): readonly Node[] {
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    report(
      lineOf(root),
      '',
      'expected a mapping with a top-level "plugins:" list',
    );
    return [];
  }
  let plugins: Node | null = null;
  let found = false;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'plugins') {
      report(
        lineOf(pair.key as Node),
        key,
        `unknown top-level field "${key}"; only "plugins" is allowed`,
      );
      continue;
    }
    found = true;
    plugins = deref(doc, pair.value as Node | null);
    // `plugins:` with nothing under it is an empty registry.
    if (
      plugins !== null &&
      !(isScalar(plugins) && plugins.value === null) &&
      !isSeq(plugins)
    ) {
      report(lineOf(plugins), 'plugins', '"plugins" must be a list');
      return [];
    }
  }
  if (!found) report(lineOf(root), '', 'missing the top-level "plugins:" list');
  return isSeq(plugins) ? (plugins.items as Node[]) : [];
}

function checkEntryAgainstPlugin(
  at: ParsedEntry,
  options: RegistryYamlOptions,
  report: (line: number, path: string, message: string) => void,
  warn: (line: number, path: string, message: string) => void,
  configLine: (pointer: string) => number,
): void {
  const { entry } = at;
  if (
    options.isKnownKind &&
    entry.kind !== '' &&
    !options.isKnownKind(entry.kind)
  ) {
    const line = at.lines.get('kind') ?? at.line;
    if (entry.mandatory) {
      report(line, `${at.path}.kind`, `no loadable plugin package "${entry.kind}": a mandatory plugin that cannot load stops start-up`);
    } else {
      warn(line, `${at.path}.kind`, `no loadable plugin package "${entry.kind}": ${entry.name} will be unavailable`);
    }
  }
  const shape = checkConfigShape(entry.defaultConfig);
  const schema =
    shape.length === 0 ? options.configSchemaFor?.(entry) : undefined;
  if (schema) entry.configSchema = schema;
  // A default that only optional rows will complete need not satisfy `required` alone.
  const partial = !entry.mandatory && !entry.enabledGlobally;
  const errors =
    shape.length > 0
      ? shape
      : validateConfig(schema, entry.defaultConfig, { partial });
  for (const error of errors) {
    report(
      configLine(error.pointer),
      `${at.path}.config${error.pointer}`,
      error.message,
    );
  }
}

function deref(doc: Document, node: Node | null | undefined): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return node ?? null;
}

/**
 * The YAML node to blame for a JSON pointer into a config: the key of the deepest
 * existing property on the path (or the list item), null for the config itself.
 */
function nodeAt(
  doc: Document,
  root: Node | null,
  pointer: string,
): Node | null {
  let node = root;
  let blame: Node | null = null;
  for (const token of pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    const here = deref(doc, node);
    if (isMap(here)) {
      const pair = here.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === token,
      );
      if (!pair) break;
      blame = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(here)) {
      const item = here.items[Number(token)] as Node | undefined;
      if (!item) break;
      blame = item;
      node = item;
    } else break;
  }
  return blame;
}
