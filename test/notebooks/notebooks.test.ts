// Every notebook executes headless through Jupyter's own client (nbclient) with the project kernel, twice:
// no cell may fail, each `show(...)` must produce a chart, and both runs must give identical outputs.
// The first run's executed notebooks are saved (.out/executed/) and checked from the same run: chart
// legibility from their figure JSON, file size, code line length, and JupyterLab's renderers drawing them.
import test from "ava";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { $ } from "zx";
import { jupyterEnv, jupyterPython, root, kernelName } from "../../env/jupyter.js";
import { chromiumArgs, chromiumMissing, chromiumPath } from "../../env/chromium.js";
import { UNTRUSTED_MESSAGE } from "../../lib/plot/index.js";
import { chartsPerCodeCell } from "./charts.js";
import { chartProblems, longCodeLines, type PlotlyFigure } from "./legibility.js";
import { codeCellOutputs, jupyterLabBundle, renderInJupyterLab, syntheticOutputs, type Output } from "./jupyterlab.js";

interface CellOutput { output_type: string; name?: string; text?: string; data?: Record<string, unknown> }
interface Report { path: string; saved: string; seconds: number; kernel_start_s: number; cells: { index: number; seconds: number }[]; failures: { cell: number; source: string; stderr: string }[]; outputs: CellOutput[][] }
interface Nb { cells: { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }[]; metadata: { kernelspec?: { name: string } } }

const dir = path.join(root, "notebooks");
const names = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const read = (f: string): Nb => JSON.parse(readFileSync(path.join(dir, f), "utf8"));
const executed = path.join(root, ".out", "executed");
const shots = path.join(root, ".out", "screenshots", "jupyterlab");
const MAX_BYTES = 1.5e6;

test("the course has notebooks 00–05", (t) => {
  for (const prefix of ["00-attention-as-soft-lookup", "01-dot-product-similarity", "02-self-attention", "03-multi-head-attention", "04-bahdanau-seq2seq", "05-transformer"]) t.true(names.includes(`${prefix}.ipynb`), prefix);
});

test("committed notebooks carry no outputs and use the project kernel", (t) => {
  for (const f of names) {
    const nb = read(f);
    t.is(nb.metadata.kernelspec?.name, kernelName, `${f}: kernelspec`);
    for (const c of nb.cells.filter((c) => c.cell_type === "code")) {
      t.deepEqual(c.outputs, [], `${f}: a code cell has outputs; clear them before committing`);
      t.is(c.execution_count ?? null, null, `${f}: execution_count`);
    }
  }
});

let runs: Report[][] = [];
test.before(async (t) => {
  t.timeout(1_200_000, "every notebook twice; minutes when the machine is shared");
  const python = jupyterPython();
  const files = names.map((f) => path.join("notebooks", f));
  rmSync(executed, { recursive: true, force: true });
  const out = await $({ cwd: root, env: jupyterEnv(), quiet: true })`${python} scripts/run_notebooks.py --runs 2 --save ${executed} ${files}`;
  runs = JSON.parse(out.stdout);
  const total = runs[0].reduce((s, r) => s + r.seconds, 0);
  console.log(`  notebooks, first run: ${runs[0].map((r) => `${path.basename(r.path)} ${r.seconds.toFixed(1)} s (kernel start ${r.kernel_start_s.toFixed(1)} s, first cell ${r.cells[0].seconds.toFixed(1)} s)`).join("; ")}; total ${total.toFixed(1)} s`);
});

for (const [i, f] of names.entries()) {
  test(`${f}: every cell runs without error`, (t) => {
    for (const run of runs) {
      for (const failure of run[i].failures) t.fail(`cell ${failure.cell} failed:\n${failure.source}\n--- stderr ---\n${failure.stderr}`);
    }
    t.pass();
  });

  test(`${f}: each show(...) produced a chart with a text fallback`, (t) => {
    const expected = chartsPerCodeCell(path.join(dir, f));
    const charts = runs[0][i].outputs.map((outs) => outs.filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length);
    t.deepEqual(charts, expected);
    t.true(expected.reduce((a, b) => a + b, 0) >= 3, "at least three charts");
    for (const o of runs[0][i].outputs.flat().filter((o) => o.data?.["application/vnd.plotly.v1+json"])) {
      t.truthy(o.data?.["text/html"]);
      t.truthy(o.data?.["text/plain"]);
    }
    const bundles = runs[0][i].outputs.flat().filter((o) => String(o.data?.["text/html"] ?? "").includes("window.attentionKitPlotly = new Response"));
    t.is(bundles.length, 1, "the plotly bundle is inlined exactly once");
  });

  test(`${f}: every chart is legible (title, axis titles, width, categories, colour range, log axes)`, (t) => {
    const figures = runs[0][i].outputs.flat().map((o) => o.data?.["application/vnd.plotly.v1+json"]).filter(Boolean) as PlotlyFigure[];
    t.true(figures.length > 0);
    for (const [k, fig] of figures.entries()) t.deepEqual(chartProblems(fig), [], `chart ${k + 1}: ${JSON.stringify(fig.layout.title)}`);
  });

  test(`${f}: saved after execution, the notebook stays under 1.5 MB`, (t) => {
    const bytes = statSync(runs[0][i].saved).size;
    t.log(`${f}: ${(bytes / 1e6).toFixed(2)} MB executed (${(statSync(path.join(dir, f)).size / 1e3).toFixed(0)} kB committed)`);
    t.true(bytes < MAX_BYTES, `${bytes} bytes`);
  });

  test(`${f}: no code line is longer than 100 characters`, (t) => {
    t.deepEqual(longCodeLines(read(f).cells), []);
  });

  test(`${f}: executing twice gives identical outputs`, (t) => {
    t.deepEqual(runs[1][i].outputs, runs[0][i].outputs);
  });
}

