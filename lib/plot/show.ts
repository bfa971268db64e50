// From figures to the notebook: one display per chart. A front end that draws plotly's JSON itself (JupyterLab,
// Notebook 7, VS Code; the host knows: `DisplayHost.drawsPlotlyJson`) gets application/vnd.plotly.v1+json and
// text/plain; any other (the classic Notebook, nbclient for exported HTML and the static site) also gets the
// host's text/html that draws it, after plotly.js (`loadPlotly`; the kernel's is plotly_bundle.ts, Node only).
// No Node modules here, so lib/plot also runs in a browser page.
import type { Figure } from "./figure.js";
import { displayHost } from "./display.js";

/** What a chart's container says until its script draws it: all an untrusted notebook (scripts stripped) shows. */
export const UNTRUSTED_MESSAGE = "Chart not drawn: this notebook is not trusted, so its scripts do not run. "
  + "Run the cell (or File ▸ Trust Notebook) to draw it.";

let chartCount = 0;

/** FNV-1a, 32 bits, as 8 hex digits: a chart id that is the same on every run of the notebook. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
/** Unique across notebooks open in one JupyterLab page, and the same on every run. */
const chartId = (fig: Figure) => `attention-kit-chart-${chartCount}-${hash(fig.text)}`;

/** Figure JSON with numbers to 6 significant digits: what a chart shows, at a third of the bytes. */
function figureJson(fig: Figure): { data: unknown; layout: unknown; config: unknown } {
  const round = (_: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
  return JSON.parse(JSON.stringify({ data: fig.data, layout: fig.layout, config: fig.config }, round));
}

/**
 * Shows a figure in the notebook: `show(bar([0.7, 0.3], ["a", "b"]))` draws a bar chart. Outside a kernel it
 * prints the figure's text fallback instead.
 */
export function show(fig: Figure): void {
  const host = displayHost(); // display.ts: the kernel, or a page of the browser course
  if (!host) {
    console.log(fig.text);
    return;
  }
  chartCount += 1;
  const json = figureJson(fig);
  // JupyterLab, Notebook 7 and VS Code draw the JSON (also untrusted); the HTML copy and plotly.js would only add
  // 0.7 MB to the saved notebook. Other front ends (classic Notebook, nbclient for exported HTML) need the HTML.
  const html = host.drawsPlotlyJson?.() || !host.chartHtml ? null : host.chartHtml(json, chartId(fig));
  if (html !== null) host.loadPlotly?.();
  host.display({
    data: { ...(html === null ? {} : { "text/html": html }), "application/vnd.plotly.v1+json": json, "text/plain": fig.text },
    metadata: {},
  });
}
