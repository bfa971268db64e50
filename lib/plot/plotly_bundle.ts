// plotly.js for the charts' HTML in a notebook, offline: plotly's cartesian build (scatter, bar, heatmap, …)
// gzipped and base64-encoded (1.5 MB → ~0.66 MB) into a <script> that the browser's DecompressionStream
// unpacks. Node only (it reads the package): the kernel's display host sends it once per session.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

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