// JupyterLab's renderers on the executed notebooks: trusted (the student just ran it) every chart draws and
// execute_result / error outputs show; untrusted (a saved notebook reopened) each chart says what to do.
let browser: Browser | undefined;
let bundle = "";
test.after.always(async () => { await browser?.close(); });
const jupyterLab = async () => {
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  browser ??= await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  bundle ||= await jupyterLabBundle();
  return browser;
};
const countOf = (cells: Output[][], type: string) => cells.flat().filter((o) => o.output_type === type).length;

for (const [i, f] of names.entries()) {
  const stem = f.replace(".ipynb", "");
  test.serial(`${f}: JupyterLab, trusted: every chart draws with every category labelled; values and errors show`, async (t) => {
    const cells = [...codeCellOutputs(runs[0][i].saved), ...syntheticOutputs];
    const expected = chartsPerCodeCell(path.join(dir, f)).reduce((a, b) => a + b, 0);
    const { page, errors, requests } = await renderInJupyterLab(await jupyterLab(), bundle, cells, true);
    await page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n,
      expected, { timeout: 30_000 });
    t.is(await page.$$eval(".js-plotly-plot", (els) => els.length), expected, "charts drawn");
    t.is(await page.$$eval(".attention-kit-chart", (els, msg) => els.filter((e) => e.textContent?.includes(msg)).length, UNTRUSTED_MESSAGE), 0);
    // every category of every categorical axis has a tick label on the page (issue 9: "5 bars and 4 labels")
    const unlabelled = await page.$$eval(".js-plotly-plot", (els) => els.flatMap((el, k) => {
      const layout = (el as unknown as { layout: Record<string, { tickmode?: string; tickvals?: unknown[] }> }).layout;
      return Object.entries(layout).filter(([key, a]) => /^[xy]axis\d*$/.test(key) && a?.tickmode === "array").flatMap(([key, a]) => {
        const shown = el.querySelectorAll(`.${key.replace("axis", "")}tick text`);
        const n = [...shown].filter((e) => (e.textContent ?? "").trim()).length;
        return n === a.tickvals!.length ? [] : [`chart ${k + 1} ${key}: ${n} labels shown for ${a.tickvals!.length} categories`];
      });
    }));
    t.deepEqual(unlabelled, []);
    // the toolbar (laid out even while hidden until hover) never overlaps the title, and the title is inside the chart
    const overlaps = await page.$$eval(".js-plotly-plot", (els) => els.flatMap((el, k) => {
      const bar = el.querySelector(".modebar")?.getBoundingClientRect(), title = el.querySelector(".gtitle")?.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      if (!bar || !title) return [`chart ${k + 1}: ${bar ? "" : "no toolbar "}${title ? "" : "no title"}`];
      const apart = bar.bottom <= title.top || title.bottom <= bar.top || bar.right <= title.left || title.right <= bar.left;
      const inside = title.top >= box.top && title.left >= box.left && title.right <= box.right;
      return [...(apart ? [] : [`chart ${k + 1}: toolbar over the title`]), ...(inside ? [] : [`chart ${k + 1}: title cut off`])];
    }));
    t.deepEqual(overlaps, []);
    // execute_result with its prompt, error with its message, as JupyterLab shows them
    const results = await page.$$eval(".jp-OutputArea-executeResult", (els) => els.map((e) => e.textContent ?? ""));
    t.is(results.length, countOf(cells, "execute_result"));
    t.true(results.some((r) => r.includes("[7]:") && r.includes("Matrix (2, 2)")), results.join(" | "));
    const errorsShown = await page.$$eval('[data-mime-type="application/vnd.jupyter.stderr"]', (els) => els.map((e) => e.textContent ?? ""));
    t.true(errorsShown.some((e) => e.includes("softmax: x must be 2-D")), errorsShown.join(" | "));
    t.deepEqual(errors, [], "no page errors");
    t.deepEqual(requests, [], "nothing fetched from the network");
    mkdirSync(shots, { recursive: true });
    const charts = page.locator(".js-plotly-plot");
    for (let k = 0; k < expected; k++) await charts.nth(k).screenshot({ path: path.join(shots, `${stem}-chart-${k + 1}.png`) });
    await page.close();
  });

  test.serial(`${f}: JupyterLab, untrusted: each chart's box says how to draw it`, async (t) => {
    const cells = codeCellOutputs(runs[0][i].saved);
    const expected = chartsPerCodeCell(path.join(dir, f)).reduce((a, b) => a + b, 0);
    const { page, errors } = await renderInJupyterLab(await jupyterLab(), bundle, cells, false);
    await page.waitForTimeout(500); // an untrusted page runs no scripts; give a wrongly run one time to draw
    t.is(await page.$$eval(".js-plotly-plot", (els) => els.length), 0, "no script ran");
    const boxes = await page.$$eval(".jp-OutputArea-output", (els, msg) => els.filter((e) => (e.textContent ?? "").trim() === msg).length, UNTRUSTED_MESSAGE);
    t.is(boxes, expected, "one message per chart");
    t.deepEqual(errors, []);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `${stem}-untrusted.png`), fullPage: true });
    await page.close();
  });
}
