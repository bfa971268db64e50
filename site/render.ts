// One executed notebook → the HTML body of its page: prose (markdown-it, math typeset by KaTeX at build time),
// code, and outputs. Chart outputs keep their text/html as is, so their scripts draw in the page in order.
import MarkdownIt from "markdown-it";
import katex from "katex";

export interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown>; execution_count?: number | null; ename?: string; evalue?: string; traceback?: string[] }
export interface Cell { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null }
export interface Notebook { cells: Cell[] }

const md = new MarkdownIt({ html: true });
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : s ?? "");
export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const ansi = /\u001b\[[0-9;]*m/g;

/** The notebook's title: the text of its first markdown heading. */
export function titleOf(nb: Notebook, fallback: string): string {
  for (const c of nb.cells.filter((c) => c.cell_type === "markdown")) {
    const m = /^#+\s+(.+)$/m.exec(joined(c.source));
    if (m) return m[1].trim();
  }
  return fallback;
}

/**
 * Markdown with $…$ and $$…$$ typeset by KaTeX. Math is swapped for placeholders first so markdown-it
 * never sees (and mangles) its backslashes and underscores. Bad TeX throws, naming the formula.
 */
export function renderMarkdown(src: string): string {
  const math: string[] = [];
  const protectedSrc = src.replace(/\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g, (_, display: string | undefined, inline: string | undefined) => {
    const tex = display ?? inline!;
    try {
      math.push(katex.renderToString(tex, { displayMode: display !== undefined, throwOnError: true, output: "html" }));
    } catch (e) {
      throw new Error(`renderMarkdown: cannot typeset $${tex}$: ${(e as Error).message}`);
    }
    return `KATEXMATH${math.length - 1}X`;
  });
  return md.render(protectedSrc).replace(/KATEXMATH(\d+)X/g, (_, i: string) => math[Number(i)]);
}

function renderOutput(o: Output): string {
  const data = o.data ?? {};
  if (o.output_type === "stream") return `<pre class="output stream ${o.name ?? ""}">${escapeHtml(joined(o.text))}</pre>`;
  if (o.output_type === "error") {
    const tb = (o.traceback ?? []).join("\n").replace(ansi, "");
    return `<pre class="output error">${escapeHtml(tb || `${o.ename}: ${o.evalue}`)}</pre>`;
  }
  const prompt = o.output_type === "execute_result" ? `<span class="prompt">Out[${o.execution_count ?? " "}]:</span>` : "";
  let body: string;
  if (data["text/html"] !== undefined) body = `<div class="html">${joined(data["text/html"] as string | string[])}</div>`;
  else if (data["image/png"] !== undefined) body = `<img alt="output" src="data:image/png;base64,${joined(data["image/png"] as string)}">`;
  else body = `<pre>${escapeHtml(joined(data["text/plain"] as string | string[] | undefined))}</pre>`;
  return `<div class="output ${o.output_type}">${prompt}${body}</div>`;
}

/** The cells of a notebook as HTML: markdown as prose, code as a listing with its outputs below. */
export function renderCells(nb: Notebook): string {
  return nb.cells.map((c) => {
    if (c.cell_type === "markdown") return `<section class="markdown">${renderMarkdown(joined(c.source))}</section>`;
    if (c.cell_type !== "code") return "";
    const prompt = `<span class="prompt">In [${c.execution_count ?? " "}]:</span>`;
    return `<section class="code">${prompt}<pre class="source"><code>${escapeHtml(joined(c.source))}</code></pre>${(c.outputs ?? []).map(renderOutput).join("\n")}</section>`;
  }).join("\n");
}

/** How many charts the notebook's outputs hold (one display per `show(...)`). */
export const chartCount = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length;
