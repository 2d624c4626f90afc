/** Immutable edits of `Layers`: how a write is applied to a chain's inputs before checking it. */
import {
  SETTING_LEVELS,
  type Layers,
  type SettingLevel,
  type SettingRow,
} from './registry.model';

/** The layers with `row` replacing (or adding) the row for its plugin at `row.level`. */
export function withRow(layers: Layers, row: SettingRow): Layers {
  const rows = (layers[row.level] ?? []).filter(
    (r) => r.pluginName !== row.pluginName,
  );
  return { ...layers, [row.level]: [...rows, row] };
}

/** The layers without the row of `pluginName` at `level`. */
export function withoutRow(
  layers: Layers,
  level: SettingLevel,
  pluginName: string,
): Layers {
  const rows = layers[level];
  if (!rows) return layers;
  return {
    ...layers,
    [level]: rows.filter((r) => r.pluginName !== pluginName),
  };
}

/** Only the levels strictly above `level`: what a row at `level` is overriding. */
export function layersAbove(layers: Layers, level: SettingLevel): Layers {
  return pickLevels(
    layers,
    SETTING_LEVELS.slice(0, SETTING_LEVELS.indexOf(level)),
  );
}

/** The levels down to and including `level`: a template chain's inputs. */
export function layersDownTo(layers: Layers, level: SettingLevel): Layers {
  return pickLevels(
    layers,
    SETTING_LEVELS.slice(0, SETTING_LEVELS.indexOf(level) + 1),
  );
}

function pickLevels(layers: Layers, levels: readonly SettingLevel[]): Layers {
  const out: Layers = {};
  for (const level of levels) {
    const rows = layers[level];
    if (rows) out[level] = rows;
  }
  return out;
}

export function findRow(
  layers: Layers,
  level: SettingLevel,
  pluginName: string,
): SettingRow | undefined {
  return layers[level]?.find((r) => r.pluginName === pluginName);
}
