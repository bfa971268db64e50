// The course as a student meets it: JupyterLab started by `npm start` (free port, token), each lesson of
// notebooks/ opened in headless Chromium and driven through the UI — Run All, save, reopen untrusted, the
// completer and the tooltip, an interrupt, Restart Kernel and Run All. Screenshots go to .out/screenshots/live/.
import test from "ava";
import { type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { $ } from "zx";
import { jupyterEnv, jupyterPython, kernelName, root } from "../../env/jupyter.js";
import { chromiumArgs, chromiumMissing, chromiumPath } from "../../env/chromium.js";
import { chartsIn } from "./charts.js";
import { activeSource, chartsDrawn, freePort, lastCellOutput, menu, startServer, typeNewCell, waitIdle } from "./jupyterlab_ui.js";

// A copy, so autosave cannot touch notebooks/; beside notebooks/ because lessons import "../lib/index.js".
const work = path.join(root, ".browser-notebooks");
const shots = path.join(root, ".out", "screenshots", "live");
const token = `attention-kit-${process.pid}`;
const names = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const MAX_BYTES = 1.5e6;
const DOC = "Scaled dot-product attention (Vaswani et al., 2017)"; // the first line of its doc comment

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base = "";
let log = () => "";
const figures: string[] = [];

test.before(async (t) => {
  t.timeout(360_000);
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  jupyterPython(); // .venv current, else a clear error
  rmSync(work, { recursive: true, force: true });
  cpSync(path.join(root, "notebooks"), work, { recursive: true });
  mkdirSync(shots, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // a fresh user: no saved workspace or settings, and its own trust database (a reopened notebook is untrusted)
  const home = mkdtempSync(path.join(os.tmpdir(), "attention-kit-live-"));
  const env = { ...process.env, JUPYTERLAB_SETTINGS_DIR: path.join(home, "settings"), JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"), JUPYTER_DATA_DIR: path.join(home, "data") };
  const started = await startServer(root, ["--no-browser", `--port=${port}`, `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${work}`, "--LabApp.expose_app_in_browser=True"], base, env);
  server = started.server;
  log = started.log;
  figures.push(`npm start to the server URL: ${started.seconds.toFixed(1)} s`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

test.after.always(async () => {
  console.log(`  live: ${figures.join("; ")}`);
  await browser?.close();
  if (server?.pid) try { process.kill(-server.pid, "SIGTERM"); } catch { /* already gone */ }
});

async function open(name: string, label: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/lab/workspaces/${label}/tree/${name}?reset&token=${token}`);
  await page.waitForSelector(".jp-NotebookPanel .jp-Cell", { timeout: 120_000 });
  await waitIdle(page);
  return { page, errors };
}

const shutDown = async (page: Page) => {
  await page.evaluate(() => window.jupyterapp.serviceManager.sessions.shutdownAll()).catch(() => undefined);
  await page.close();
};

const stderrShown = (page: Page) => page.$$eval('.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"]', (els) => els.map((e) => e.textContent ?? ""));

async function allChartsDrawn(page: Page, expected: number, as: "svg" | "any"): Promise<string[]> {
  await page.waitForFunction(([n, kind]) => [...document.querySelectorAll(".jp-RenderedPlotly")]
    .filter((el) => el.querySelector(".main-svg") || (kind === "any" && (el.querySelector("img.plot-img") as HTMLImageElement | null)?.naturalWidth)).length >= (n as number),
  [expected, as] as const, { timeout: 90_000 }).catch(() => undefined);
  return chartsDrawn(page);
}

for (const name of names) {
  const stem = name.replace(".ipynb", "");
  const file = path.join(work, name);

  test.serial(`${name}: Run All from the menu, save, Restart Kernel and Run All`, async (t) => {
    t.timeout(900_000);
    const expected = chartsIn(file);
    const t0 = performance.now();
    const { page, errors } = await open(name, `run-${stem}`);
    t.is(await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name), kernelName, "kernel preselected");
    const opened = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await menu(page, "Run", "Run All Cells");
    await page.waitForSelector(".jp-NotebookPanel .jp-OutputArea-output", { timeout: 120_000 });
    const first = (performance.now() - t1) / 1000;
    await waitIdle(page);
    const ran = (performance.now() - t1) / 1000;
    t.deepEqual(await stderrShown(page), [], "no cell shows an error or stderr");
    const drawn = await allChartsDrawn(page, expected, "svg");
    t.deepEqual(drawn, Array(expected).fill("svg"), `${expected} charts drawn as SVG from plotly's JSON`);
    await page.screenshot({ path: path.join(shots, `${stem}-run-all.png`) });
    const charts = page.locator(".jp-RenderedPlotly");
    await charts.nth(expected - 1).scrollIntoViewIfNeeded();
    await charts.nth(expected - 1).screenshot({ path: path.join(shots, `${stem}-last-chart.png`) });

    await page.keyboard.press("Control+s");
    await page.waitForFunction(() => !window.jupyterapp.shell.currentWidget.context.model.dirty, null, { timeout: 60_000 });
    const saved = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; execution_count?: number; outputs?: { output_type: string }[] }[] };
    const withResult = saved.cells.filter((c) => c.outputs?.some((o) => o.output_type === "execute_result")).map((c) => `[${c.execution_count}]:`);
    const prompts = await page.$$eval(".jp-NotebookPanel .jp-OutputArea-executeResult .jp-OutputPrompt", (els) => els.map((e) => e.textContent?.trim()));
    t.deepEqual(prompts, withResult, "Out[n] wherever the saved notebook has a result");
    const bytes = statSync(file).size;
    t.log(`${name}: saved by JupyterLab ${(bytes / 1e6).toFixed(2)} MB`);
    t.true(bytes <= MAX_BYTES, `saved notebook is ${(bytes / 1e6).toFixed(2)} MB, over ${MAX_BYTES / 1e6} MB`);

    const t2 = performance.now();
    await page.evaluate(() => {
      const w = window as unknown as { restarted: boolean };
      w.restarted = false;
      window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.statusChanged.connect((_: unknown, s: string) => { if (s === "restarting") w.restarted = true; });
    });
    await menu(page, "Kernel", "Restart Kernel and Run All Cells…");
    await page.click(".jp-Dialog-button.jp-mod-accept");
    await page.waitForFunction(() => (window as unknown as { restarted: boolean }).restarted, null, { timeout: 60_000 });
    await waitIdle(page);
    const rerun = (performance.now() - t2) / 1000;
    t.deepEqual(await stderrShown(page), [], "after the restart no cell shows an error");
    t.deepEqual(await allChartsDrawn(page, expected, "svg"), Array(expected).fill("svg"), "after the restart every chart is drawn again");
    t.deepEqual(errors, [], "no page errors");
    figures.push(`${stem}: opened ${opened.toFixed(1)} s, first result ${first.toFixed(1)} s, Run All ${ran.toFixed(1)} s, restart+Run All ${rerun.toFixed(1)} s, ${expected} charts, ${(bytes / 1e6).toFixed(2)} MB`);
    await shutDown(page);
  });

  test.serial(`${name}: reopened untrusted, the charts draw; completer, tooltip and interrupt work`, async (t) => {
    t.timeout(600_000);
    const expected = chartsIn(file);
    // anything that changes the file voids Jupyter's signature, as for a notebook received from someone else
    const nb = JSON.parse(readFileSync(file, "utf8"));
    nb.metadata.reopened_by_test = true;
    writeFileSync(file, JSON.stringify(nb, null, 1));
    const { page, errors } = await open(name, `reopen-${stem}`);
    const trusted = await page.evaluate(() => [...window.jupyterapp.shell.currentWidget.model.cells].filter((c: any) => c.type === "code" && c.outputs.length).map((c: any) => c.trusted));
    t.true(trusted.length > 0 && trusted.every((x) => !x), "the reopened notebook is untrusted");
    const drawn = await allChartsDrawn(page, expected, "any");
    t.is(drawn.filter((d) => d !== "none").length, expected, `all ${expected} charts drawn untrusted (${drawn.join(" ")})`);
    const chart = page.locator(".jp-RenderedPlotly").first();
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `${stem}-reopened-untrusted.png`) });
    await chart.hover();
    await page.waitForFunction(() => document.querySelector(".jp-RenderedPlotly")?.querySelector(".main-svg"), null, { timeout: 30_000 });
    t.pass("hovering a chart makes it interactive (plotly's SVG)");

    await typeNewCell(page, 'import { scaledDotProductAttention } from "../lib/index.js";\nscaledDot');
    await page.keyboard.press("Tab");
    // several matches open the completer's list; a single one is inserted at once, as JupyterLab does
    await page.waitForFunction(() => document.querySelector(".jp-Completer-item")
      || window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.getSource().endsWith("scaledDotProductAttention"), null, { timeout: 30_000 });
    const items = await page.$$eval(".jp-Completer-item", (els) => els.map((e) => e.textContent ?? ""));
    await page.screenshot({ path: path.join(shots, `${stem}-completer.png`) });
    if (items.length) {
      t.true(items.some((i) => i.includes("scaledDotProductAttention")), `completer lists: ${items.join(", ")}`);
      await page.click('.jp-Completer-item:has-text("scaledDotProductAttention")');
    }
    t.regex(await activeSource(page), /\nscaledDotProductAttention$/, "the completion is inserted");
    await page.keyboard.press("Shift+Tab");
    const tip = await page.waitForSelector(".jp-Tooltip", { timeout: 30_000 }).then((e) => e.textContent());
    t.true(tip?.includes(DOC), `tooltip: ${tip?.slice(0, 200)}`);
    await page.screenshot({ path: path.join(shots, `${stem}-tooltip.png`) });
    await page.keyboard.press("Escape");

    await typeNewCell(page, "while (true) {}");
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === "busy", null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    const t0 = performance.now();
    await page.click('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]');
    await waitIdle(page, 60_000);
    const interrupted = (performance.now() - t0) / 1000;
    await typeNewCell(page, "1 + 1");
    await page.keyboard.press("Control+Enter");
    await waitIdle(page, 60_000);
    t.regex(await lastCellOutput(page), /\b2\b/, "the same kernel answers 1 + 1 after the interrupt");
    await page.screenshot({ path: path.join(shots, `${stem}-after-interrupt.png`) });
    t.deepEqual(errors, [], "no page errors");
    figures.push(`${stem} reopened: ${drawn.filter((d) => d === "png").length} charts as saved PNG, ${drawn.filter((d) => d === "svg").length} as SVG; interrupt ${interrupted.toFixed(1)} s`);
    await shutDown(page);
  });
}

