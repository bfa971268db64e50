// What every chart shares: the Figure type, a responsive layout frame whose title sits below the plotly
// toolbar, and axis helpers (every category labelled, readable log ticks). Pure functions, no plotly import.

export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  /** Plotly config: responsive, toolbar only on hover and never over the title. */
  config: Record<string, unknown>;
  /** The text/plain fallback shown where no HTML renders. */
  text: string;
}

/** Height of the band at the top kept free for plotly's toolbar (on hover, top right; measured 10–32 px). */
export const TOOLBAR_BAND = 44;

export const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
export const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + " ".repeat(n - s.length));

/**
 * Breaks text into lines of at most `width` characters at spaces, joined with plotly's <br>.
 *
 * @example
 * wrap("Cosine similarity of every pair", 12); // => "Cosine<br>similarity<br>of every<br>pair"
 */
export function wrap(text: string, width: number): string {
  return text.split("<br>").map((part) => {
    const lines: string[] = [];
    for (const word of part.split(" ")) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
      else lines.push(word);
    }
    return lines.join("<br>");
  }).join("<br>");
}

const config = {
  responsive: true,
  displaylogo: false,
  displayModeBar: "hover",
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian"],
};

/**
 * The layout every chart starts from: no width (the chart fills the output area), the title wrapped at
 * ~50 characters (about 400 px) and placed below the toolbar band, so the toolbar can never cover it.
 */
export function frame(title: string, height: number, margin: { l?: number; r?: number; b?: number } = {}): { layout: Record<string, unknown>; config: Record<string, unknown> } {
  const text = wrap(title, 50);
  const lines = text.split("<br>").length;
  return {
    layout: {
      title: { text, x: 0.5, xanchor: "center", yref: "container", y: 1, yanchor: "top", pad: { t: TOOLBAR_BAND }, font: { size: 16 } },
      autosize: true,
      height: height + 22 * (lines - 1),
      margin: { t: TOOLBAR_BAND + 22 * lines + 18, l: margin.l ?? 70, r: margin.r ?? 30, b: margin.b ?? 60 },
    },
    config: { ...config },
  };
}

/** An axis title object; plotly wants { text }. */
export const axisTitle = (text: string) => ({ text, standoff: 10 });

/**
 * A categorical axis by index, so repeated tokens ("the" twice) stay separate: one tick per category,
 * long labels wrapped, rotated when there are many, margins grown to fit (automargin).
 */
export function categoryAxis(labels: string[], title: string, wrapAt = 12, room = 80): Record<string, unknown> {
  // rotate only when the labels would not fit side by side (`room`: characters across the plot)
  const many = labels.length * (Math.max(...labels.map((l) => Math.min(l.length, wrapAt))) + 1) > room;
  return {
    title: axisTitle(title), tickmode: "array", tickvals: labels.map((_, i) => i), ticktext: labels.map((l) => wrap(l, wrapAt)),
    tickangle: many ? -45 : 0, automargin: true, showgrid: false, zeroline: false, range: [-0.5, labels.length - 0.5],
  };
}

/** A numeric axis; `log` gives one labelled tick per decade (or one per data value when there are few). */
export function numberAxis(title: string, o: { log?: boolean; values?: number[] } = {}): Record<string, unknown> {
  const axis: Record<string, unknown> = { title: axisTitle(title), automargin: true };
  if (!o.log) return axis;
  const distinct = [...new Set(o.values ?? [])].sort((a, b) => a - b);
  if (distinct.length > 0 && distinct.length <= 12) {
    return { ...axis, type: "log", tickmode: "array", tickvals: distinct, ticktext: distinct.map((v) => String(v)) };
  }
  return { ...axis, type: "log", dtick: 1, exponentformat: "power", minor: { ticks: "outside", dtick: "D1" } };
}

/** Thousands with commas, small numbers with two decimals: 1050624 → "1,050,624", 0.5 → "0.50". */
export const label = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") : fmt(v));
