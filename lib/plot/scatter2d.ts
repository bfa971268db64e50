// Labelled 2-D points (and optional arrows from the origin, e.g. a query vector). Each point is named in
// the legend by its own marker instead of by text on the plot, so no label can sit on another point.
import { type Figure, frame, numberAxis, fmt, pad } from "./figure.js";

const SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "star", "pentagon", "hexagon", "triangle-down", "x"];
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22"];

export interface Scatter2dOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  arrows?: { to: number[]; label: string }[];
  /** A group per point: points of a group share a colour and differ by marker. */
  groups?: string[];
}

/**
 * One legend entry per point (colour by group, marker shape per point); arrows are drawn from the origin.
 *
 * @example
 * scatter2d([[1, 0], [0, 1]], ["a", "b"], { xTitle: "x", yTitle: "y" }).data.length; // => 2
 */
export function scatter2d(points: number[][], labels: string[], o: Scatter2dOptions = {}): Figure {
  if (points.length !== labels.length || points.some((p) => p.length !== 2)) {
    throw new Error(`scatter2d: need one [x, y] point per label; got ${points.length} points and ${labels.length} labels`);
  }
  const groups = o.groups ?? labels.map(() => "");
  const names = [...new Set(groups)];
  const data: Record<string, unknown>[] = points.map((p, i) => ({
    type: "scatter", mode: "markers", name: groups[i] ? `${labels[i]} (${groups[i]})` : labels[i], x: [p[0]], y: [p[1]],
    marker: { size: 12, symbol: SYMBOLS[i % SYMBOLS.length], color: COLOURS[names.indexOf(groups[i]) % COLOURS.length], line: { width: 1, color: "white" } },
    hovertemplate: `${labels[i]}: (%{x:.2f}, %{y:.2f})<extra></extra>`,
  }));
  for (const a of o.arrows ?? []) {
    data.push({ type: "scatter", mode: "lines+markers", name: `→ ${a.label}`, x: [0, a.to[0]], y: [0, a.to[1]], line: { color: "crimson", width: 2 },
      marker: { size: [0, 14], symbol: "arrow", angleref: "previous", color: "crimson" }, hovertemplate: `${a.label}: (%{x:.2f}, %{y:.2f})<extra></extra>` });
  }
  const { layout, config } = frame(o.title ?? "", 480, { r: 20 });
  const lines = labels.map((l, i) => `${pad(l, 12)} (${fmt(points[i][0])}, ${fmt(points[i][1])})`);
  (o.arrows ?? []).forEach((a) => lines.push(`arrow ${a.label} → (${fmt(a.to[0])}, ${fmt(a.to[1])})`));
  return {
    data,
    layout: { ...layout, xaxis: { ...numberAxis(o.xTitle ?? ""), zeroline: true }, yaxis: { ...numberAxis(o.yTitle ?? ""), zeroline: true, scaleanchor: "x" },
      legend: { title: { text: "points" }, itemclick: false } },
    config,
    text: [o.title ?? "", ...lines].join("\n"),
  };
}
