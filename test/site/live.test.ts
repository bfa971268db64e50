// The live lessons (site/worker/) in headless Chromium, every request outside the site refused: Run all gives
// each cell the kernel-executed notebook's text outputs and chart count; Stop ends `while (true) {}` within
// 2 s and the next Run works; accidents get clear answers; the reference solution pasted into the exercise
// editor scores every public point, a wrong one shows its inputs, a reload keeps the work; no solution
// reaches the site. From file:// and from a static server. Screenshots at 390 and 768 px go to .out/live/.
import test from "ava";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumArgs, chromiumMissing, chromiumPath } from "../../env/chromium.js";
import { buildSite, notebookNames, root } from "../../site/build.js";
import type { Notebook, Output } from "../../site/render.js";
import { executedNotebooks } from "./executed.js";
import { finishedFile } from "../../grader/generate.js";

const shots = path.join(root, ".out", "live");
const tmp = mkdtempSync(path.join(os.tmpdir(), "live-test-"));
const out = path.join(tmp, "site"), executed = path.join(tmp, "executed");
let browser: Browser;
let server: Server;
let base = "";
const runAllSeconds: Record<string, number> = {};

test.before(async () => {
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  await executedNotebooks(executed);
  await buildSite(out, executed);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  mkdirSync(shots, { recursive: true });
  const types: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".woff2": "font/woff2" };
  server = createServer((req, res) => {
    const file = path.join(out, decodeURIComponent(new URL(req.url!, "http://x").pathname));
    if (!file.startsWith(out) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
test.after.always(async () => {
  await browser?.close();
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
  if (Object.keys(runAllSeconds).length) console.log(`  Run all in the page (s): ${JSON.stringify(runAllSeconds)}`);
});

/** A lesson page from disk (or the server with `http`), refusing and recording every request outside the site. */
async function open(file: string, opts: { http?: boolean; width?: number } = {}): Promise<{ page: Page; errors: string[]; refused: string[] }> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1100, height: 900 } });
  const errors: string[] = [], refused: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const inside = opts.http ? base : "file:";
  await page.route("**/*", (route) => (route.request().url().startsWith(inside) || route.request().url().startsWith("blob:") ? route.continue() : (refused.push(route.request().url()), route.abort())));
  await page.goto(opts.http ? `${base}/${file}` : `file://${path.join(out, file)}`);
  await page.waitForFunction(() => "attentionKitLive" in window);
  return { page, errors, refused };
}

interface CellText { stdout: string; stderr: string; results: string[]; errors: string[]; charts: number }
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : s ?? "");

/** What the kernel printed and returned in each code cell of an executed notebook. */
function kernelTexts(nb: Notebook): CellText[] {
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => {
    const o: Output[] = c.outputs ?? [];
    return {
      stdout: o.filter((x) => x.output_type === "stream" && x.name === "stdout").map((x) => joined(x.text)).join(""),
      stderr: o.filter((x) => x.output_type === "stream" && x.name === "stderr").map((x) => joined(x.text)).join(""),
      results: o.filter((x) => x.output_type === "execute_result").map((x) => joined(x.data?.["text/plain"] as string)),
      errors: o.filter((x) => x.output_type === "error").map((x) => `${x.ename}: ${x.evalue}`),
      charts: o.filter((x) => x.data?.["application/vnd.plotly.v1+json"]).length,
    };
  });
}

/** Runs every cell in the page; what each cell printed and returned, and the seconds Run all took. */
async function runAll(page: Page): Promise<{ cells: CellText[]; seconds: number }> {
  return page.evaluate(async () => {
    const live = (window as unknown as { attentionKitLive: { runAll(): Promise<number>; cells: { texts: { type: string; text: string }[]; charts: number }[] } }).attentionKitLive;
    const seconds = await live.runAll();
    return {
      seconds,
      cells: live.cells.map((c) => ({
        stdout: c.texts.filter((x) => x.type === "stream:stdout").map((x) => x.text).join(""),
        stderr: c.texts.filter((x) => x.type === "stream:stderr").map((x) => x.text).join(""),
        results: c.texts.filter((x) => x.type === "result").map((x) => x.text),
        errors: c.texts.filter((x) => x.type === "error").map((x) => x.text.split("\n")[0]),
        charts: c.charts,
      })),
    };
  });
}

