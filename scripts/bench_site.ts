// `npx tsx scripts/bench_site.ts [--runs N]`: Run all per lesson, in the page vs the kernel, in one session.
// The kernel: scripts/run_notebooks.py (the sum of its cells, and the kernel's start), which also writes the
// executed notebooks (.out/executed/) the site is built from. The page: the site built into .out/bench-site/
// and opened from disk in headless Chromium, each lesson in a fresh page — "cold": Run all clicked on a page
// whose runner has not started (loading it is part of the time); "started": the runner started first (as
// hovering a Run button does), then Run all. Also what a page transfers before the first Run and the site's
// size. Prints a markdown table with the load average before and after.
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
const kernelRun = await $({ cwd: root, env: jupyterEnv(), quiet: true })`${jupyterPython()} scripts/run_notebooks.py --runs ${runs} --save ${executed} ${names.map((f) => `notebooks/${f}`)}`;
const reports = JSON.parse(kernelRun.stdout) as { path: string; kernel_start_s: number; cells: { seconds: number }[]; failures: unknown[] }[][];
const kernel = new Map(names.map((n) => [n, reports.map((run) => run.find((r) => r.path.endsWith(n))!).map((r) => ({ cells: r.cells.reduce((s, c) => s + c.seconds, 0), start: r.kernel_start_s }))]));
loads.push(load());

rmSync(out, { recursive: true, force: true });
await buildSite(out, executed);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = { cold: new Map<string, number[]>(), started: new Map<string, number[]>() };
let before = 0;
for (let r = 0; r < runs; r++) {
  for (const n of names) {
    for (const mode of ["cold", "started"] as const) {
      const p = await browser.newPage();
      const bytes: number[] = [];
      if (n.startsWith("02") && mode === "cold" && r === 0) p.on("response", (res) => void res.body().then((b) => bytes.push(b.length), () => {}));
      await p.goto(`file://${path.join(out, n.replace(".ipynb", ".html"))}`);
      await p.waitForFunction(() => "attentionKitLive" in window);
      if (bytes.length) { await p.waitForTimeout(500); before = bytes.reduce((a, b) => a + b, 0); }
      if (mode === "started") {
        await p.hover("button.run-all");
        await p.waitForFunction(() => /^ready/.test(document.querySelector(".live-bar span")?.textContent ?? ""), undefined, { timeout: 120_000 });
      }
      const s = await p.evaluate(() => (window as unknown as { attentionKitLive: { runAll(): Promise<number> } }).attentionKitLive.runAll());
      const errors = await p.evaluate(() => (window as unknown as { attentionKitLive: { cells: { texts: { type: string }[] }[] } }).attentionKitLive.cells.filter((c) => c.texts.some((t) => t.type === "error")).length);
      if (errors) console.error(`[bench_site] ${n} (${mode}): ${errors} cells with an error`);
      (page[mode].get(n) ?? page[mode].set(n, []).get(n)!).push(s);
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
const cold = names.map((n) => median(page.cold.get(n)!)), started = names.map((n) => median(page.started.get(n)!));
console.log([
  `load average (1, 5, 15 min) at the start, after the kernel, at the end: ${loads.join(" → ")}; ${os.cpus().length} cores; median of ${runs} run(s)`,
  "",
  `| lesson | ${lessons.join(" | ")} |`,
  `|---|${lessons.map(() => "---").join("|")}|`,
  row("kernel: its cells", k),
  row("kernel: start + cells", k.map((x, i) => x + ks[i])),
  row("page, runner started", started),
  row("page, cold (loads the runner)", cold),
  `| started ÷ kernel cells | ${started.map((x, i) => `${(x / k[i]).toFixed(1)}×`).join(" | ")} |`,
  `| cold ÷ (kernel start + cells) | ${cold.map((x, i) => `${(x / (k[i] + ks[i])).toFixed(1)}×`).join(" | ")} |`,
  "",
  `02-self-attention.html transfers ${(before / 1e6).toFixed(2)} MB before the first Run; the first Run adds live/worker.js ${live("worker.js")} MB, live/files.js ${live("files.js")} MB, live/types.js ${live("types.js")} MB; the whole site is ${(size(out) / 1e6).toFixed(1)} MB`,
].join("\n"));
