// plotly.js for the charts' HTML in a notebook, offline: plotly's cartesian build (scatter, bar, heatmap, …)
// gzipped and base64-encoded (1.5 MB → ~0.66 MB) into a <script> that the browser's DecompressionStream
// unpacks. Node only (it reads the package): the kernel's display host sends it once per session.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { UNTRUSTED_MESSAGE } from "./show.js";

export const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";

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

/**
 * The text/html of one chart: a container holding the untrusted message, and the script that draws in it. The
 * figure travels gzipped (base64, unpacked in the page like the bundle): JupyterLab and Notebook 7 draw from the
 * plotly JSON beside it, so this copy only serves the classic Notebook and exported HTML, at a fifth of the bytes.
 */
export function chartHtml(fig: { data: unknown; layout: unknown; config: unknown }, id: string): string {
  const json = { data: fig.data, layout: fig.layout, config: fig.config };
  const packed = gzipSync(JSON.stringify(json), { level: 9 }).toString("base64"); // base64 never holds "<"
  return `<div id="${id}" class="attention-kit-chart" style="width: 100%">${UNTRUSTED_MESSAGE}</div>
<script type="text/javascript">(function () {
  var el = document.getElementById(${JSON.stringify(id)});
  var ready = window.attentionKitPlotly || (window.Plotly && Promise.resolve(window.Plotly));
  if (!ready) { el.textContent = "Chart not drawn: plotly.js is not loaded. Run the notebook from the top (Restart & Run All)."; return; }
  el.textContent = "Drawing the chart…";
  var bytes = Uint8Array.from(atob("${packed}"), function (c) { return c.charCodeAt(0); });
  var fig = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
  Promise.all([ready, fig]).then(function (r) { el.textContent = ""; return r[0].newPlot(el, r[1].data, r[1].layout, r[1].config); })
    .catch(function (e) { el.textContent = "Chart not drawn: " + e.message; });
})();</script>`;
}