for (const name of notebookNames()) {
  const file = name.replace(".ipynb", ".html");
  test.serial(`${file}: Run all in the page gives the kernel's text outputs, cell by cell, and its charts`, async (t) => {
    const want = kernelTexts(JSON.parse(readFileSync(path.join(executed, name), "utf8")) as Notebook);
    const { page, errors, refused } = await open(file);
    const got = await runAll(page);
    runAllSeconds[name.slice(0, 2)] = Number(got.seconds.toFixed(1));
    t.is(got.cells.length, want.length, "code cells");
    want.forEach((w, i) => t.deepEqual(got.cells[i], w, `code cell ${i + 1}`));
    t.is(await page.$$eval(".live-chart .main-svg", (els) => els.length) > 0, want.some((w) => w.charts > 0), "charts drawn by the page's plotly.js");
    t.deepEqual(refused, []);
    t.deepEqual(errors, []);
    for (const width of [390, 768]) {
      await page.setViewportSize({ width, height: 844 });
      // phone-wide: every chart's legend goes below the plot (fitCharts relayouts them on the resize)
      if (width === 390) await page.waitForFunction(() => [...document.querySelectorAll(".js-plotly-plot")].every((e) => (e as unknown as { layout?: { legend?: { orientation?: string } } }).layout?.legend?.orientation === "h"), undefined, { timeout: 10_000 });
      await page.locator(".live-chart").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `${file.replace(".html", "")}-${width}.png`) });
    }
    await page.close();
  });
}

test.serial("a lesson run again in this browser reuses its clean type checks (the kernel's cache, in localStorage): the same outputs, and an error is still found", async (t) => {
  const want = kernelTexts(JSON.parse(readFileSync(path.join(executed, "02-self-attention.ipynb"), "utf8")) as Notebook);
  const { page, errors } = await open("02-self-attention.html");
  const first = await runAll(page);
  const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem("attention-kit:clean-checks") ?? "[]").length);
  t.is(remembered, want.length, "one clean check per cell");
  await page.reload();
  await page.waitForFunction(() => "attentionKitLive" in window);
  const again = await runAll(page);
  want.forEach((w, i) => t.deepEqual(again.cells[i], w, `code cell ${i + 1}`));
  t.is(await page.evaluate(() => JSON.parse(localStorage.getItem("attention-kit:clean-checks") ?? "[]").length), remembered, "nothing new to remember");
  console.log(`  02 Run all: ${first.seconds.toFixed(1)} s, then ${again.seconds.toFixed(1)} s with the clean checks reused`);
  // an edited cell is a new key: checked afresh, its error found; so is a cell after it (its scope changed)
  t.regex(await runCode(page, 1, "const broken: number = 'x';"), /TypeScriptError: line 1: Type 'string' is not assignable to type 'number'/);
  t.deepEqual(errors, []);
  await page.close();
});

/** Puts `code` into cell `i` and runs it; the cell's texts when done. */
const runCode = (page: Page, i: number, code: string) => page.evaluate(async ([i, code]) => {
  const live = (window as unknown as { attentionKitLive: { cells: { area: HTMLTextAreaElement; texts: { type: string; text: string }[] }[]; runCell(c: unknown): Promise<boolean> } }).attentionKitLive;
  const c = live.cells[i as number];
  c.area.value = code as string;
  await live.runCell(c);
  return c.texts.map((x) => `${x.type}: ${x.text}`).join("\n");
}, [i, code] as const);

