// The bridge from figures to the notebook: one display per chart carrying three MIME types, so each
// front end picks what it renders — text/html (classic Notebook, JupyterLab, nbconvert HTML),
// application/vnd.plotly.v1+json (VS Code, JupyterLab with jupyterlab-plotly), text/plain (everything).
// Offline: the plotly bundle comes from node_modules and is inlined once per kernel session.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Figure } from "./figure.js";

type DisplayWriter = (msg: { data: Record<string, unknown>; metadata: object; transient?: object }, update: boolean) => void;

let chartCount = 0;
let bundleSent = false;

/** tslab's display channel, or null outside a tslab kernel (tests, scripts). */
function writer(): DisplayWriter | null {
  try {
    // Not public API: tslab.display.raw sends one MIME type per display; this sends several in one.
    const req = createRequire(`${process.cwd()}/`);
    return (req("tslab/dist/jupyter") as { lastWriteDisplayData: DisplayWriter | null }).lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** The plotly.js bundle as a <script>, ~4.8 MB; sent once before the first chart of a session. */
export function plotlyBundleHtml(): string {
  const req = createRequire(`${process.cwd()}/`);
  const js = readFileSync(req.resolve("plotly.js-dist-min"), "utf8");
  // A "</script>" inside would end the tag early; the shipped bundle has none, checked here.
  if (js.includes("</script>")) throw new Error("plotlyBundleHtml: the plotly bundle contains </script> and cannot be inlined");
  return `<script type="text/javascript">${js}</script>`;
}

/** The text/html of one chart: a div and the script that draws it, with a message if plotly is missing. */
export function chartHtml(fig: Figure, id: string): string {
  const json = JSON.stringify({ data: fig.data, layout: fig.layout }).replace(/</g, "\\u003c");
  return `<div id="${id}" class="attention-kit-chart"></div>
<script type="text/javascript">(function () {
  var el = document.getElementById(${JSON.stringify(id)}), fig = ${json};
  if (window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false }); }
  else { el.textContent = "Plotly is not loaded: run the notebook from the top (Kernel → Restart & Run All)."; }
})();</script>`;
}

/**
 * Shows a figure in the notebook. Outside a tslab kernel it prints the text fallback instead.
 *
 * @example
 * show(bar([0.7, 0.3], ["a", "b"])); // draws a bar chart in the notebook
 */
export function show(fig: Figure): void {
  const write = writer();
  if (!write) {
    console.log(fig.text);
    return;
  }
  if (!bundleSent) {
    write({ data: { "text/html": plotlyBundleHtml(), "text/plain": "(plotly.js loaded for the charts below)" }, metadata: {} }, false);
    bundleSent = true;
  }
  chartCount += 1;
  write({
    data: {
      "text/html": chartHtml(fig, `attention-kit-chart-${chartCount}`),
      "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout },
      "text/plain": fig.text,
    },
    metadata: {},
  }, false);
}
