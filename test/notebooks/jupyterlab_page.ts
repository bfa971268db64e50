// Runs in headless Chromium (bundled by esbuild): JupyterLab's own output renderers — the RenderMimeRegistry
// with the standard factories and an OutputArea attached to the page, as in a JupyterLab notebook.
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import type * as nbformat from "@jupyterlab/nbformat";
import { Widget } from "@lumino/widgets";

/** Renders each cell's outputs in its own OutputArea, attached before the outputs arrive (scripts run only when attached). */
function renderCells(cells: nbformat.IOutput[][], trusted: boolean): number {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  for (const outputs of cells) {
    const model = new OutputAreaModel({ trusted });
    const area = new OutputArea({ model, rendermime });
    Widget.attach(area, document.getElementById("notebook")!);
    model.fromJSON(outputs);
  }
  return cells.length;
}

(window as unknown as { renderCells: typeof renderCells }).renderCells = renderCells;
