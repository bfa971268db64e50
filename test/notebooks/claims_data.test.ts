// The measured claims' data (notebooks/data/claims_*.json, written by `npm run train -- --model bottleneck|norms`)
// are reproducible from their seeds: the first steps retrained here give the stored losses digit for digit,
// and the script refuses what it does not know.
import test from "ava";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BOTTLENECK, trainCopy } from "../../scripts/claims/bottleneck.js";
import { VARIANTS, trainNorm } from "../../scripts/claims/norms.js";
import { claimOptions } from "../../scripts/train_claims.js";

const data = (file: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "../../notebooks/data", file), "utf8"));
const quiet = () => {};

test("the bottleneck curves: 30 retrained steps of both models repeat the stored losses", (t) => {
  const stored = data("claims_bottleneck.json");
  t.deepEqual(stored.recipe, BOTTLENECK, "the file was written with the recipe in scripts/claims/bottleneck.ts");
  for (const run of stored.runs) {
    const again = trainCopy(run.kind, { ...BOTTLENECK, steps: 30 }, quiet).curve.map((p) => p.loss);
    t.deepEqual(again, run.curve.slice(0, 30).map((p: { loss: number }) => p.loss), run.kind);
  }
});

test("the norm curves: 3 retrained steps of each variant repeat the stored losses and rates", (t) => {
  const stored = data("claims_norms.json");
  t.is(stored.runs.length, VARIANTS.length);
  for (const [k, v] of VARIANTS.entries()) {
    const again = trainNorm(v, 3, quiet).curve;
    t.deepEqual(again, stored.runs[k].curve.slice(0, 3), `${v.norm}-norm, warm-up ${v.warmup}`);
  }
});

test("train_claims refuses an unknown model or option and a bad step count", (t) => {
  t.throws(() => claimOptions(["--model", "gpt"]), { message: /--model must be one of bottleneck, norms, got "gpt"/ });
  t.throws(() => claimOptions(["--model", "norms", "--stepz", "3"]), { message: /unknown option --stepz/ });
  t.throws(() => claimOptions(["--model", "norms", "--steps", "2.5"]), { message: /--steps must be a whole number/ });
  t.throws(() => claimOptions(["--model"]), { message: /--model needs a value/ });
  t.is(claimOptions(["--model", "bottleneck", "--steps", "40"]).steps, 40);
});
