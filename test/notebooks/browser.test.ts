// The course as a student meets it: the server started the way `npm start` starts it, each notebook opened
// in headless Chromium, Run All clicked through the page, and the plotly charts checked in the DOM.
// Screenshots go to .out/screenshots/ (git-ignored). Charts draw asynchronously (plotly.js is unpacked in the
// page first), so the waits count plots that have drawn, not plotly's SVG layers.
import test from "ava";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { $ } from "zx";
import { root, kernelName, jupyterEnv, jupyterPython } from "../../env/jupyter.js";
import { chromiumArgs, chromiumPath } from "../../env/chromium.js";
import { chartsIn } from "./charts.js";

// A copy, so the page's autosave cannot touch notebooks/; beside notebooks/ (a child of the project root)
// because the kernel starts in the notebook's folder and notebooks import "../lib/index.js".
const work = path.join(root, ".browser-notebooks");
const shots = path.join(root, ".out", "screenshots");
const token = "attention-kit-browser-test";
const names = readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base = "";
let serverLog = "";

test.before(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: \`npm test\` installs it on Debian as root (apt-get install chromium)`);
  rmSync(work, { recursive: true, force: true });
  cpSync(path.join(root, "notebooks"), work, { recursive: true });
  mkdirSync(shots, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // exactly the README's command, so a broken `npm start` fails here
  server = spawn("npm", ["start", "--", "--classic", "--no-browser", `--port=${port}`, `--notebook-dir=${work}`, `--NotebookApp.token=${token}`],
    { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${serverLog}`)), 60_000);
    const onData = (b: Buffer) => { serverLog += b; if (serverLog.includes(`${base}/`)) { clearTimeout(timer); resolve(); } };
    server!.stdout!.on("data", onData);
    server!.stderr!.on("data", onData);
    server!.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${serverLog}`)); });
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

test.after.always(async () => {
  await browser?.close();
  if (server?.pid) try { process.kill(-server.pid, "SIGTERM"); } catch { /* already gone */ }
});

for (const name of names) {
  test.serial(`${name}: Run All in the browser draws every chart`, async (t) => {
    const expected = chartsIn(path.join(work, name));
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${base}/notebooks/${name}?token=${token}`);
    await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60_000 });
    t.is(await page.evaluate(() => (window as any).Jupyter.notebook.kernel.name), kernelName, "kernel preselected");
    await page.evaluate(() => { const nb = (window as any).Jupyter.notebook; nb.set_autosave_interval(0); nb.execute_all_cells(); });
    await page.waitForFunction((n) => document.querySelector(".output_stderr, .output_error") !== null
      || [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 90_000 });
    await page.waitForFunction(() => (window as any).Jupyter.notebook.kernel_busy === false, null, { timeout: 60_000 });
    const stderr = await page.$$eval(".output_stderr, .output_error", (els) => els.map((e) => e.textContent ?? ""));
    t.deepEqual(stderr, [], "no cell failed or wrote to stderr");
    const drawn = await page.$$eval(".js-plotly-plot", (els) => els.length);
    t.is(drawn, expected, `${expected} charts drawn`);
    t.deepEqual(pageErrors, []);
    const stem = name.replace(".ipynb", "");
    const charts = page.locator(".js-plotly-plot");
    for (let k = 0; k < drawn; k++) await charts.nth(k).screenshot({ path: path.join(shots, `${stem}-chart-${k + 1}.png`) });
    await page.screenshot({ path: path.join(shots, `${stem}.png`) });
    await page.close();
  });
}

test.serial("HTML exported by nbconvert draws the charts with the network blocked", async (t) => {
  const python = jupyterPython();
  const name = "01-dot-product-similarity";
  const outDir = path.join(root, ".out", "html");
  await $({ cwd: root, env: jupyterEnv(), quiet: true })`${python} -m nbconvert --to html --execute ${path.join(work, `${name}.ipynb`)} --output-dir ${outDir}`;
  const expected = chartsIn(path.join(work, `${name}.ipynb`));
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (blocked.push(route.request().url()), route.abort())));
  await page.goto(`file://${path.join(outDir, `${name}.html`)}`);
  await page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 30_000 });
  t.is(await page.$$eval(".js-plotly-plot", (els) => els.length), expected);
  t.deepEqual(blocked, [], "the page asked for nothing beyond local files");
  await page.screenshot({ path: path.join(shots, `${name}-exported-html.png`) });
  await page.close();
});
