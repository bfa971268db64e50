// What both date translators share at their edges: the shape of a translation, and their weights as JSON
// (notebooks/data/*.json), written and checked the same way.
import type * as ad from "../autodiff/index.js";

/** One translated text: its ISO date and where each of the 10 output characters looked, (10, text length). */
export interface Translation { iso: string; attention: number[][] }

export type SavedParams = Record<string, { rows: number; cols: number; data: number[] }>;

/** Every parameter's shape and values (9 significant digits: the files stay small, the accuracy the same). */
export function saveParams(params: Record<string, ad.Node>): SavedParams {
  return Object.fromEntries(Object.entries(params).map(([k, n]) =>
    [k, { rows: n.rows, cols: n.cols, data: Array.from(n.value.data, (v) => Number(v.toPrecision(9))) }]));
}

/**
 * Copies saved values into `params`; throws an Error naming `fn` and the parameter when one is missing, has
 * another shape, holds anything but finite numbers, or when the file has parameters the model does not.
 */
export function loadParams(fn: string, params: Record<string, ad.Node>, saved: unknown): void {
  if (saved === null || typeof saved !== "object") throw new Error(`${fn}: params must be an object of { rows, cols, data }`);
  const s = saved as Record<string, { rows?: unknown; cols?: unknown; data?: unknown }>;
  for (const [k, n] of Object.entries(params)) {
    const p = s[k];
    if (!p || p.rows !== n.rows || p.cols !== n.cols) throw new Error(`${fn}: parameter ${k} is missing or not ${n.value.shape}`);
    if (!Array.isArray(p.data) || p.data.length !== n.value.data.length || !p.data.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new Error(`${fn}: parameter ${k} needs ${n.value.data.length} finite numbers in data`);
    }
    n.value.data.set(p.data as number[]);
  }
  const extra = Object.keys(s).filter((k) => !(k in params));
  if (extra.length > 0) throw new Error(`${fn}: unknown parameters ${extra.slice(0, 3).join(", ")}`);
}
