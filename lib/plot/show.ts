// From figures to the notebook: one display per chart carrying three MIME types, so each
// front end picks what it renders — text/html (classic Notebook, JupyterLab, nbconvert HTML),
// application/vnd.plotly.v1+json (VS Code, JupyterLab with jupyterlab-plotly), text/plain (everything).
// Offline: plotly's cartesian build (scatter, bar, heatmap, …) is inlined once per kernel session,
// gzipped and base64-encoded (1.5 MB → ~0.66 MB) and unpacked by the browser's DecompressionStream.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import type { Figure } from "./figure.js";
import { displayHost } from "./display.js";

/** What a chart's container says until its script draws it: all an untrusted notebook (scripts stripped) shows. */
export const UNTRUSTED_MESSAGE = "Chart not drawn: this notebook is not trusted, so its scripts do not run. "
  + "Run the cell (or File ▸ Trust Notebook) to draw it.";
export const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";

let chartCount = 0;
let bundleSent = false;

/**
 * plotly.js as a <script> that sets `window.attentionKitPlotly`, a promise of Plotly, unpacking the gzipped
 * bundle in the page; sent once before the first chart of a session.
 */
export function plotlyBundleHtml(): string {
  const req = createRequire(`${process.cwd()}/`); // no import.meta: lib stays loadable as CommonJS (tslab, in the bench)
  const packed = gzipSync(readFileSync(req.resolve(PLOTLY_PACKAGE)), { level: 9 }).toString("base64"); // base64 never holds "<"
  return `<script type="text/javascript">(function () {
  if (window.Plotly) { window.attentionKitPlotly = Promise.resolve(window.Plotly); return; }
  if (typeof DecompressionStream === "undefined") {
    window.attentionKitPlotly = Promise.reject(new Error("this browser cannot unpack plotly.js (no DecompressionStream)"));
    return;
  }
  var bytes = Uint8Array.from(atob("${packed}"), function (c) { return c.charCodeAt(0); });
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  window.attentionKitPlotly = new Response(stream).text().then(function (js) { (0, eval)(js); return window.Plotly; });
})();</script>`;
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
  if (!bundleSent && !host.rendersPlotly) {
    host.display({ data: { "text/html": plotlyBundleHtml(), "text/plain": "(plotly.js loaded for the charts below)" }, metadata: {} });
    bundleSent = true;
  }
  chartCount += 1;
  host.display({
    data: {
      // the id is unique across notebooks open in one JupyterLab page, and the same on every run
      "text/html": chartHtml(fig, `attention-kit-chart-${chartCount}-${createHash("sha1").update(fig.text).digest("hex").slice(0, 10)}`),
      "application/vnd.plotly.v1+json": figureJson(fig),
      "text/plain": fig.text,
    },
    metadata: {},
  });
}
