// Heatmaps: a matrix (e.g. attention weights, queries × keys) with tokens on both axes, a colour range
// fitted to the data so the differences the text talks about show, a titled colour bar and values on hover.
import { Matrix, type MatrixLike, toMatrix } from "../matrix.js";
import { cosineSimilarity, dot } from "../similarity.js";
import { type Figure, frame, categoryAxis, numberAxis, fmt, pad } from "./figure.js";

/** Sequential scale, white at the low end: the many near-zero weights of a softmax row stay light, not black. */
export const SEQUENTIAL = [[0, "#f7fbff"], [0.2, "#c6dbef"], [0.45, "#6baed6"], [0.7, "#2171b5"], [1, "#08306b"]];
/** Diverging scale, white at the middle (0 when the range is symmetric). */
export const DIVERGING = [[0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1, "#2166ac"]];

export interface HeatmapOptions {
  title?: string;
  xLabels?: string[]; // one per column (keys); numbered axis when omitted
  yLabels?: string[]; // one per row (queries)
  xTitle?: string;
  yTitle?: string;
  /** What a colour means, shown on the colour bar, e.g. "weight". */
  zTitle?: string;
  zmin?: number;
  zmax?: number;
}

/**
 * The colour range: symmetric around 0 (diverging) when the data cross 0; else from 0 (or the minimum, when
 * every value is far from 0) to the maximum, so the largest value gets the darkest colour.
 *
 * @example
 * colourRange([0.02, 0.1, 0.4]).zmin; // => 0 (sequential, from 0 to the maximum)
 * colourRange([0.02, 0.1, 0.4]).zmax; // => 0.4
 * colourRange([-0.5, 0.2]).zmin; // => -0.5 (diverging, symmetric around 0)
 */
export function colourRange(values: number[], o: { zmin?: number; zmax?: number } = {}) {
  const lo = Math.min(...values), hi = Math.max(...values);
  if (lo < 0 && hi > 0) {
    const m = Math.max(-lo, hi);
    return { zmin: o.zmin ?? -m, zmax: o.zmax ?? m, colorscale: DIVERGING };
  }
  return { zmin: o.zmin ?? (lo < 0.5 * hi ? Math.min(0, lo) : lo), zmax: o.zmax ?? hi, colorscale: SEQUENTIAL };
}

function textTable(m: Matrix, rowLabels: string[], colLabels: string[], title: string): string {
  const w = Math.max(6, ...rowLabels.map((s) => s.length)) + 1;
  const head = pad("", w) + colLabels.map((c) => pad(c, 7)).join("");
  const rows = rowLabels.map((r, i) => pad(r, w) + m.row(i).map((v) => pad(fmt(v), 7)).join(""));
  return [title, head, ...rows].join("\n");
}

/** One heatmap trace and its two axes; shared by `heatmap` and `heatmapGrid`. */
function panel(M: Matrix, o: HeatmapOptions, range: ReturnType<typeof colourRange>, valuesInCells: boolean, room = 80) {
  const xTitle = o.xTitle ?? "column", yTitle = o.yTitle ?? "row";
  const z = M.toArray(); // (rows, cols)
  const named = o.xLabels !== undefined && o.yLabels !== undefined;
  // hover names both cells' labels; numbered axes say the numbers directly
  const hover = named ? { text: z.map((r, i) => r.map((_, j) => `${yTitle} ${o.yLabels![i]} · ${xTitle} ${o.xLabels![j]}`)),
    hovertemplate: "%{text}: %{z:.3f}<extra></extra>" } : { hovertemplate: `${yTitle} %{y} · ${xTitle} %{x}: %{z:.3f}<extra></extra>` };
  const trace = { type: "heatmap", z, x: z[0].map((_, j) => j), y: z.map((_, i) => i), ...range, ...hover,
    ...(valuesInCells ? { texttemplate: "%{z:.2f}" } : {}),
    colorbar: { title: { text: o.zTitle ?? "value", side: "right" }, thickness: 14 } };
  const xaxis = o.xLabels ? categoryAxis(o.xLabels, xTitle, 12, room) : { ...numberAxis(xTitle), showgrid: false, zeroline: false };
  const yaxis = o.yLabels ? categoryAxis(o.yLabels, yTitle, 40) : { ...numberAxis(yTitle), showgrid: false, zeroline: false };
  return { trace, xaxis, yaxis: { ...yaxis, tickangle: 0, autorange: "reversed", range: undefined } };
}

