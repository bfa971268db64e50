// The display bridge: how lib/plot (and a student's `tslab.display.html(…)`) hands rich output to whatever
// runs the code. A host — the course's kernel (kernel/display_host.ts), or a page of the browser course —
// publishes itself with `setDisplayHost`; lib never knows which. The host lives on globalThis under a
// registered symbol, so every copy of this module (the kernel's bundle, a cell's import, a re-import after
// a file changed) finds the same one. Without a host (tests, scripts) there is nowhere to display to.

/** One display: Jupyter's display_data content — a MIME bundle, its metadata and a display id to update. */
export interface DisplayMessage {
  /** MIME type -> content, e.g. `{ "text/html": "<b>hi</b>", "text/plain": "hi" }`. */
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** `display_id`: a later display with `update: true` and the same id replaces this one. */
  transient?: { display_id?: string };
}

export interface DisplayHost {
  /** Shows `msg` under the running cell; `update` replaces the display with the same `transient.display_id`. */
  display(msg: DisplayMessage, update?: boolean): void;
  /**
   * Called by `show` before each chart: a host whose front end needs plotly.js for the charts' HTML sends it
   * here, once (the kernel: a display carrying the library). A host that draws plotly's JSON MIME type
   * itself, or has Plotly on its page, leaves it out.
   */
  loadPlotly?(): void;
  /** True when the front end of the running cell draws plotly's JSON MIME type itself: charts send no HTML. */
  drawsPlotlyJson?(): boolean;
  /** The HTML that draws a chart (plotly's JSON, a container id) where the front end cannot draw the JSON. */
  chartHtml?(figure: { data: unknown; layout: unknown; config: unknown }, id: string): string;
  /** The TypeScript version cells are checked with, if the host knows it (for tslab's `versions`). */
  typescriptVersion?: string;
}

/** Where the host is kept: `globalThis[DISPLAY_HOST]`. */
export const DISPLAY_HOST = Symbol.for("attention-kit.display-host");

/** Installs the host (null removes it). A kernel calls this once at start; a test may install a recorder. */
export function setDisplayHost(host: DisplayHost | null): void {
  (globalThis as Record<symbol, unknown>)[DISPLAY_HOST] = host ?? undefined;
}

/**
 * The installed host, or null outside a notebook.
 * @example
 * displayHost(); // => null
 */
export function displayHost(): DisplayHost | null {
  return ((globalThis as Record<symbol, unknown>)[DISPLAY_HOST] as DisplayHost | undefined) ?? null;
}
