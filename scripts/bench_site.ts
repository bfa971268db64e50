// `npx tsx scripts/bench_site.ts [--runs N]`: Run all per lesson, in the page vs the kernel, in one session.
// The kernel: scripts/run_notebooks.py (the sum of its cells, and the kernel's start), which also writes the
// executed notebooks (.out/executed/) the site is built from: "fresh" with KERNEL_CHECK_CACHE=0 (every cell
// type-checked, as on a learner's first run), "cached" with the kernel's on-disk cache of clean checks (a
// notebook run again). The page: the site built into .out/bench-site/ and opened from disk in headless
// Chromium, each lesson in a fresh browser context — "cold": Run all clicked on a page whose runner has not
// started (loading it is part of the time); "started": the runner started first (as hovering a Run button
// does), then Run all; "again": that page reloaded, the runner started, Run all (the clean checks reused).
// Also what a page transfers before the first Run and the site's size. Prints a markdown table with the load
// average at the start, between the parts and at the end.
import { $ } from "zx";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../env/chromium.js";
import { jupyterEnv, jupyterPython } from "../env/jupyter.js";
import { buildSite, notebookNames, root } from "../site/build.js";
import { scriptOptions } from "./options.js";

const args = scriptOptions("bench_site", { runs: "value" });
const runs = Number(args.runs ?? 1);
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");
const loads = [load()];
const executed = path.join(root, ".out", "executed"), out = path.join(root, ".out", "bench-site");
mkdirSync(executed, { recursive: true });

const names = notebookNames();
type Report = { path: string; kernel_start_s: number; cells: { seconds: number }[]; failures: unknown[] }[][];
const kernelRuns = async (cache: boolean) => {
  const r = await $({ cwd: root, env: { ...jupyterEnv(), KERNEL_CHECK_CACHE: cache ? "1" : "0" }, quiet: true })`${jupyterPython()} scripts/run_notebooks.py --runs ${runs} --save ${executed} ${names.map((f) => `notebooks/${f}`)}`;
  const reports = JSON.parse(r.stdout) as Report;
  return new Map(names.map((n) => [n, reports.map((run) => run.find((x) => x.path.endsWith(n))!).map((x) => ({ cells: x.cells.reduce((s, c) => s + c.seconds, 0), start: x.kernel_start_s }))]));
};
const kernel = await kernelRuns(false);
loads.push(load());
await kernelRuns(true); // fills the cache (a no-op when it is full already)
const kernelCached = await kernelRuns(true);
loads.push(load());

rmSync(out, { recursive: true, force: true });
await buildSite(out, executed);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = { cold: new Map<string, number[]>(), started: new Map<string, number[]>(), again: new Map<string, number[]>() };
const started = async (p: import("playwright-core").Page) => {
  await p.hover("button.run-all");
  await p.waitForFunction(() => /^ready/.test(document.querySelector(".live-bar span")?.textContent ?? ""), undefined, { timeout: 120_000 });
};
const runAll = (p: import("playwright-core").Page) => p.evaluate(() => (window as unknown as { attentionKitLive: { runAll(): Promise<number> } }).attentionKitLive.runAll());
let before = 0;
for (let r = 0; r < runs; r++) {
  for (const n of names) {
    for (const mode of ["cold", "started"] as const) {
      const p = await browser.newPage(); // a context of its own: no clean checks remembered
      const bytes: number[] = [];
      if (n.startsWith("02") && mode === "cold" && r === 0) p.on("response", (res) => void res.body().then((b) => bytes.push(b.length), () => {}));
      await p.goto(`file://${path.join(out, n.replace(".ipynb", ".html"))}`);
      await p.waitForFunction(() => "attentionKitLive" in window);
      if (bytes.length) { await p.waitForTimeout(500); before = bytes.reduce((a, b) => a + b, 0); }
      if (mode === "started") await started(p);
      const s = await runAll(p);
      const errors = await p.evaluate(() => (window as unknown as { attentionKitLive: { cells: { texts: { type: string }[] }[] } }).attentionKitLive.cells.filter((c) => c.texts.some((t) => t.type === "error")).length);
      if (errors) console.error(`[bench_site] ${n} (${mode}): ${errors} cells with an error`);
      (page[mode].get(n) ?? page[mode].set(n, []).get(n)!).push(s);
      if (mode === "started") {
        await p.reload();
        await p.waitForFunction(() => "attentionKitLive" in window);
        await started(p);
        (page.again.get(n) ?? page.again.set(n, []).get(n)!).push(await runAll(p));
      }
      await p.close();
    }
  }
}
await browser.close();
loads.push(load());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(1);
const size = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? size(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0);
const live = (file: string) => (statSync(path.join(out, "live", file)).size / 1e6).toFixed(2);
const lessons = names.map((n) => n.slice(0, 2));
const row = (label: string, xs: number[]) => `| ${label} | ${xs.map(f).join(" | ")} |`;
const k = names.map((n) => median(kernel.get(n)!.map((x) => x.cells))), ks = names.map((n) => median(kernel.get(n)!.map((x) => x.start)));
const kc = names.map((n) => median(kernelCached.get(n)!.map((x) => x.cells)));
const cold = names.map((n) => median(page.cold.get(n)!)), warm = names.map((n) => median(page.started.get(n)!)), again = names.map((n) => median(page.again.get(n)!));
console.log([
  `load average (1, 5, 15 min) at the start, after the kernel, at the end: ${loads.join(" → ")}; ${os.cpus().length} cores; median of ${runs} run(s)`,
  "",
  `| lesson | ${lessons.join(" | ")} |`,
  `|---|${lessons.map(() => "---").join("|")}|`,
  row("kernel, fresh: its cells", k),
  row("kernel, fresh: start + cells", k.map((x, i) => x + ks[i])),
  row("kernel, cached checks: its cells", kc),
  row("page, cold (loads the runner)", cold),
  row("page, runner started", warm),
  row("page, again (checks reused)", again),
  `| cold ÷ kernel fresh (start + cells) | ${cold.map((x, i) => `${(x / (k[i] + ks[i])).toFixed(1)}×`).join(" | ")} |`,
  `| started ÷ kernel fresh cells | ${warm.map((x, i) => `${(x / k[i]).toFixed(1)}×`).join(" | ")} |`,
  `| again ÷ kernel cached cells | ${again.map((x, i) => `${(x / kc[i]).toFixed(1)}×`).join(" | ")} |`,
  "",
  `02-self-attention.html transfers ${(before / 1e6).toFixed(2)} MB before the first Run; the first Run adds live/worker.js ${live("worker.js")} MB, live/files.js ${live("files.js")} MB, live/types.js ${live("types.js")} MB; the whole site is ${(size(out) / 1e6).toFixed(1)} MB`,
].join("\n"));