test.serial("Stop ends `while (true) {}` within 2 s, and the next Run works", async (t) => {
  const { page, errors } = await open("00-attention-as-soft-lookup.html");
  t.regex(await runCode(page, 0, "const before = 41;\nbefore + 1"), /result: 42/);
  void runCode(page, 0, "let i = 0;\nwhile (true) { i++; }");
  await page.waitForSelector("section.code.running");
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.click("button.stop");
  await page.waitForSelector("section.code.running", { state: "detached", timeout: 2000 });
  t.true(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
  t.regex(await page.locator("section.code").first().innerText(), /Stopped: the runner was restarted/);
  t.regex(await runCode(page, 0, "const again = 6 * 7;\nagain"), /result: 42/);
  t.regex(await runCode(page, 1, "before"), /TypeScriptError: line 1: Cannot find name 'before'.*Run the cells above first/, "names from before the Stop are gone, and the missing name is named");
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("Stop while the runner is still loading: Run all ends at once, nothing runs later, and the next Run works", async (t) => {
  const { page, errors } = await open("00-attention-as-soft-lookup.html");
  // hold the runner's code back so the Stop lands while it loads (the other two scripts load meanwhile)
  await page.route("**/live/worker.js", async (route) => { await new Promise((r) => setTimeout(r, 2000)); await route.fallback(); });
  const started = Date.now();
  const runAll = page.evaluate(() => (window as unknown as { attentionKitLive: { runAll(): Promise<number> } }).attentionKitLive.runAll());
  await page.waitForFunction(() => /loading the runner/.test(document.querySelector(".live-bar")?.textContent ?? ""));
  await page.click("button.stop");
  await runAll;
  t.true(Date.now() - started < 1800, `Run all ended ${Date.now() - started} ms after it started, not when the runner had loaded`);
  const state = () => page.evaluate(() => ({
    running: document.querySelectorAll("section.code.running").length,
    prompts: [...document.querySelectorAll("section.code .prompt")].map((p) => p.textContent).filter((p) => p === "In [*]:").length,
    texts: (window as unknown as { attentionKitLive: { cells: { texts: unknown[] }[] } }).attentionKitLive.cells.reduce((n, c) => n + c.texts.length, 0),
    bar: document.querySelector(".live-bar")?.textContent ?? "",
  }));
  t.like(await state(), { running: 0, prompts: 0, texts: 0 });
  await page.waitForTimeout(3500); // the held script has arrived: the abandoned runner must not start cells or take the bar
  const later = await state();
  t.like(later, { running: 0, prompts: 0, texts: 0 });
  t.regex(later.bar, /stopped/);
  await page.unroute("**/live/worker.js");
  t.regex(await runCode(page, 0, "const x = 6 * 7;\nx"), /result: 42/);
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("accidents get clear answers: a syntax error with its line, a flood of lines, a huge value, a throw in a timer, a runtime error's line", async (t) => {
  const { page, errors } = await open("00-attention-as-soft-lookup.html");
  t.regex(await runCode(page, 0, "const a = 1;\nconst b = (2;\n"), /^error: SyntaxError: line 2: '\)' expected/);
  t.regex(await runCode(page, 0, "const s = 1;\nconst n: string = s;"), /^error: TypeScriptError: line 2: Type 'number' is not assignable to type 'string'.*\nCell In\[\d+\], line 2: error TS2322/, "a type error, with its line");
  t.regex(await runCode(page, 1, "const x: number = 3;"), /^$/, "the cell that failed its check defined nothing; a later cell still runs");
  t.regex(await runCode(page, 2, "x.toFixed(1)"), /result: 3\.0/, "a later cell sees an earlier cell's typed name");
  t.regex(await runCode(page, 2, "x.nope"), /Property 'nope' does not exist on type 'number'/);
  t.regex(await runCode(page, 0, "const a = 1;\nconst b = (2;\n"), /Cell In\[\d+\], line 2: error TS\d+/);
  const flood = await runCode(page, 0, "for (let i = 0; i < 20000; i++) console.log(`line ${i}`);");
  t.regex(flood, /line 1999\n/);
  t.notRegex(flood, /line 2000\n/);
  t.regex(flood, /output truncated: 18,000 more lines not shown/);
  const huge = await runCode(page, 0, "new Float64Array(1_000_000).fill(0.5)");
  t.regex(huge, /Float64Array\(1000000\)/);
  t.regex(huge, /999900 more items/);
  t.true(huge.length < 10_000, `${huge.length} characters shown`);
  const timer = await page.evaluate(async () => {
    const live = (window as unknown as { attentionKitLive: { cells: { area: HTMLTextAreaElement; texts: { type: string; text: string }[] }[]; runCell(c: unknown): Promise<boolean> } }).attentionKitLive;
    const c = live.cells[0];
    c.area.value = 'setTimeout(() => { throw new Error("late failure"); }, 50);\n"scheduled"';
    await live.runCell(c);
    await new Promise((r) => setTimeout(r, 500));
    return c.texts.map((x) => `${x.type}: ${x.text}`).join("\n");
  });
  t.regex(timer, /Error: late failure \(in a timer or callback\)/);
  t.regex(await runCode(page, 0, "const m: number[][] = [[1]];\n\nm[3][0];"), /TypeError: Cannot read properties of undefined.*\n\s+Cell In\[\d+\], line 3/, "a runtime error, with the cell's line");
  t.regex(await runCode(page, 0, 'import { x } from "../lib/nope.js";'), /Cannot find module '..\/lib\/nope.js'/);
  t.regex(await runCode(page, 0, 'const m = await import("node:" + "net");'), /Cannot find module 'node:net': in the browser a cell can import/);
  t.regex(await runCode(page, 0, "const w = await Promise.resolve(5);\nw * 2"), /result: 10/, "top-level await");
  t.regex(await page.evaluate(() => (window as unknown as { attentionKitLive: { backend(): string } }).attentionKitLive.backend()), /^WebAssembly kernels/, "lib's WebAssembly backend runs in the worker");
  t.regex(await runCode(page, 0, 'import assert from "node:assert/strict";\nconst weights = [0.7, 0.3];\nassert.ok(weights[1] > weights[0], "the second key should win");'), /AssertionError: the second key should win\n\s+Cell In\[\d+\], line 3/, "a broken claim says which");
  t.deepEqual(errors, []);
  await page.close();
});

const solution = (file: string) => readFileSync(path.join(root, "solutions", file), "utf8");
/** What a learner who finished the lesson has in exercises/<file>: the stub with the reference bodies. */
const finished = (file: string) => finishedFile(root, file);

test.serial("the reference solution pasted into the exercise editor scores every public point; a wrong answer shows its inputs; a reload keeps the work", async (t) => {
  const { page, errors } = await open("01-dot-product-similarity.html");
  const editor = page.locator("textarea.exercise-editor");
  const check = async () => {
    await page.click("button.check");
    await page.waitForFunction(() => /points/.test(document.querySelector(".check-output")?.textContent ?? ""));
    return page.locator(".check-output").innerText();
  };
  t.regex(await check(), /0 \/ 4 points.*public cases/);
  t.regex(await check(), /not started/);
  await editor.fill(finished("01_similarity.ts"));
  const full = await check();
  t.regex(full, /3 of 3 exercises done/);
  t.regex(full, /4 \/ 4 points/);
  const wrong = finished("01_similarity.ts").replace(/export function dot\(([^)]*)\): number \{/, "export function dot($1): number {\n  return 0;");
  t.not(wrong, finished("01_similarity.ts"));
  await editor.fill(wrong);
  const report = await check();
  t.regex(report, /2 need work/);
  for (const width of [390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    await page.locator(".check-output").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `exercise-check-${width}.png`) });
  }
  t.regex(report, /✗ dot.*\n.*expected 32, got 0.*\n\s+a = \[1, 2, 3\]\n\s+b = \[4, 5, 6\]\n\s+hint: /, "the inputs, expected and got, and the hint");
  await page.reload();
  await page.waitForFunction(() => "attentionKitLive" in window);
  t.is(await page.locator("textarea.exercise-editor").inputValue(), wrong, "the editor's text survives a reload");
  const inPage = await check();
  t.regex(inPage, /2 need work/);
  // "Download my exercises" → exercises.zip, graded by `npm run grade` exactly as the page graded it
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("button.download")]);
  const dir = path.join(tmp, "download");
  await download.saveAs(path.join(tmp, "exercises.zip"));
  execFileSync("python3", ["-m", "zipfile", "-e", path.join(tmp, "exercises.zip"), dir]);
  t.deepEqual(readdirSync(path.join(dir, "exercises")).sort(), readdirSync(path.join(root, "exercises")).filter((f) => f.endsWith(".ts")).sort());
  t.is(readFileSync(path.join(dir, "exercises", "01_similarity.ts"), "utf8"), wrong);
  const graded = execFileSync(process.execPath, ["--import=tsx", path.join(root, "scripts", "grade.ts"), "--submission", path.join(dir, "exercises"), "--only", "01"], { cwd: root, encoding: "utf8" });
  const verdicts = (s: string) => s.split("\n").filter((l) => /^\s+[✓✗○] \w+\s+\d/.test(l)).map((l) => l.trim());
  t.deepEqual(verdicts(graded), verdicts(inPage), "the same verdicts and points per exercise");
  t.is(verdicts(inPage).length, 3);
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("Check refuses what npm run grade refuses, in its words: a borrowed library function, a type error", async (t) => {
  const { page, errors } = await open("01-dot-product-similarity.html");
  const check = async (text: string) => {
    await page.locator("textarea.exercise-editor").fill(text);
    await page.click("button.check");
    await page.waitForFunction(() => /points/.test(document.querySelector(".check-output")?.textContent ?? ""));
    return page.locator(".check-output").innerText();
  };
  const verdicts = (s: string) => s.split("\n").filter((l) => /^\s+[✓✗○] \w+\s+\d/.test(l) || /refused|does not type-check/.test(l)).map((l) => l.trim());
  const borrowed = `import { cosineSimilarity as cs } from "../lib/index.js";\n${finished("01_similarity.ts").replace(/export function cosineSimilarity\(([^)]*)\): number \{/, "export function cosineSimilarity($1): number {\n  return cs(a, b);")}`;
  const mistyped = `${finished("01_similarity.ts")}\nexport const oops: number = "not a number";\n`;
  for (const [text, why] of [[borrowed, /refused: line 1 imports cosineSimilarity from "..\/lib\/index.js"; 01_similarity.ts may not import anything/], [mistyped, /01_similarity.ts does not type-check: line \d+: Type 'string' is not assignable to type 'number'/]] as const) {
    const inPage = await check(text);
    t.regex(inPage, /0 \/ 4 points/);
    t.regex(inPage, why);
    const dir = mkdtempSync(path.join(tmp, "refused-"));
    writeFileSync(path.join(dir, "01_similarity.ts"), text);
    const graded = execFileSync(process.execPath, ["--import=tsx", path.join(root, "scripts", "grade.ts"), "--submission", dir, "--only", "01"], { cwd: root, encoding: "utf8" });
    t.deepEqual(verdicts(inPage), verdicts(graded), "the same verdicts, points and reasons as npm run grade");
  }
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("a lesson runs from a static web server too, with no request outside it; it transfers ≤ 2 MB before the first Run", async (t) => {
  const page0 = await browser.newPage();
  const bytes: number[] = [];
  page0.on("response", (r) => void r.body().then((b) => bytes.push(b.length), () => {}));
  await page0.goto(`${base}/02-self-attention.html`, { waitUntil: "networkidle" });
  await page0.waitForTimeout(300);
  const before = bytes.reduce((a, b) => a + b, 0);
  await page0.close();
  const { page, errors, refused } = await open("02-self-attention.html", { http: true });
  const want = kernelTexts(JSON.parse(readFileSync(path.join(executed, "02-self-attention.ipynb"), "utf8")) as Notebook);
  const got = await runAll(page);
  want.forEach((w, i) => t.deepEqual(got.cells[i], w, `code cell ${i + 1}`));
  t.deepEqual(refused, []);
  t.deepEqual(errors, []);
  await page.close();
  const size = (f: string) => statSync(path.join(out, f)).size;
  const site = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? site(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0);
  console.log(`  budget: 02-self-attention.html transfers ${(before / 1e6).toFixed(2)} MB before the first Run; the first Run adds live/worker.js ${(size("live/worker.js") / 1e6).toFixed(2)} MB and live/files.js ${(size("live/files.js") / 1e6).toFixed(2)} MB; the whole site is ${(site(out) / 1e6).toFixed(1)} MB`);
  t.true(before > 100_000 && before <= 2e6, `${before} bytes before the first Run`);
});

test("no reference solution reaches the site", (t) => {
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
  const site = files(out).filter((f) => /\.(html|js|json|css)$/.test(f)).map((f) => readFileSync(f, "utf8")).join("\n");
  let checked = 0;
  for (const f of readdirSync(path.join(root, "solutions")).filter((f) => f.endsWith(".ts"))) {
    for (const [, body] of solution(f).matchAll(/\/\/ BEGIN SOLUTION\n([\s\S]*?)\/\/ END SOLUTION/g)) {
      for (const line of body.split("\n").map((l) => l.trim()).filter((l) => l.length > 30)) {
        checked += 1;
        t.false(site.includes(line), `${f}: "${line}" is in the site`);
      }
    }
  }
  t.true(checked > 50, `${checked} solution lines looked for`);
  t.false(site.includes("BEGIN SOLUTION"));
});

const translate = (model: string, dates: string[]) => execFileSync(process.execPath, ["--import=tsx", path.join(root, "scripts", "translate.ts"), "--model", model], { input: `${dates.join("\n")}\n`, cwd: root, encoding: "utf8" }).trim().split("\n");

test.serial("the explorer translates typed dates as `npm run translate` does, and edited word features move the \"it\" head", async (t) => {
  const { page, errors, refused } = await open("explorer.html");
  const dates = ["tuesday june 8 2021", "8/6/21", "dec 24 1999"];
  for (const model of ["bahdanau", "transformer"]) {
    const want = translate(model, dates);
    for (const [i, date] of dates.entries()) {
      await page.fill("#date-text", date);
      await page.selectOption("#date-model", model);
      await page.click("#date-form button");
      await page.waitForFunction(() => /^→ /.test(document.getElementById("date-out")!.textContent ?? ""), undefined, { timeout: 60_000 });
      t.is(await page.locator("#date-out").innerText(), `→ ${want[i]}`, `${model}: ${date}`);
      await page.evaluate(() => { document.getElementById("date-out")!.textContent = ""; });
    }
  }
  t.true(await page.locator("#heads g.query").count() >= 10, "the last translation is drawn");
  await page.locator("#live-explorer details summary").click();
  await page.fill('input[data-word="street"][data-feature="0"]', "2");
  await page.waitForFunction(() => /“it” attends most to “street”/.test(document.getElementById("readout")!.textContent ?? ""), undefined, { timeout: 30_000 });
  for (const width of [390, 768]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: path.join(shots, `explorer-${width}.png`) });
  }
  t.deepEqual(refused, []);
  t.deepEqual(errors, []);
  await page.close();
});

test.serial("a runner that cannot load is said under the cell, and the next Run tries again", async (t) => {
  const { page } = await open("00-attention-as-soft-lookup.html");
  await page.route("**/live/worker.js", (route) => route.abort());
  t.regex(await runCode(page, 0, "1 + 1"), /error: Error: could not load live\/worker\.js/);
  await page.unroute("**/live/worker.js");
  await page.route("**/*", (route) => (route.request().url().startsWith("file:") || route.request().url().startsWith("blob:") ? route.continue() : route.abort()));
  t.regex(await runCode(page, 0, "1 + 1"), /result: 2/);
  await page.close();
});
