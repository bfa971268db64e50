// The kernel's side of the display bridge (lib/plot/display.ts): displays from lib/plot's `show`, from
// tslab's API (lib/plot/tslab.ts, which the kernel serves for `import "tslab"`) or any other library become
// display_data (or update_display_data) messages of the running cell. A front end that draws plotly's JSON
// (JupyterLab, Notebook 7, VS Code) gets only that; for any other, each chart also carries HTML that draws it,
// and plotly.js goes out once per session, in a display before the first such chart.
import { setDisplayHost, type DisplayMessage } from "../lib/plot/display.js";
import { chartHtml, plotlyBundleHtml } from "../lib/plot/plotly_bundle.js";

export function installDisplayHost(send: (type: string, content: object) => void, typescriptVersion: string, drawsPlotlyJson: () => boolean): void {
  const display = (msg: DisplayMessage, update = false) =>
    send(update ? "update_display_data" : "display_data", { data: msg.data, metadata: msg.metadata ?? {}, transient: msg.transient ?? {} });
  let plotlySent = false;
  setDisplayHost({
    display,
    loadPlotly: () => {
      if (plotlySent) return;
      plotlySent = true;
      display({ data: { "text/html": plotlyBundleHtml(), "text/plain": "(plotly.js loaded for the charts below)" }, metadata: {} });
    },
    drawsPlotlyJson,
    chartHtml,
    typescriptVersion,
  });
}
