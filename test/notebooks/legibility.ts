// Chart legibility as rules over plotly figure JSON (the application/vnd.plotly.v1+json payloads of an
// executed notebook): each rule returns the problems it finds, in words a chart author can act on.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface PlotlyFigure { data: Json[]; layout: Json; config?: Json }

const text = (t: unknown): string => (typeof t === "string" ? t : typeof (t as Json)?.text === "string" ? (t as Json).text : "");
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.flat(2).filter((x): x is number => typeof x === "number") : []);

/** Relative luminance (0 black … 1 white) of "#rrggbb" or "rgb(r, g, b)"; NaN for anything else. */
export function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(colour);
  const c = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : rgb ? rgb.slice(1).map(Number) : null;
  if (!c) return NaN;
  const lin = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/** The layout key of a trace's axis: "x" → "xaxis", "x2" → "xaxis2". */
const axisKey = (ref: unknown, letter: "x" | "y") => `${letter}axis${String(ref ?? letter).slice(1)}`;

/**
 * The narrowest output area a chart must read well in: JupyterLab's at a 1024 px window with the file
 * browser open (a chart has no fixed width; it fills the output area).
 */
export const OUTPUT_WIDTH = 700;
/** Room one category label needs along its axis: a 12 px character plus the gap between two labels. */
export const MIN_PX_PER_LABEL = 16;
/** Width of one character of a 12 px tick label (plotly's default font), for upright labels side by side. */
const CHAR_PX = 7;

/**
 * Pixels along an axis at OUTPUT_WIDTH: the plot area (width or height less the margins) times the share of
 * it the axis gets, from its own domain or, in a grid, one cell (gap: a fraction of a cell, as plotly reads it).
 */
export function axisPixels(L: Json, key: string, letter: "x" | "y"): number {
  const total = letter === "x" ? OUTPUT_WIDTH - (L.margin?.l ?? 80) - (L.margin?.r ?? 80) : (L.height ?? 450) - (L.margin?.t ?? 100) - (L.margin?.b ?? 80);
  const domain: unknown = L[key]?.domain;
  if (Array.isArray(domain)) return total * (domain[1] - domain[0]);
  const cells = letter === "x" ? L.grid?.columns ?? 1 : L.grid?.rows ?? 1;
  const gap = (letter === "x" ? L.grid?.xgap : L.grid?.ygap) ?? 0.1;
  return total / (cells + (cells - 1) * (cells > 1 ? gap : 0));
}

/** Every legibility problem of one figure (empty when it reads well). */
export function chartProblems(fig: PlotlyFigure): string[] {
  const problems: string[] = [];
  const L = fig.layout;
  const title = text(L.title);
  if (!title.trim()) problems.push("no title");
  for (const line of title.split("<br>")) if (line.length > 60) problems.push(`title line of ${line.length} characters (break it with <br>): "${line}"`);
  // the toolbar (top right, on hover) lives in the top band; the title must sit below it, inside the top margin
  const band = L.title?.pad?.t ?? 0;
  if (L.title?.yref !== "container" || band < 30) problems.push("title not placed below the toolbar band (title.yref container, pad.t ≥ 30)");
  if ((L.margin?.t ?? 0) < band + 22 * title.split("<br>").length) problems.push(`top margin ${L.margin?.t} too small for the title under the toolbar`);
  if (L.width !== undefined) problems.push(`fixed width ${L.width} px (charts must fill the output area)`);
  if (L.autosize !== true || fig.config?.responsive !== true) problems.push("not responsive (layout.autosize and config.responsive must be true)");
  for (const tr of fig.data) {
    for (const letter of ["x", "y"] as const) {
      const key = axisKey(tr[`${letter}axis`], letter);
      const axis: Json = L[key] ?? {};
      if (!text(axis.title).trim()) problems.push(`${key} has no title`);
      problems.push(...categoryProblems(tr, axis, key, letter, L), ...logProblems(tr, axis, key, letter));
    }
    if (tr.type === "heatmap") problems.push(...heatmapProblems(tr, fig.data.filter((d) => d.type === "heatmap").flatMap((d) => numbers(d.z))));
  }
  return [...new Set(problems)];
}

/** A categorical axis (ticks given as an array) must label every category the trace puts on it. */
function categoryProblems(tr: Json, axis: Json, key: string, letter: "x" | "y", L: Json): string[] {
  if (axis.tickmode !== "array") return [];
  const positions = tr.type === "heatmap" ? numbers(tr[letter]) : [...new Set(numbers(tr[letter]))];
  const ticks: unknown[] = axis.tickvals ?? [], labels: unknown[] = axis.ticktext ?? [];
  const problems: string[] = [];
  if (axis.showticklabels === false) problems.push(`${key} hides its tick labels`);
  const missing = positions.filter((p) => !ticks.includes(p));
  if (missing.length) problems.push(`${key}: ${missing.length} of ${positions.length} categories have no tick (${missing.slice(0, 5).join(", ")})`);
  if (labels.length !== ticks.length || labels.some((l) => !String(l).trim())) problems.push(`${key}: ${ticks.length} ticks but ${labels.filter((l) => String(l).trim()).length} labels`);
  // room per label: upright x labels side by side need their width; rotated ones and y labels a line each
  const upright = letter === "x" && !axis.tickangle;
  const widest = Math.max(0, ...labels.flatMap((l) => String(l).split("<br>").map((line) => line.length)));
  const need = upright ? Math.max(MIN_PX_PER_LABEL, CHAR_PX * widest + 4) : MIN_PX_PER_LABEL;
  const have = axisPixels(L, key, letter) / Math.max(1, ticks.length);
  if (ticks.length > 1 && have < need) problems.push(`${key}: ${ticks.length} labels in ${axisPixels(L, key, letter).toFixed(0)} px at an output width of ${OUTPUT_WIDTH} px, ${have.toFixed(1)} px each (needs ${need}: fewer panels per row, or a taller chart)`);
  return problems;
}

