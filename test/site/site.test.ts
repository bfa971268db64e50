// The course site (`npm run site`) built into a temp dir and opened from disk in headless Chromium with every
// non-file request refused: each lesson's charts draw, its math is typeset, prev/next resolve, nothing logs
// an error; the explorer's weights are the notebooks' own and hovering a token shows its row.
// Reuses the executed notebooks of the notebook test (.out/executed/) when they are complete and newer than
// the notebooks; otherwise executes them (~10 s). Screenshots go to .out/site/.
import test from "ava";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumArgs, chromiumMissing, chromiumPath } from "../../env/chromium.js";
import { buildSite, notebookNames, root, type Built } from "../../site/build.js";
import { executedNotebooks } from "./executed.js";
import { explorerExamples, type Example } from "../../site/explorer_data.js";
import type { Notebook } from "../../site/render.js";

const shots = path.join(root, ".out", "site");
const tmp = mkdtempSync(path.join(os.tmpdir(), "site-test-"));
const out = path.join(tmp, "site"), executed = path.join(tmp, "executed");
let built: Built;
let browser: Browser;

test.before(async () => {
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  const t0 = performance.now();
  const reused = await executedNotebooks(executed);
  const t1 = performance.now();
  built = await buildSite(out, executed);
  console.log(`  site: notebooks ${reused ? "reused from .out/executed" : `executed in ${((t1 - t0) / 1000).toFixed(1)} s`}; built in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  mkdirSync(shots, { recursive: true });
});
test.after.always(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens a page of the site from disk, refusing (and recording) every request that is not a local file. */
async function open(file: string): Promise<{ page: Page; errors: string[]; refused: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [], refused: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (refused.push(route.request().url()), route.abort())));
  await page.goto(`file://${path.join(out, file)}`);
  return { page, errors, refused };
}

test("every notebook in notebooks/ has a page, listed in index.html with its title", (t) => {
  const index = readFileSync(path.join(out, "index.html"), "utf8");
  t.deepEqual(built.pages.map((p) => p.file), notebookNames().map((f) => f.replace(".ipynb", ".html")));
  for (const p of built.pages) {
    t.true(existsSync(path.join(out, p.file)), p.file);
    t.true(index.includes(`href="${p.file}"`) && index.includes(p.title), p.title);
  }
  const firstHeading = (f: string) => /^#\s+(.+)$/m.exec(readFileSync(path.join(root, "notebooks", f), "utf8").match(/"# [^"\\]+/)![0].slice(1))![1];
  t.deepEqual(built.pages.map((p) => p.title), notebookNames().map(firstHeading));
  t.true(built.pages.every((p) => /^\d\d · /.test(p.title)), built.pages.map((p) => p.title).join(" | "));
});

for (const [i, name] of notebookNames().entries()) {
  const file = name.replace(".ipynb", ".html");
  test.serial(`${file}: charts drawn, math typeset, prev/next resolve, offline, no console error`, async (t) => {
    const nb = JSON.parse(readFileSync(path.join(executed, name), "utf8")) as Notebook;
    const expected = built.pages[i].charts;
    t.true(expected > 0);
    const { page, errors, refused } = await open(file);
    await page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 30_000 });
    t.is(await page.$$eval(".js-plotly-plot", (els) => els.filter((e) => e.querySelector(".main-svg")).length), expected, "plotly charts drawn");
    const hasMath = nb.cells.some((c) => c.cell_type === "markdown" && /\$/.test([c.source].flat().join("")));
    if (hasMath) {
      t.true(await page.$$eval(".markdown .katex", (els) => els.length) > 0, "KaTeX spans");
      // KaTeX's stylesheet and fonts came from the site's own katex/ folder
      t.regex(await page.$eval(".markdown .katex", (e) => getComputedStyle(e).fontFamily), /KaTeX_Main/);
      const fonts = await page.evaluate(async () => { await document.fonts.ready; return [...document.fonts].filter((f) => f.family.includes("KaTeX") && f.status === "loaded").length; });
      t.true(fonts > 0, "a KaTeX font loaded");
    }
    const rawMath = await page.$$eval(".markdown", (els) => els.map((e) => (e as HTMLElement).innerText).filter((s) => /\$[^$\n]+\$/.test(s)));
    t.deepEqual(rawMath, [], "no raw $…$ left in the prose");
    // prev/next: the neighbours in course order, and the files exist
    const links = await page.$$eval("nav.prevnext a", (els) => els.map((a) => [a.getAttribute("rel"), a.getAttribute("href")]));
    const want = [...(i > 0 ? [["prev", built.pages[i - 1].file]] : []), ...(i < built.pages.length - 1 ? [["next", built.pages[i + 1].file]] : [])];
    t.deepEqual(links.slice(0, want.length), want);
    for (const [, href] of links) t.true(existsSync(path.join(out, href!)), `${href} exists`);
    if (i < built.pages.length - 1) {
      await page.click("nav.prevnext a[rel=next]");
      t.true(page.url().endsWith(built.pages[i + 1].file), page.url());
    }
    t.deepEqual(refused, [], "no request left the site");
    t.deepEqual(errors, [], "no console error");
    await page.close();
    const again = await open(file);
    await again.page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 30_000 });
    await again.page.screenshot({ path: path.join(shots, `${file.replace(".html", "")}-top.png`) });
    await again.page.locator(".js-plotly-plot").first().scrollIntoViewIfNeeded();
    await again.page.screenshot({ path: path.join(shots, `${file.replace(".html", "")}-chart.png`) });
    await again.page.close();
  });
}