function labelsFor(M: Matrix, o: HeatmapOptions, fn: string) {
  if ((o.xLabels && o.xLabels.length !== M.cols) || (o.yLabels && o.yLabels.length !== M.rows)) {
    throw new Error(`${fn}: z is ${M.shape} but got ${o.yLabels?.length ?? "no"} yLabels and ${o.xLabels?.length ?? "no"} xLabels`);
  }
  return { xl: o.xLabels ?? Array.from({ length: M.cols }, (_, j) => String(j)), yl: o.yLabels ?? Array.from({ length: M.rows }, (_, i) => String(i)) };
}

/** Heatmap of a (rows, cols) matrix, e.g. attention weights (queries × keys); small ones show their values in the cells. */
export function heatmap(z: MatrixLike, o: HeatmapOptions = {}): Figure {
  const M = toMatrix(z, "heatmap", "z");
  const { xl, yl } = labelsFor(M, o, "heatmap");
  const p = panel(M, o, colourRange(Array.from(M.data), o), M.rows * M.cols <= 100);
  const { layout, config } = frame(o.title ?? "", Math.min(720, 200 + 28 * M.rows));
  return { data: [p.trace], layout: { ...layout, xaxis: p.xaxis, yaxis: p.yaxis }, config, text: textTable(M, yl, xl, o.title ?? "") };
}

/** Several heatmaps (e.g. one per head) in a grid of two columns, sharing labels and one colour range. */
export function heatmapGrid(zs: MatrixLike[], o: HeatmapOptions & { titles?: string[] } = {}): Figure {
  const Ms = zs.map((z, h) => toMatrix(z, "heatmapGrid", `zs[${h}]`));
  const range = colourRange(Ms.flatMap((M) => Array.from(M.data)), o);
  const n = Ms.length, columns = Math.min(2, n), rows = Math.ceil(n / columns);
  const { layout, config } = frame(o.title ?? "", rows * Math.min(420, 160 + 26 * Ms[0].rows));
  const data: Record<string, unknown>[] = [];
  Ms.forEach((M, h) => {
    labelsFor(M, o, "heatmapGrid");
    const name = o.titles?.[h] ?? `head ${h}`;
    const p = panel(M, { ...o, xTitle: `${o.xTitle ?? "key"} (${name})` }, range, false, 80 / columns);
    data.push({ ...p.trace, xaxis: `x${h + 1}`, yaxis: `y${h + 1}`, showscale: h === n - 1 });
    layout[`xaxis${h + 1}`] = p.xaxis;
    layout[`yaxis${h + 1}`] = p.yaxis;
  });
  layout.grid = { rows, columns, pattern: "independent", xgap: 0.3, ygap: 0.3 };
  const texts = Ms.map((M, h) => textTable(M, o.yLabels ?? [], o.xLabels ?? [], o.titles?.[h] ?? `head ${h}`));
  return { data, layout, config, text: [o.title ?? "", ...texts].join("\n\n") };
}

/** Pairwise similarity of labelled vectors (cosine by default) as a heatmap: (n vectors) → (n, n). */
export function similarityMatrix(vectors: number[][], labels: string[], o: { metric?: "cosine" | "dot"; title?: string } = {}): Figure {
  const metric = o.metric ?? "cosine";
  const sim = metric === "dot" ? dot : cosineSimilarity;
  const z = vectors.map((a) => vectors.map((b) => sim(a, b))); // (n, n)
  return heatmap(z, { xLabels: labels, yLabels: labels, xTitle: "sentence", yTitle: "sentence", zTitle: metric, title: o.title ?? `${metric} similarity` });
}