/**
 * Data spanning more than two decades needs a log axis (fractions in [0, 1] — weights, accuracies — excepted:
 * their tiny values are read as 0), and a log axis needs readable ticks.
 */
function logProblems(tr: Json, axis: Json, key: string, letter: "x" | "y"): string[] {
  if (tr.type === "heatmap" || (axis.tickmode === "array" && axis.type !== "log")) return [];
  const v = numbers(tr[letter]);
  const problems: string[] = [];
  if (v.length && v.every((x) => x > 0) && Math.max(...v) > 1 && Math.max(...v) / Math.min(...v) > 100 && axis.type !== "log") {
    problems.push(`${key}: values span ${Math.log10(Math.max(...v) / Math.min(...v)).toFixed(1)} decades on a linear axis (use a log axis)`);
  }
  if (axis.type === "log" && axis.dtick === undefined && axis.tickmode !== "array") problems.push(`${key}: log axis without dtick or tickvals (unreadable default ticks)`);
  return problems;
}

/** The q-quantile (0 … 1) of numbers, by the nearest rank. */
const quantile = (v: number[], q: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(q * v.length))];

/**
 * A heatmap's colours must span its data (`all`: the z of every heatmap of the figure, which share one colour
 * bar), keep the common small values light, and be explained by a titled colour bar. A range clipped on
 * purpose must say so on its colour bar ("clipped"). The bulk of the data (the middle 98 %) must not sit in a
 * sliver of the range away from 0: then a few large values set the scale and the rest reads as one colour
 * (near 0 it is fine: those are the weights a row does not use).
 */
function heatmapProblems(tr: Json, all: number[]): string[] {
  const problems: string[] = [];
  const lo = Math.min(...all), hi = Math.max(...all);
  if (typeof tr.zmin !== "number" || typeof tr.zmax !== "number") return ["heatmap colour range (zmin, zmax) not set"];
  const clipped = /clipped/i.test(text(tr.colorbar?.title));
  if (lo < tr.zmin - 1e-9 || (hi > tr.zmax + 1e-9 && !clipped)) problems.push(`heatmap data [${lo}, ${hi}] outside its colour range [${tr.zmin}, ${tr.zmax}] (saturated; a range clipped on purpose says "clipped" on its colour bar)`);
  const span = tr.zmax - tr.zmin, p01 = quantile(all, 0.01), p99 = quantile(all, 0.99);
  if (tr.zmin >= 0 && p01 - tr.zmin > 0.02 * span && p99 - p01 < 0.25 * span) {
    problems.push(`heatmap: 98 % of the values lie in [${p01.toFixed(3)}, ${p99.toFixed(3)}], ${(100 * (p99 - p01) / span).toFixed(0)} % of the colour range [${tr.zmin}, ${tr.zmax}] (they read as one colour: clip the range and say so, or use a log scale)`);
  }
  if ((Math.min(hi, tr.zmax) - lo) / (tr.zmax - tr.zmin) < 0.5) problems.push(`heatmap data use ${(100 * (hi - lo) / (tr.zmax - tr.zmin)).toFixed(0)} % of the colour range (differences washed out)`);
  const scale: [number, string][] | undefined = Array.isArray(tr.colorscale) ? tr.colorscale : undefined;
  if (!scale) problems.push(`heatmap colour scale "${tr.colorscale}" not given as explicit colours`);
  else if (tr.zmin >= 0 && !(luminance(scale[0][1]) > 0.8)) problems.push(`heatmap of values ≥ 0 starts at a dark colour ${scale[0][1]} (small values look black)`);
  if (tr.showscale !== false && !text(tr.colorbar?.title).trim()) problems.push("heatmap colour bar has no title");
  if (!/%\{z/.test(String(tr.hovertemplate ?? ""))) problems.push("heatmap hover does not show the value");
  return problems;
}

/** Code lines longer than `max` characters, as "cell N, line M: K characters". */
export function longCodeLines(cells: { cell_type: string; source: string | string[] }[], max = 100): string[] {
  return cells.flatMap((c, i) => (c.cell_type !== "code" ? [] : [c.source].flat().join("").split("\n")
    .flatMap((line, k) => (line.length > max ? [`cell ${i}, line ${k + 1}: ${line.length} characters`] : []))));
}
