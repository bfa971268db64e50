// Plotly figure builders: pure functions from numbers to { data, layout } plus a text/plain rendering,
// so every chart also reads in a terminal, a text-only export, or a screen reader.
import { Matrix, type MatrixLike, toMatrix } from "../matrix.js";
import { cosineSimilarity, dot } from "../similarity.js";

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  /** The text/plain fallback shown where no HTML renders. */
  text: string;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length));

/** Categorical axis by index, so repeated tokens ("the" twice) stay separate cells. */
function tokenAxis(labels: string[], title?: string) {
  return { tickmode: "array", tickvals: labels.map((_, i) => i), ticktext: labels, title: title ? { text: title } : undefined };
}

function textTable(m: Matrix, rowLabels: string[], colLabels: string[], title: string): string {
  const w = Math.max(6, ...rowLabels.map((s) => s.length)) + 1;
  const head = pad("", w) + colLabels.map((c) => pad(c, 7)).join("");
  const rows = rowLabels.map((r, i) => pad(r, w) + m.row(i).map((v) => pad(fmt(v), 7)).join(""));
  return [title, head, ...rows].join("\n");
}

export interface HeatmapOptions {
  title?: string;
  xLabels?: string[]; // one per column (keys)
  yLabels?: string[]; // one per row (queries)
  xTitle?: string;
  yTitle?: string;
  zmin?: number;
  zmax?: number;
  colorscale?: string;
}

/** Heatmap of a (rows, cols) matrix, e.g. attention weights (queries × keys) with tokens on both axes. */
export function heatmap(z: MatrixLike, o: HeatmapOptions = {}): Figure {
  const M = toMatrix(z, "heatmap", "z");
  const xl = o.xLabels ?? Array.from({ length: M.cols }, (_, j) => String(j));
  const yl = o.yLabels ?? Array.from({ length: M.rows }, (_, i) => String(i));
  if (xl.length !== M.cols || yl.length !== M.rows) {
    throw new Error(`heatmap: z is ${M.shape} but got ${yl.length} yLabels and ${xl.length} xLabels`);
  }
  const title = o.title ?? "";
  const left = Math.min(260, 40 + 7 * Math.max(...yl.map((l) => l.length))); // room for the longest row label (~7 px a character)
  return {
    data: [{ type: "heatmap", z: M.toArray(), x: xl.map((_, j) => j), y: yl.map((_, i) => i), zmin: o.zmin, zmax: o.zmax,
      colorscale: o.colorscale ?? "Viridis", text: M.toArray().map((r) => r.map(fmt)), hovertemplate: "%{text}<extra></extra>" }],
    layout: { title: { text: title }, xaxis: { ...tokenAxis(xl, o.xTitle), side: "bottom" }, yaxis: { ...tokenAxis(yl, o.yTitle), autorange: "reversed" },
      width: Math.min(950, left + 50 + 48 * M.cols), height: Math.min(700, 140 + 40 * M.rows), margin: { l: left, b: 90, t: 50 } },
    text: textTable(M, yl, xl, title),
  };
}

/** Several heatmaps side by side (e.g. one per head), sharing labels and colour scale. */
export function heatmapGrid(zs: MatrixLike[], o: HeatmapOptions & { titles?: string[] } = {}): Figure {
  const figs = zs.map((z, h) => heatmap(z, { ...o, title: o.titles?.[h] ?? `head ${h}` }));
  const n = figs.length;
  // One colour scale for all panels, spanning the data, so uniform-ish weights still show contrast.
  const all = figs.flatMap((f) => (f.data[0].z as number[][]).flat());
  const zmin = o.zmin ?? Math.min(...all), zmax = o.zmax ?? Math.max(...all);
  const data = figs.map((f, h) => ({ ...f.data[0], xaxis: `x${h + 1}`, yaxis: `y${h + 1}`, showscale: h === n - 1, zmin, zmax }));
  // Fit a notebook output area (~950 px): panels share the width rather than overflow it.
  const layout: Record<string, unknown> = { title: { text: o.title ?? "" }, grid: { rows: 1, columns: n, pattern: "independent" },
    width: Math.min(950, 230 * n + 120), height: 380, margin: { l: 80, r: 20, b: 90, t: 60 } };
  figs.forEach((f, h) => {
    const fl = f.layout as { xaxis: object; yaxis: object };
    layout[`xaxis${h + 1}`] = { ...fl.xaxis, title: { text: o.titles?.[h] ?? `head ${h}` } };
    layout[`yaxis${h + 1}`] = { ...fl.yaxis, showticklabels: h === 0 };
  });
  return { data, layout, text: figs.map((f) => f.text).join("\n\n") };
}

