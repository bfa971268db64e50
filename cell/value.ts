// The rich display of a cell's value (`Out[n]`), for every host: a `Matrix` of the kit — recognised by
// shape, so no host imports lib/ for it — gets readable text and a small HTML table; strings show as they
// are (notebook cells often end with a sentence to read); anything else is the host's inspector's text
// (Node's util.inspect in the kernel). Text beyond MAX_RESULT_CHARS is cut, with a note saying so.

interface MatrixShaped { rows: number; cols: number; data: Float64Array }

export function isMatrix(v: unknown): v is MatrixShaped {
  const m = v as MatrixShaped;
  return typeof v === "object" && v !== null && Number.isInteger(m.rows) && Number.isInteger(m.cols) && m.data instanceof Float64Array && m.data.length === m.rows * m.cols;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());
const EDGE = 4; // rows/cols kept at each end of a large matrix

/** Indices to show along one axis: all when few, else the first and last EDGE with a gap (-1). */
function axis(n: number): number[] {
  if (n <= 2 * EDGE + 1) return [...Array(n).keys()];
  return [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
}

/**
 * @example
 * matrixText({ rows: 2, cols: 2, data: Float64Array.of(1, 0.5, 0, 2) }) // => "Matrix (2, 2)\n[[  1, 0.5],\n [  0,   2]]"
 */
export function matrixText(m: MatrixShaped): string {
  const rs = axis(m.rows), cs = axis(m.cols);
  const cells = rs.map((i) => cs.map((j) => (i < 0 ? "⋮" : j < 0 ? "…" : num(m.data[i * m.cols + j]))));
  const width = Math.max(1, ...cells.flat().map((c) => c.length));
  const lines = cells.map((row, k) => `${k === 0 ? "[[" : " ["}${row.map((c) => c.padStart(width)).join(", ")}]`);
  return `Matrix (${m.rows}, ${m.cols})\n${lines.join(",\n")}${m.rows === 0 ? "[]" : "]"}`;
}

export function matrixHtml(m: MatrixShaped): string {
  const rs = axis(m.rows), cs = axis(m.cols);
  const td = (s: string) => `<td style="text-align:right;font-family:monospace">${s}</td>`;
  const body = rs.map((i) => `<tr>${cs.map((j) => td(i < 0 ? "⋮" : j < 0 ? "…" : num(m.data[i * m.cols + j]))).join("")}</tr>`).join("");
  return `<table class="attention-kit-matrix"><caption style="caption-side:top;text-align:left">Matrix (${m.rows}, ${m.cols})</caption>${body}</table>`;
}

/** Longest `Out[n]` text shown (~1,000 lines of 100 characters); the value itself is kept whole. */
export const MAX_RESULT_CHARS = 100_000;

/**
 * @example
 * truncateText("ab\ncd\nef", 6) // => "ab\ncd\n… (2 more characters not shown: 3 lines, 8 characters in all; the value is kept whole)"
 */
export function truncateText(text: string, max = MAX_RESULT_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max - 1) > max / 2 ? text.lastIndexOf("\n", max - 1) + 1 : max;
  const lines = text.split("\n").length;
  return `${text.slice(0, cut)}… (${text.length - cut} more characters not shown: ${lines} lines, ${text.length} characters in all; the value is kept whole)`;
}

/** The MIME bundle of a cell's value; `inspect` is the host's text for values that are neither. */
export function valueBundle(value: unknown, inspect: (value: unknown) => string): Record<string, string> {
  if (isMatrix(value)) return { "text/plain": matrixText(value), "text/html": matrixHtml(value) };
  return { "text/plain": truncateText(typeof value === "string" ? value : inspect(value)) };
}
