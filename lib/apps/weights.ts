// Saving and loading a model's parameters by name: { kind, config, params: { name: { rows, cols, data } } }.
// Values are rounded to 9 significant digits (as the date translators' files are), so files stay small and
// the same training run writes the same bytes.
import * as ad from "../autodiff/index.js";

export interface WeightsFile<C> { kind: string; config: C; params: Record<string, { rows: number; cols: number; data: number[] }> }

/** The params record as JSON-ready data. */
export function weightsJSON<C>(kind: string, config: C, params: Record<string, ad.Node>): WeightsFile<C> {
  return { kind, config, params: Object.fromEntries(Object.entries(params).map(([k, n]) =>
    [k, { rows: n.rows, cols: n.cols, data: Array.from(n.value.data, (v) => Number(v.toPrecision(9))) }])) };
}

/** The config of a saved file of `kind`, checked to be an object; throws naming `fn` otherwise. */
export function savedConfig<C>(json: unknown, kind: string, fn: string): C {
  const j = json as Partial<WeightsFile<C>> | null;
  if (j === null || typeof j !== "object") throw new Error(`${fn}: expected an object { kind, config, params }, got ${j === null ? "null" : typeof j}`);
  if (j.kind !== kind) throw new Error(`${fn}: kind must be "${kind}", got ${JSON.stringify(j.kind)}`);
  if (j.config === null || typeof j.config !== "object") throw new Error(`${fn}: config must be an object`);
  return j.config;
}

/** Copies a saved file's values into `params` (same names and shapes, finite numbers); throws naming `fn`. */
export function loadWeights(json: unknown, params: Record<string, ad.Node>, fn: string): void {
  const saved = (json as WeightsFile<unknown>).params;
  if (saved === null || typeof saved !== "object") throw new Error(`${fn}: params must be an object of { rows, cols, data }`);
  for (const [k, n] of Object.entries(params)) {
    const s = saved[k];
    if (!s || s.rows !== n.rows || s.cols !== n.cols) throw new Error(`${fn}: parameter ${k} is missing or not ${n.value.shape}`);
    if (!Array.isArray(s.data) || s.data.length !== n.value.data.length || !s.data.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new Error(`${fn}: parameter ${k} needs ${n.value.data.length} finite numbers in data`);
    }
    n.value.data.set(s.data);
  }
  const extra = Object.keys(saved).filter((k) => !(k in params));
  if (extra.length > 0) throw new Error(`${fn}: unknown parameters ${extra.slice(0, 3).join(", ")}`);
}

/** Every trainable node of a stack of layers by a stable name: "layer0.0", "layer0.1", … in paramNodes order. */
export function layerParams(layers: object[]): Record<string, ad.Node> {
  return Object.fromEntries(layers.flatMap((l, i) => ad.paramNodes(l).map((n, k) => [`layer${i}.${k}`, n])));
}
