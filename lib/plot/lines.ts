// Line plot of named series over a shared x, e.g. positional-encoding columns or a training curve.
import { type Figure, frame, numberAxis, fmt } from "./figure.js";

export interface LinesOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** "log" for values spanning decades: one labelled tick per decade, or per x value when there are few. */
  xType?: "linear" | "log";
  yType?: "linear" | "log";
}

/**
 * One line per series; the legend names them.
 *
 * @example
 * lines([1, 2], [{ name: "s", y: [3, 4] }], { xTitle: "x", yTitle: "y" }).data.length; // => 1
 */
export function lines(x: number[], series: { name: string; y: number[] }[], o: LinesOptions = {}): Figure {
  const bad = series.find((s) => s.y.length !== x.length);
  if (bad) throw new Error(`lines: series "${bad.name}" has ${bad.y.length} values but x has ${x.length}`);
  const { layout, config } = frame(o.title ?? "", 420);
  return {
    data: series.map((s) => ({ type: "scatter", mode: "lines", name: s.name, x, y: s.y })),
    layout: {
      ...layout, showlegend: series.length > 1,
      xaxis: numberAxis(o.xTitle ?? "", { log: o.xType === "log", values: x }),
      yaxis: numberAxis(o.yTitle ?? "", { log: o.yType === "log" }),
    },
    config,
    text: [o.title ?? "", ...series.map((s) => `${s.name}: ${s.y.length} points, first ${fmt(s.y[0])}, last ${fmt(s.y[s.y.length - 1])}, min ${fmt(Math.min(...s.y))}, max ${fmt(Math.max(...s.y))}`)].join("\n"),
  };
}
