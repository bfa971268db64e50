// lib/plot/show.ts for the browser worker (bundle.ts swaps it in): a chart goes to the display host the worker
// installs at globalThis[Symbol.for("attention-kit.display-host")] as the MIME bundle the kernel sends —
// plotly JSON (rounded to 6 digits, as show.ts does) and the text fallback; the page draws it with its local
// plotly.js. Without a host (outside a cell) it prints the text, as show.ts does outside a kernel.
import type { Figure } from "../../lib/plot/figure.js";

export const UNTRUSTED_MESSAGE = "Chart not drawn: this notebook is not trusted, so its scripts do not run. Run the cell (or File ▸ Trust Notebook) to draw it.";
export const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";
export const DISPLAY_HOST = Symbol.for("attention-kit.display-host");

/** The kernel helper's lib/plot/display.ts interface (until it is in main): Jupyter's display_data content. */
export interface DisplayHost { display(msg: { data: Record<string, unknown>; metadata?: Record<string, unknown> }, update?: boolean): void; rendersPlotly?: boolean }

const round = (_: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);

export function show(fig: Figure): void {
  const host = (globalThis as Record<symbol, DisplayHost | undefined>)[DISPLAY_HOST];
  if (!host) { console.log(fig.text); return; }
  host.display({ data: { "application/vnd.plotly.v1+json": JSON.parse(JSON.stringify({ data: fig.data, layout: fig.layout, config: fig.config }, round)), "text/plain": fig.text }, metadata: {} });
}
export function chartHtml(): string { throw new Error("chartHtml: not available in the browser (the page draws charts with show)"); }
export function plotlyBundleHtml(): string { throw new Error("plotlyBundleHtml: not available in the browser (the page has plotly.js)"); }
