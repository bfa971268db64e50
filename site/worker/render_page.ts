// Drawing the worker's messages in the page as JupyterLab does: printed text, Out[n] (a Matrix as its HTML
// table), plotly charts (the page's own plotly.js), and errors with their traceback.
declare global { interface Window { attentionKitPlotly?: Promise<{ newPlot(el: HTMLElement, d: unknown, l: unknown, c: unknown): Promise<unknown>; relayout(el: HTMLElement, l: unknown): Promise<unknown> }> } }

export type Message =
  | { type: "stream"; id: number; name: string; text: string }
  | { type: "display"; id: number; data: Record<string, unknown> }
  | { type: "result"; id: number; count: number; data: Record<string, unknown> }
  | { type: "error"; id: number; ename: string; evalue: string; traceback: string[] }
  | { type: "done"; id: number; ms: number }
  | { type: "ready"; relaxedSimd: boolean; backend: string }
  | { type: "explored"; id: number; example?: unknown; error?: string }
  | { type: "clean-check"; key: string };

/** On a phone-wide chart the legend goes below the plot, so the plot keeps the width. */
const narrow = (layout: Record<string, unknown>, width: number) => (width > 0 && width < PHONE ? { ...layout, legend: { ...(layout.legend as object), orientation: "h", x: 0, xanchor: "left", y: -0.25, yanchor: "top" } } : layout);

const PHONE = 520;
/**
 * The executed notebook's own charts (drawn by their inline scripts) get the same treatment on a phone-wide
 * page: legend below the plot. Runs once the charts are drawn, and again when the page gets narrower.
 */
export function fitCharts(): void {
  const plotly = window.attentionKitPlotly;
  if (!plotly) return;
  let last = window.innerWidth;
  const fit = () => void plotly.then((P) => {
    for (const el of document.querySelectorAll<HTMLElement & { layout?: { legend?: object } }>(".js-plotly-plot")) {
      if (el.clientWidth > 0 && el.clientWidth < PHONE && el.layout && (el.layout.legend as { orientation?: string } | undefined)?.orientation !== "h") void P.relayout(el, { "legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left", "legend.y": -0.25, "legend.yanchor": "top" });
    }
  });
  setTimeout(fit, 1500);
  window.addEventListener("resize", () => { if (window.innerWidth < last) setTimeout(fit, 300); last = window.innerWidth; });
}

const pre = (cls: string, text: string) => { const p = document.createElement("pre"); p.className = cls; p.textContent = text; return p; };

/** The element for one message (null when it adds to the previous one); its text is recorded in `texts`. */
export function renderOutput(m: Message, texts: { type: string; text: string }[]): HTMLElement | null {
  if (m.type === "stream") {
    texts.push({ type: `stream:${m.name}`, text: m.text });
    return pre(`output stream ${m.name}`, m.text);
  }
  if (m.type === "error") {
    const head = `${m.ename}: ${m.evalue}`; // a type error's traceback starts with its place, not its name
    const text = m.traceback.length === 0 ? head : m.traceback[0].startsWith(m.ename) ? m.traceback.join("\n") : [head, ...m.traceback].join("\n");
    texts.push({ type: "error", text });
    return pre("output error", text);
  }
  if (m.type === "result") {
    const text = String(m.data["text/plain"] ?? "");
    texts.push({ type: "result", text });
    const div = document.createElement("div");
    div.className = "output execute_result";
    const prompt = document.createElement("span");
    prompt.className = "prompt"; prompt.textContent = `Out[${m.count}]:`;
    div.append(prompt);
    if (typeof m.data["text/html"] === "string") { const h = document.createElement("div"); h.className = "html"; h.innerHTML = m.data["text/html"]; div.append(h); } else div.append(pre("", text));
    return div;
  }
  if (m.type === "display") {
    const fig = m.data["application/vnd.plotly.v1+json"] as { data: unknown; layout: Record<string, unknown>; config: unknown } | undefined;
    texts.push({ type: "display", text: String(m.data["text/plain"] ?? "") });
    const div = document.createElement("div");
    div.className = "output display_data";
    if (!fig) { div.append(pre("", String(m.data["text/plain"] ?? ""))); return div; }
    const el = document.createElement("div");
    el.className = "attention-kit-chart live-chart";
    el.textContent = "Drawing the chart…";
    div.append(el);
    const plotly = window.attentionKitPlotly;
    if (!plotly) el.textContent = `Chart not drawn (plotly.js is not on this page):\n${String(m.data["text/plain"] ?? "")}`;
    else plotly.then((P) => { el.textContent = ""; return P.newPlot(el, fig.data, narrow(fig.layout, el.clientWidth), fig.config); }).catch((e: Error) => { el.textContent = `Chart not drawn: ${e.message}`; });
    return div;
  }
  return null;
}
