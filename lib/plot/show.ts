// The bridge from figures to the notebook. A front end that draws plotly's JSON itself (JupyterLab, Notebook 7,
// VS Code; the kernel knows them by the cellId they send) gets application/vnd.plotly.v1+json and text/plain.
// Any other (the classic Notebook, nbclient for exported HTML and the static site) also gets text/html that
// draws the chart: plotly's cartesian build (scatter, bar, heatmap, …) is inlined once per kernel session,
// gzipped and base64-encoded (1.5 MB → ~0.66 MB) and unpacked by the browser's DecompressionStream. Offline.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import type { Figure } from "./figure.js";

type DisplayWriter = (msg: { data: Record<string, unknown>; metadata: object; transient?: object }, update: boolean) => void;

/** What a chart's container says until its script draws it: all an untrusted notebook (scripts stripped) shows. */
export const UNTRUSTED_MESSAGE = "Chart not drawn: this notebook is not trusted, so its scripts do not run. "
  + "Run the cell (or File ▸ Trust Notebook) to draw it.";
export const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";

let chartCount = 0;
let bundleSent = false;

/** The display channel at tslab/dist/jupyter (the course kernel serves it), or null outside a kernel (tests, scripts). */
function writer(): DisplayWriter | null {
  return channel()?.lastWriteDisplayData ?? null;
}
function channel(): { lastWriteDisplayData: DisplayWriter | null; frontEndDrawsPlotly?: () => boolean } | null {
  try {
    // Not public API: tslab.display.raw sends one MIME type per display; this sends several in one.
    return createRequire(`${process.cwd()}/`)("tslab/dist/jupyter");
  } catch {
    return null;
  }
}

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

/**
 * The text/html of one chart: a container holding the untrusted message, and the script that draws in it. The
 * figure travels gzipped (base64, unpacked in the page like the bundle): JupyterLab and Notebook 7 draw from the
 * plotly JSON beside it, so this copy only serves the classic Notebook and exported HTML, at a fifth of the bytes.
 */
export function chartHtml(fig: Figure, id: string): string {
  const packed = gzipSync(JSON.stringify(figureJson(fig)), { level: 9 }).toString("base64"); // base64 never holds "<"
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

/**
 * Shows a figure in the notebook: `show(bar([0.7, 0.3], ["a", "b"]))` draws a bar chart. Outside a kernel it
 * prints the figure's text fallback instead.
 */
export function show(fig: Figure): void {
  const write = writer();
  if (!write) {
    console.log(fig.text);
    return;
  }
  chartCount += 1;
  // JupyterLab, Notebook 7 and VS Code draw the JSON (also untrusted); jupyterlab-plotly saves a PNG beside it,
  // which is what HTML exported from such a notebook shows. The bundle and the HTML copy would only add 0.7 MB.
  if (channel()?.frontEndDrawsPlotly?.()) {
    write({ data: { "application/vnd.plotly.v1+json": figureJson(fig), "text/plain": fig.text }, metadata: {} }, false);
    return;
  }
  if (!bundleSent) {
    write({ data: { "text/html": plotlyBundleHtml(), "text/plain": "(plotly.js loaded for the charts below)" }, metadata: {} }, false);
    bundleSent = true;
  }
  write({
    data: {
      // the id is unique across notebooks open in one JupyterLab page, and the same on every run
      "text/html": chartHtml(fig, `attention-kit-chart-${chartCount}-${createHash("sha1").update(fig.text).digest("hex").slice(0, 10)}`),
      "application/vnd.plotly.v1+json": figureJson(fig),
      "text/plain": fig.text,
    },
    metadata: {},
  }, false);
}
