// Builds the static course site: index.html (the course table), one page per notebook in notebooks/, and
// explorer.html. Nothing on a page is fetched from outside the folder: KaTeX's CSS and fonts are copied in,
// plotly.js is inline in the executed notebooks' outputs, and the explorer's script and data are inline.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { $ } from "zx";
import { jupyterEnv, jupyterPython } from "../env/jupyter.js";
import { chartCount, escapeHtml, renderCells, titleOf, type Notebook } from "./render.js";
import { page } from "./page.js";
import { explorerExamples } from "./explorer_data.js";
import { writeLive, exerciseSection } from "./live.js";

const here = import.meta.dirname;
export const root = path.resolve(here, "..");
export const notebookNames = () => readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

/** Executes every notebook headless (scripts/run_notebooks.py, the kernel started in notebooks/) into dir. */
export async function executeNotebooks(dir: string): Promise<void> {
  const python = jupyterPython();
  const files = notebookNames().map((f) => path.join("notebooks", f));
  const out = await $({ cwd: root, env: jupyterEnv(), quiet: true })`${python} scripts/run_notebooks.py --save ${dir} ${files}`;
  const failures = (JSON.parse(out.stdout) as { path: string; failures: { cell: number; stderr: string }[] }[][])[0].filter((r) => r.failures.length);
  if (failures.length) throw new Error(`site: cells failed in ${failures.map((r) => `${r.path} (cell ${r.failures[0].cell}: ${r.failures[0].stderr.slice(0, 300)})`).join("; ")}`);
}

export interface Built { pages: { file: string; title: string; charts: number }[] }

/** Writes the site into out from the executed notebooks in executedDir (one per notebook in notebooks/). */
export async function buildSite(out: string, executedDir: string): Promise<Built> {
  mkdirSync(out, { recursive: true });
  const names = notebookNames();
  const missing = names.filter((f) => !existsSync(path.join(executedDir, f)));
  if (missing.length) throw new Error(`buildSite: ${executedDir} lacks executed copies of ${missing.join(", ")}`);
  const nbs = names.map((f) => JSON.parse(readFileSync(path.join(executedDir, f), "utf8")) as Notebook);
  const pages = names.map((f, i) => ({ file: f.replace(/\.ipynb$/, ".html"), title: titleOf(nbs[i], f), charts: chartCount(nbs[i]) }));
  pages.forEach((p, i) => {
    const nav = { prev: pages[i - 1] && { href: pages[i - 1].file, title: pages[i - 1].title }, next: pages[i + 1] && { href: pages[i + 1].file, title: pages[i + 1].title } };
    writeFileSync(path.join(out, p.file), page(p.title, renderCells(nbs[i]) + exerciseSection(nbs[i]), nav, { katex: true, live: true }));
  });
  const rows = pages.map((p, i) => `<tr><td><a href="${p.file}">${escapeHtml(p.title)}</a></td><td><code>${escapeHtml(names[i])}</code></td><td>${p.charts}</td></tr>`).join("\n");
  writeFileSync(path.join(out, "index.html"), page("The course", `<h1>Attention, in TypeScript</h1>
<p>The course, executed: every notebook with its outputs and live charts, readable before you install anything.
Take the lessons in order. To run them yourself, clone the repository and run <code>npm start</code>.
The <a href="explorer.html">attention explorer</a> shows the course's attention heads token by token.</p>
<table class="course"><thead><tr><th>lesson</th><th>notebook</th><th>charts</th></tr></thead><tbody>
${rows}
</tbody></table>`));
  writeExplorer(out);
  await writeLive(out);
  const katexDir = path.dirname(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"));
  mkdirSync(path.join(out, "katex", "fonts"), { recursive: true });
  cpSync(path.join(katexDir, "katex.min.css"), path.join(out, "katex", "katex.min.css"));
  for (const f of readdirSync(path.join(katexDir, "fonts")).filter((f) => f.endsWith(".woff2"))) cpSync(path.join(katexDir, "fonts", f), path.join(out, "katex", "fonts", f)); // every browser that runs the charts reads woff2
  cpSync(path.join(here, "site.css"), path.join(out, "site.css"));
  return { pages };
}

function writeExplorer(out: string): void {
  const data = JSON.stringify(explorerExamples(root)).replace(/</g, "\\u003c");
  const body = `<h1>Attention explorer</h1>
<p>The attention heads of the course, computed by the library when this site was built. Pick an example, a
layer and a head, then hover a token on the left (the query) to see how much it attends to each token on the right (the keys).</p>
<div class="explorer">
<p><label>example <select id="example"></select></label><label>layer <select id="layer"></select></label><label>head <select id="head"></select></label></p>
<p id="note"></p>
<p id="readout"></p>
<div id="live-explorer"></div>
<svg id="heads" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="attention lines from query tokens to key tokens"></svg>
</div>
<script type="application/json" id="explorer-data">${data}</script>
<script>${readFileSync(path.join(here, "explorer.js"), "utf8")}</script>`;
  writeFileSync(path.join(out, "explorer.html"), page("Attention explorer", body, {}, { live: true }));
}
