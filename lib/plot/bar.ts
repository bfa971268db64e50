// Bar chart of one row of values with a label per bar, e.g. one query's attention weights.
import { type Figure, frame, categoryAxis, numberAxis, label, fmt, pad } from "./figure.js";

/**
 * Bars with every category labelled (wrapped, rotated when many) and each value written above its bar.
 *
 * @example
 * bar([0.7, 0.3], ["a", "b"], { title: "weights", xTitle: "key", yTitle: "weight" }).data[0].y; // => [0.7, 0.3]
 */
export function bar(values: number[], labels: string[], o: { title?: string; xTitle?: string; yTitle?: string; decimals?: number } = {}): Figure {
  if (values.length !== labels.length) throw new Error(`bar: ${values.length} values but ${labels.length} labels`);
  const top = Math.max(...values.map(Math.abs), 1e-12);
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const w = Math.max(...labels.map((l) => l.length));
  const { layout, config } = frame(o.title ?? "", 400);
  // room above the tallest bar for its value label
  const yaxis = { ...numberAxis(o.yTitle ?? ""), range: [lo < 0 ? lo * 1.15 : 0, hi * 1.15], ...(top >= 1e4 ? { tickformat: "," } : {}) };
  return {
    // `decimals` for values that differ only in the third place or later (cosines of 0.9902 and 0.9985)
    data: [{ type: "bar", x: labels.map((_, i) => i), y: values, text: values.map((v) => (o.decimals === undefined ? label(v) : v.toFixed(o.decimals))),
      textposition: "outside", cliponaxis: false,
      customdata: labels, hovertemplate: "%{customdata}: %{y}<extra></extra>" }],
    layout: { ...layout, xaxis: categoryAxis(labels, o.xTitle ?? ""), yaxis },
    config,
    text: [o.title ?? "", ...labels.map((l, i) => `${pad(l, w)} ${fmt(values[i]).padStart(7)} ${"#".repeat(Math.round((20 * Math.abs(values[i])) / top))}`)].join("\n"),
  };
}