/** Pairwise similarity of labelled vectors (cosine by default) as a heatmap: (n vectors) → (n, n). */
export function similarityMatrix(vectors: number[][], labels: string[], o: { metric?: "cosine" | "dot"; title?: string } = {}): Figure {
  const sim = o.metric === "dot" ? dot : cosineSimilarity;
  const z = vectors.map((a) => vectors.map((b) => sim(a, b))); // (n, n)
  return heatmap(z, { xLabels: labels, yLabels: labels, title: o.title ?? `${o.metric ?? "cosine"} similarity`, colorscale: "RdBu", ...(o.metric === "dot" ? {} : { zmin: -1, zmax: 1 }) });
}

/** Bar chart of one row of values with labels, e.g. one query's attention weights. */
export function bar(values: number[], labels: string[], o: { title?: string; yTitle?: string } = {}): Figure {
  if (values.length !== labels.length) throw new Error(`bar: ${values.length} values but ${labels.length} labels`);
  const top = Math.max(...values.map(Math.abs), 1e-12);
  const w = Math.max(...labels.map((l) => l.length));
  return {
    data: [{ type: "bar", x: labels.map((_, i) => i), y: values, text: values.map(fmt), textposition: "outside" }],
    layout: { title: { text: o.title ?? "" }, xaxis: tokenAxis(labels), yaxis: { title: { text: o.yTitle ?? "" } }, width: Math.min(900, 200 + 50 * values.length), height: 360 },
    text: [o.title ?? "", ...labels.map((l, i) => `${pad(l, w)} ${fmt(values[i]).padStart(7)} ${"#".repeat(Math.round((20 * Math.abs(values[i])) / top))}`)].join("\n"),
  };
}

/** Labelled 2-D points, with optional arrows from the origin (e.g. a query vector). */
export function scatter2d(points: number[][], labels: string[], o: { title?: string; arrows?: { to: number[]; label: string }[]; groups?: string[] } = {}): Figure {
  if (points.length !== labels.length || points.some((p) => p.length !== 2)) {
    throw new Error(`scatter2d: need one [x, y] point per label; got ${points.length} points and ${labels.length} labels`);
  }
  const groups = o.groups ?? labels.map(() => "points");
  const names = [...new Set(groups)];
  const data: Record<string, unknown>[] = names.map((g) => {
    const idx = groups.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0);
    return { type: "scatter", mode: "markers+text", name: g, x: idx.map((i) => points[i][0]), y: idx.map((i) => points[i][1]),
      text: idx.map((i) => labels[i]), textposition: idx.map((_, k) => (k % 2 ? "bottom right" : "top left")), marker: { size: 10 } };
  });
  // Arrow labels sit at the head (a plotly annotation would put its text at the tail).
  for (const a of o.arrows ?? []) {
    data.push({ type: "scatter", mode: "text", name: a.label, x: [a.to[0]], y: [a.to[1]], text: [a.label], textposition: "middle right", textfont: { color: "crimson" }, showlegend: false });
  }
  const arrows = (o.arrows ?? []).map((a) => ({ x: a.to[0], y: a.to[1], ax: 0, ay: 0, xref: "x", yref: "y", axref: "x", ayref: "y",
    showarrow: true, arrowhead: 3, arrowwidth: 2, arrowcolor: "crimson", text: "" }));
  const lines = labels.map((l, i) => `${pad(l, 12)} (${fmt(points[i][0])}, ${fmt(points[i][1])})`);
  (o.arrows ?? []).forEach((a) => lines.push(`arrow ${a.label} → (${fmt(a.to[0])}, ${fmt(a.to[1])})`));
  return { data, layout: { title: { text: o.title ?? "" }, annotations: arrows, width: 640, height: 520, xaxis: { zeroline: true }, yaxis: { zeroline: true, scaleanchor: "x" } },
    text: [o.title ?? "", ...lines].join("\n") };
}

/** Line plot of named series over a shared x, e.g. positional-encoding columns or a training curve. */
export function lines(x: number[], series: { name: string; y: number[] }[], o: { title?: string; xTitle?: string; yTitle?: string; xType?: "linear" | "log" } = {}): Figure {
  const bad = series.find((s) => s.y.length !== x.length);
  if (bad) throw new Error(`lines: series "${bad.name}" has ${bad.y.length} values but x has ${x.length}`);
  return {
    data: series.map((s) => ({ type: "scatter", mode: "lines", name: s.name, x, y: s.y })),
    layout: { title: { text: o.title ?? "" }, xaxis: { title: { text: o.xTitle ?? "" }, type: o.xType ?? "linear" }, yaxis: { title: { text: o.yTitle ?? "" } }, width: 760, height: 400 },
    text: [o.title ?? "", ...series.map((s) => `${s.name}: ${s.y.length} points, first ${fmt(s.y[0])}, last ${fmt(s.y[s.y.length - 1])}, min ${fmt(Math.min(...s.y))}, max ${fmt(Math.max(...s.y))}`)].join("\n"),
  };
}
