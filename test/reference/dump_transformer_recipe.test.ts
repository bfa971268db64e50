// The dump that scripts/reference/train_transformer_torch.py trains from holds the recipe's data and start.
import test from "ava";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const out = path.join(mkdtempSync(path.join(os.tmpdir(), "dump-recipe-")), "recipe.json");
const epoch = Math.ceil(10_000 / 64); // batches in one epoch
execFileSync(process.execPath, ["--import=tsx", "scripts/reference/dump_transformer_recipe.ts", out, "--steps", String(epoch + 1)], { cwd: root, stdio: "pipe" });
const d = JSON.parse(readFileSync(out, "utf8")) as {
  train: [string, string, number][]; validation: [string, string, number][]; test: [string, string, number][];
  batches: number[][]; params: Record<string, { rows: number; cols: number; data: number[] }>;
};

test("the dump holds 44,779 initial weights, shaped as named", (t) => {
  t.is(Object.values(d.params).reduce((s, p) => s + p.data.length, 0), 44_779);
  for (const [k, p] of Object.entries(d.params)) t.is(p.data.length, p.rows * p.cols, k);
});

test("the 1,008 test dates are 112 per format and none is a training or validation text", (t) => {
  t.is(d.test.length, 1008);
  for (let f = 0; f < 9; f++) t.is(d.test.filter((p) => p[2] === f).length, 112);
  const seen = new Set([...d.train, ...d.validation].map((p) => p[0]));
  t.false(d.test.some((p) => seen.has(p[0])));
});

test("the first epoch's batches use every training pair once, then a new epoch starts", (t) => {
  t.is(d.batches.length, epoch + 1);
  const first = d.batches.slice(0, epoch).flat();
  t.is(first.length, 10_000);
  t.is(new Set(first).size, 10_000);
  t.true(d.batches.slice(0, epoch).filter((b) => b.length !== 64).length <= 1); // one short batch at most (10,000 = 156·64 + 16)
});
