// Attention over an image: each panel colours every pixel by the weight its patch received (one query: a class
// token, or one word of a caption) and marks the image's ink on top, so the weights can be read against the
// shape. Panels share one colour range.
import { type MatrixLike, toMatrix } from "../matrix.js";
import { type Figure, frame, numberAxis, fmt } from "./figure.js";
import { SEQUENTIAL } from "./heatmap.js";

export interface ImagePanel {
  /** (H, W) pixels; values above `ink` are drawn as marks. */
  image: number[][];
  /** (H/p, W/p): one weight per patch, in grid order. */
  attention: MatrixLike;
  /** The panel's name, e.g. the word written or the true class. */
  title: string;
}

/**
 * One panel per entry, two per row (pixels stay square).
 *
 * @example
 * const img = [[1, 0], [0, 0]];
 * imageAttention([{ image: img, attention: [[0.9]], title: "a" }], { title: "t" }).data.length; // => 2 (weights, ink)
 */
export function imageAttention(panels: ImagePanel[], o: { title: string; zTitle?: string; ink?: number }): Figure {
  if (panels.length === 0) throw new Error("imageAttention: no panels");
  const grids = panels.map((p, k) => toMatrix(p.attention, "imageAttention", `panels[${k}].attention`));
  const zmax = Math.max(...grids.flatMap((g) => Array.from(g.data)), 1e-12);
  const n = panels.length, columns = Math.min(2, n), rows = Math.ceil(n / columns);
  const { layout, config } = frame(o.title, rows * 330, { l: 50 });
  const data: Record<string, unknown>[] = [];
  panels.forEach((p, k) => {
    const H = p.image.length, W = p.image[0].length, g = grids[k], ph = H / g.rows, pw = W / g.cols;
    if (!Number.isInteger(ph) || !Number.isInteger(pw)) throw new Error(`imageAttention: panels[${k}]: image (${H}, ${W}) is not a whole number of patches of the grid ${g.shape}`);
    const z = p.image.map((row, i) => row.map((_, j) => g.get(Math.floor(i / ph), Math.floor(j / pw)))); // (H, W): the patch's weight
    const ink = p.image.flatMap((row, i) => row.flatMap((v, j) => (v > (o.ink ?? 0.5) ? [[j, i]] : [])));
    const axes = { xaxis: `x${k + 1}`, yaxis: `y${k + 1}` };
    data.push({ type: "heatmap", z, x: z[0].map((_, j) => j), y: z.map((_, i) => i), zmin: 0, zmax, colorscale: SEQUENTIAL,
      hovertemplate: "row %{y} · column %{x}: weight of its patch %{z:.3f}<extra></extra>", showscale: k === n - 1,
      colorbar: { title: { text: o.zTitle ?? "attention weight", side: "right" }, thickness: 14 }, ...axes });
    data.push({ type: "scatter", mode: "markers", x: ink.map((c) => c[0]), y: ink.map((c) => c[1]), showlegend: false,
      marker: { symbol: "square-open", size: 8, color: "#e6550d", line: { width: 2 } }, hovertemplate: "ink at row %{y}, column %{x}<extra></extra>", ...axes });
    layout[`xaxis${k + 1}`] = { ...numberAxis(p.title), showgrid: false, zeroline: false, range: [-0.5, W - 0.5], dtick: ph, constrain: "domain" };
    layout[`yaxis${k + 1}`] = { ...numberAxis("row"), showgrid: false, zeroline: false, range: [H - 0.5, -0.5], dtick: ph, constrain: "domain", scaleanchor: k === 0 ? "x" : `x${k + 1}` }; // plotly names the first axis "x", not "x1"
  });
  layout.grid = { rows, columns, pattern: "independent", xgap: 0.25, ygap: 0.35 };
  layout.showlegend = false;
  const text = panels.map((p, k) => [p.title, ...grids[k].toArray().map((r) => r.map(fmt).join(" "))].join("\n"));
  return { data, layout, config, text: [o.title, ...text].join("\n\n") };
}
