// From figures to the notebook: one display per chart carrying three MIME types, so each
// front end picks what it renders — text/html (classic Notebook, JupyterLab, nbconvert HTML),
// application/vnd.plotly.v1+json (VS Code, JupyterLab with jupyterlab-plotly), text/plain (everything).
// The HTML needs plotly.js in the page: the host loads it (`DisplayHost.loadPlotly`; the kernel inlines it
// once per session, plotly_bundle.ts). No Node modules here, so lib/plot also runs in a browser page.
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

/** Figure JSON with numbers to 6 significant digits: what a chart shows, at a third of the bytes. */
function figureJson(fig: Figure): { data: unknown; layout: unknown; config: unknown } {
  const round = (_: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v);
  return JSON.parse(JSON.stringify({ data: fig.data, layout: fig.layout, config: fig.config }, round));
}

/** The text/html of one chart: a container holding the untrusted message, and the script that draws in it. */
export function chartHtml(fig: Figure, id: string): string {
  const json = JSON.stringify(figureJson(fig)).replace(/</g, "\\u003c");
  return `<div id="${id}" class="attention-kit-chart" style="width: 100%">${UNTRUSTED_MESSAGE}</div>
<script type="text/javascript">(function () {
  var el = document.getElementById(${JSON.stringify(id)}), fig = ${json};
  var ready = window.attentionKitPlotly || (window.Plotly && Promise.resolve(window.Plotly));
  if (!ready) { el.textContent = "Chart not drawn: plotly.js is not loaded. Run the notebook from the top (Restart & Run All)."; return; }
  el.textContent = "Drawing the chart…";
  ready.then(function (Plotly) { el.textContent = ""; return Plotly.newPlot(el, fig.data, fig.layout, fig.config); })
    .catch(function (e) { el.textContent = "Chart not drawn: " + e.message; });
})();</script>`;
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
  host.loadPlotly?.();
  chartCount += 1;
  host.display({
    data: {
      // the id is unique across notebooks open in one JupyterLab page, and the same on every run
      "text/html": chartHtml(fig, `attention-kit-chart-${chartCount}-${hash(fig.text)}`),
      "application/vnd.plotly.v1+json": figureJson(fig),
      "text/plain": fig.text,
    },
    metadata: {},
  });
}