// The explorer must show what the notebooks show: compare with the figure JSON of the executed notebooks.
const figures = (name: string) => (JSON.parse(readFileSync(path.join(executed, name), "utf8")) as Notebook).cells
  .flatMap((c) => c.outputs ?? []).map((o) => o.data?.["application/vnd.plotly.v1+json"] as { data: { z?: number[][]; y?: number[] }[]; layout: { title: { text: string } } } | undefined)
  .filter((f) => f !== undefined);
const figure = (name: string, title: string) => figures(name).find((f) => f!.layout.title.text.startsWith(title))!;
const close = (a: number[][], b: number[][]) => a.length === b.length && a.every((r, i) => r.length === b[i].length && r.every((v, j) => Math.abs(v - b[i][j]) <= 1e-5 * Math.max(1, Math.abs(v))));

test("the explorer's weights are the ones the notebooks chart", (t) => {
  const ex = Object.fromEntries(explorerExamples(root).map((e) => [e.id, e])) as Record<string, Example>;
  const w = (id: string, h = 0) => ex[id].layers[0].heads[h].weights;
  t.true(close(w("animal"), figure("02-self-attention.ipynb", "Self-attention weights").data[0].z!), "animal sentence");
  const bankRow = (id: string) => [w(id)[ex[id].queries.indexOf("bank")]];
  t.true(close(bankRow("bank-river"), [figure("02-self-attention.ipynb", '"bank" in the river').data[0].y!]), "river bank");
  t.true(close(bankRow("bank-money"), [figure("02-self-attention.ipynb", '"bank" in the money').data[0].y!]), "money bank");
  const grid = figure("03-multi-head-attention.ipynb", "Four heads");
  t.is(ex.heads.layers[0].heads.length, 4);
  for (let h = 0; h < 4; h++) t.true(close(w("heads", h), grid.data[h].z!), `head ${h}`);
  t.true(close(w("date-0"), figure("04-bahdanau-seq2seq.ipynb", "Alignment").data[0].z!), "date alignment");
  const cross = figure("05-transformer.ipynb", "Cross-attention");
  t.deepEqual(ex["transformer-date"].layers.map((l) => l.heads.length), [4, 4]);
  ex["transformer-date"].layers.forEach((l, i) => l.heads.forEach((h, k) => t.true(close(h.weights, cross.data[4 * i + k].z!), `Transformer layer ${i} head ${k}`)));
});

