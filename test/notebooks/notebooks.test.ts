// Every notebook executes headless through Jupyter's own client (nbclient) with the project kernel, twice:
// no cell may fail, each `show(...)` must produce a chart, and both runs must give identical outputs.
import test from "ava";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { $ } from "zx";
import { findJupyter, jupyterEnv, root, kernelName } from "../../scripts/lib/jupyter.js";
import { chartsPerCodeCell } from "./charts.js";

interface CellOutput { output_type: string; name?: string; text?: string; data?: Record<string, unknown> }
interface Report { path: string; seconds: number; kernel_start_s: number; cells: { index: number; seconds: number }[]; failures: { cell: number; source: string; stderr: string }[]; outputs: CellOutput[][] }
interface Nb { cells: { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }[]; metadata: { kernelspec?: { name: string } } }

const dir = path.join(root, "notebooks");
const names = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const read = (f: string): Nb => JSON.parse(readFileSync(path.join(dir, f), "utf8"));

test("the course has notebooks 01–04", (t) => {
  for (const prefix of ["01-dot-product-similarity", "02-self-attention", "03-multi-head-attention", "04-bahdanau-seq2seq"]) t.true(names.includes(`${prefix}.ipynb`), prefix);
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
test.before(async () => {
  const jupyter = await findJupyter();
  if (!jupyter) throw new Error("Jupyter with nbclient not found: `npm test` installs it on Debian as root; see README");
  const files = names.map((f) => path.join("notebooks", f));
  const out = await $({ cwd: root, env: jupyterEnv(), quiet: true })`${jupyter.python} scripts/run_notebooks.py --runs 2 ${files}`;
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
    const bundles = runs[0][i].outputs.flat().filter((o) => String(o.data?.["text/html"] ?? "").length > 1e6);
    t.is(bundles.length, 1, "the plotly bundle is inlined exactly once");
  });

  test(`${f}: executing twice gives identical outputs`, (t) => {
    t.deepEqual(runs[1][i].outputs, runs[0][i].outputs);
  });
}
