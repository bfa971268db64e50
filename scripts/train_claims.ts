// `npm run train -- --model bottleneck|norms`: the experiments behind two measured claims of the course, too
// long for a notebook's time budget, written to notebooks/data/ for the notebooks to chart (both committed).
//   bottleneck (notebook 04): a GRU encoder–decoder copying digit strings of 2–20 digits, with a fixed
//     context and with Bahdanau attention; accuracy against length (scripts/claims/bottleneck.ts)
//   norms (notebook 05): the date Transformer, post-norm and pre-norm, with and without warm-up
//     (scripts/claims/norms.ts)
// Options: --steps N (default: the recipe's), --out DIR (default notebooks/data). Seeded: a rerun writes the
// same numbers (timings aside). One thread.
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { BOTTLENECK, accuracyByLength, trainCopy } from "./claims/bottleneck.js";
import { NORMS, VARIANTS, trainNorm } from "./claims/norms.js";
import { COPY_SIZES } from "./claims/copy_model.js";
import { parseOptions } from "./options.js";

export const CLAIM_MODELS = ["bottleneck", "norms"] as const;

/** Parses and checks the options; throws naming the bad one. */
export function claimOptions(argv: string[]) {
  const p = parseOptions("train_claims", { model: CLAIM_MODELS, steps: "integer", out: "value" }, argv);
  if (!p.model) throw new Error(`train_claims: --model must be one of ${CLAIM_MODELS.join(", ")}`);
  const o = { model: p.model, steps: Number(p.steps ?? 0), out: path.resolve(p.out ?? path.join(import.meta.dirname, "..", "notebooks", "data")) };
  if (o.steps < 0) throw new Error(`train_claims: --steps must be a whole number ≥ 1, got ${o.steps}`);
  return o;
}

/** Runs one experiment and writes its file; returns the file's path. */
export function runClaims(argv: string[], log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): string {
  const o = claimOptions(argv);
  mkdirSync(o.out, { recursive: true });
  if (o.model === "bottleneck") {
    const R = { ...BOTTLENECK, steps: o.steps || BOTTLENECK.steps };
    const runs = (["fixed", "attention"] as const).map((kind) => {
      const { model, curve, seconds } = trainCopy(kind, R, log);
      return { kind, seconds, curve, byLength: accuracyByLength(model, R, R.seed + 3) };
    });
    return write(o.out, "claims_bottleneck.json", { command: `npm run train -- --model bottleneck --steps ${R.steps}`, recipe: R, sizes: COPY_SIZES, runs });
  }
  const steps = o.steps || NORMS.steps;
  const runs = VARIANTS.map((v) => trainNorm(v, steps, log));
  return write(o.out, "claims_norms.json", { command: `npm run train -- --model norms --steps ${steps}`, recipe: { ...NORMS, steps }, runs });
}

function write(dir: string, file: string, data: object): string {
  const p = path.join(dir, file);
  writeFileSync(p, JSON.stringify(data) + "\n");
  return p;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  try {
    console.log(`[train] wrote ${runClaims(process.argv.slice(2))}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
