// JupyterLab's standard output renderers alone (@jupyterlab/rendermime + @jupyterlab/outputarea, bundled with
// esbuild, in headless Chromium), without jupyterlab-plotly: the HTML path of the charts, trusted and not.
// The real JupyterLab, with the extension, is driven by live.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import type { Browser, Page } from "playwright-core";

export interface Output { output_type: string; data?: Record<string, unknown>; text?: unknown; [k: string]: unknown }

const joined = (v: unknown) => (Array.isArray(v) ? v.join("") : v);
const isJson = (mime: string) => mime === "application/json" || mime.endsWith("+json");

/**
 * Each code cell's outputs, read as nbformat reads them: text stored as a list of lines is joined
 * (JupyterLab's models expect what the nbformat loader hands them, not the raw file).
 */
export function codeCellOutputs(file: string): Output[][] {
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (c.outputs ?? []).map((o) => ({
    ...o,
    ...(o.text !== undefined ? { text: joined(o.text) } : {}),
    ...(o.data ? { data: Object.fromEntries(Object.entries(o.data).map(([m, v]) => [m, isJson(m) ? v : joined(v)])) } : {}),
  })));
}

/** The page script (test/notebooks/jupyterlab_page.ts) as one IIFE. */
export async function jupyterLabBundle(): Promise<string> {
  const r = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, "jupyterlab_page.ts")], bundle: true, write: false, format: "iife", platform: "browser",
    loader: { ".svg": "text", ".css": "empty" }, define: { "process.env.NODE_ENV": '"production"' }, logLevel: "error",
  });
  return r.outputFiles[0].text;
}

/** A page with nothing but the renderers, every request beyond it refused (the charts must be offline). */
export async function renderInJupyterLab(browser: Browser, bundle: string, cells: Output[][], trusted: boolean) {
  const page: Page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [], requests: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => { requests.push(route.request().url()); return route.abort(); });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head>'
    + '<body style="margin: 0; font-family: sans-serif"><div id="notebook" style="width: 1000px; padding: 8px"></div></body></html>');
  await page.addScriptTag({ content: bundle });
  await page.evaluate(([c, t]) => (window as unknown as { renderCells: (c: unknown, t: boolean) => number }).renderCells(c, t), [cells, trusted] as const);
  return { page, errors, requests };
}

/** What a kernel that speaks the protocol fully sends and tslab does not yet: a value and an error. */
export const syntheticOutputs: Output[][] = [
  [{ output_type: "execute_result", execution_count: 7, metadata: {}, data: { "text/plain": "Matrix (2, 2)\n  1.00  0.00\n  0.00  1.00" } }],
  [{ output_type: "error", ename: "Error", evalue: "softmax: x must be 2-D, got shape (3)", traceback: ["Error: softmax: x must be 2-D, got shape (3)", "    at cell 5, line 2"] }],
];