test.serial("Notebook 7 (`npm start -- --notebook`) runs a lesson and draws its charts from plotly's JSON", async (t) => {
  t.timeout(600_000);
  const name = "01-dot-product-similarity.ipynb";
  const port = await freePort();
  const nbBase = `http://127.0.0.1:${port}`;
  const { server: nbServer, seconds, log } = await startServer(root, ["--notebook", "--no-browser", `--port=${port}`, `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${work}`,
    "--JupyterNotebookApp.expose_app_in_browser=True"], nbBase, process.env);
  try {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${nbBase}/notebooks/${name}?token=${token}`).catch((e: Error) => { throw new Error(`${e.message}\nserver log:\n${log().slice(-3000)}`); });
    await page.waitForSelector(".jp-Notebook .jp-Cell", { timeout: 120_000 });
    await waitIdle(page);
    await menu(page, "Run", "Run All Cells");
    await page.waitForSelector(".jp-Notebook .jp-OutputArea-output", { timeout: 120_000 });
    await waitIdle(page);
    const expected = chartsIn(path.join(root, "notebooks", name));
    t.deepEqual(await allChartsDrawn(page, expected, "svg"), Array(expected).fill("svg"));
    await page.screenshot({ path: path.join(shots, "notebook7-run-all.png") });
    figures.push(`Notebook 7: server URL ${seconds.toFixed(1)} s`);
    await shutDown(page);
  } finally {
    if (nbServer.pid) try { process.kill(-nbServer.pid, "SIGTERM"); } catch { /* already gone */ }
  }
});

test.serial("HTML exported by nbconvert draws the charts with the network blocked", async (t) => {
  t.timeout(300_000);
  const name = "01-dot-product-similarity";
  const outDir = path.join(root, ".out", "html");
  const src = path.join(root, "notebooks", `${name}.ipynb`);
  await $({ cwd: path.join(root, "notebooks"), env: jupyterEnv(), quiet: true })`${jupyterPython()} -m nbconvert --to html --execute ${src} --output-dir ${outDir}`;
  const expected = chartsIn(src);
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (blocked.push(route.request().url()), route.abort())));
  await page.goto(`file://${path.join(outDir, `${name}.html`)}`);
  await page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 60_000 });
  t.is(await page.$$eval(".js-plotly-plot", (els) => els.length), expected);
  // nbconvert's template asks for require.js and MathJax from a CDN (the math stays as TeX offline); the charts ask for nothing
  t.deepEqual(blocked.filter((u) => !/\/require\.min\.js$|\/mathjax\//.test(u)), [], "the charts asked for nothing beyond local files");
  await page.screenshot({ path: path.join(shots, `${name}-exported-html.png`) });
  await page.close();
});

test.serial("the server log has no traceback", (t) => {
  t.notRegex(log(), /Traceback \(most recent call last\)/);
});