test.serial("explorer.html: pick an example and a head, hover a token, and its weights show", async (t) => {
  const { page, errors, refused } = await open("explorer.html");
  const weights = () => page.$$eval("#heads g.key", (gs) => gs.map((g) => Number(g.getAttribute("data-weight") || "NaN")));
  const keyTexts = () => page.$$eval("#heads g.key text:first-of-type", (els) => els.map((e) => e.textContent));
  const hover = (k: number) => page.locator("#heads g.query").nth(k).hover();
  await page.selectOption("#example", { index: 0 });
  const tokens = await page.$$eval("#heads g.query text", (els) => els.map((e) => e.textContent));
  await hover(tokens.indexOf("it"));
  const it = await weights();
  t.true(Math.abs(it.reduce((a, b) => a + b, 0) - 1) < 1e-9, `row sums to 1: ${it}`);
  t.is((await keyTexts())[it.indexOf(Math.max(...it))], "animal", '"it" attends most to "animal"');
  t.regex(await page.textContent("#readout") ?? "", /“it” attends most to “animal”/);
  await page.screenshot({ path: path.join(shots, "explorer-it.png") });
  await hover(tokens.indexOf("animal"));
  t.notDeepEqual(await weights(), it, "another token, other weights");
  // several heads: head 2 differs from head 0 for the same token
  await page.selectOption("#example", { index: 3 });
  t.is(await page.$$eval("#head option", (o) => o.length), 4);
  await hover(3);
  const head0 = await weights();
  await page.selectOption("#head", "2");
  await hover(3);
  const head2 = await weights();
  t.notDeepEqual(head2, head0);
  await page.screenshot({ path: path.join(shots, "explorer-head2.png") });
  // the date translator: output characters over input characters
  await page.selectOption("#example", { index: 4 });
  await hover(0);
  const year = await weights();
  const yearAt = "monday march 5 1979".indexOf("1979");
  t.true(year.indexOf(Math.max(...year)) >= yearAt, `the first year digit reads the year: ${(await keyTexts()).join("")} ${year}`);
  await page.screenshot({ path: path.join(shots, "explorer-date.png") });
  // the Transformer: two decoder layers to choose from; in layer 1 every head writes the last day digit from the "5"
  await page.selectOption("#example", { index: (await page.$$eval("#example option", (o) => o.length)) - 1 });
  t.deepEqual(await page.$$eval("#layer option", (o) => o.map((e) => e.textContent)), ["decoder layer 0", "decoder layer 1"]);
  t.false(await page.$eval("#layer", (s) => (s as HTMLSelectElement).disabled));
  await page.selectOption("#layer", "1");
  await page.selectOption("#head", "3");
  await hover(9);
  const lastDigit = await weights();
  t.is(lastDigit.indexOf(Math.max(...lastDigit)), "monday march 5 1979".indexOf(" 5 ") + 1, "the last day digit reads the 5");
  await page.screenshot({ path: path.join(shots, "explorer-transformer.png") });
  t.deepEqual(refused, []);
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("the site works from a static web server too (index → lesson → explorer)", async (t) => {
  const server: Server = createServer((req, res) => {
    const file = path.join(out, decodeURIComponent(new URL(req.url!, "http://x").pathname));
    if (!file.startsWith(out) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [], refused: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.route("**/*", (route) => (route.request().url().startsWith(base) ? route.continue() : (refused.push(route.request().url()), route.abort())));
  try {
    await page.goto(`${base}/index.html`);
    await page.screenshot({ path: path.join(shots, "index.png") });
    await page.click(`a[href="${built.pages[1].file}"]`);
    const expected = built.pages[1].charts;
    await page.waitForFunction((n) => [...document.querySelectorAll(".js-plotly-plot")].filter((e) => e.querySelector(".main-svg")).length >= n, expected, { timeout: 30_000 });
    await page.click('header a[href="explorer.html"]');
    await page.locator("#heads g.query").first().hover();
    t.true((await page.$$eval("#heads g.key", (gs) => gs.filter((g) => g.getAttribute("data-weight")).length)) > 0);
    t.deepEqual(refused, []);
    t.deepEqual(errors, []);
  } finally {
    await page.close();
    server.close();
  }
});
