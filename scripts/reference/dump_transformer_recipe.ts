// Writes everything scripts/reference/train_transformer_torch.py needs to repeat `npm run train -- --model
// transformer` in PyTorch without re-implementing the date generator: the recipe, the vocabularies, the
// training / validation / test pairs, the initial weights by name, the positional encoding and the batch order
// (the pairs' indices per step, from the same seeded Rng as lib/seq2seq/train.ts). Usage: tsx this.ts OUT.json [--steps N]
import { writeFileSync } from "node:fs";
import { Rng } from "../../lib/random.js";
import { FORMATS, datePairs, heldOutPairs, type DatePair } from "../../lib/seq2seq/dates.js";
import { epochBatches } from "../../lib/seq2seq/train.js";
import { TRANSFORMER_TRAINING as R } from "../../lib/seq2seq/recipe.js";
import { DateTransformer } from "../../lib/seq2seq/transformer_model.js";
import { positionalEncoding } from "../../lib/positional_encoding.js";
import { INPUT_CHARS, MAX_INPUT_LENGTH, OUTPUT_CHARS, START } from "../../lib/seq2seq/vocab.js";

const args = process.argv.slice(2);
const outFile = args[0];
if (!outFile || outFile.startsWith("--")) throw new Error("dump_transformer_recipe: usage: tsx dump_transformer_recipe.ts OUT.json [--steps N]");
for (let i = 1; i < args.length; i += 2) if (args[i] !== "--steps") throw new Error(`dump_transformer_recipe: unknown option ${args[i]}`);
const steps = args.includes("--steps") ? Number(args[args.indexOf("--steps") + 1]) : R.maxSteps;
if (!Number.isInteger(steps) || steps < 1) throw new Error(`dump_transformer_recipe: --steps must be a positive integer, got ${steps}`);

const seed = R.seed;
const pairs = datePairs(R.pairs, { seed });
const seen = new Set(pairs.map((p) => p.human));
const validation = heldOutPairs(R.validationPerFormat, seed + 1, seen);
const test = heldOutPairs(R.testPerFormat, seed + 2, seen);
// the same draws, in the same order, as train(): the model's init first, then the epochs' shuffles
const rng = new Rng(seed);
const model = new DateTransformer(R.config, rng);
const index = new Map<DatePair, number>(pairs.map((p, i) => [p, i]));
const batches: number[][] = [];
let epoch: DatePair[][] = [];
for (let s = 0; s < steps; s++) {
  if (epoch.length === 0) epoch = epochBatches(pairs, R.batchSize, rng);
  batches.push(epoch.pop()!.map((p) => index.get(p)!));
}
const pe = positionalEncoding(MAX_INPUT_LENGTH, R.config.dModel);
const pick = (ps: DatePair[]) => ps.map((p) => [p.human, p.iso, p.format]);
writeFileSync(outFile, JSON.stringify({
  recipe: { ...R, config: R.config }, steps, formats: FORMATS,
  vocab: { input: INPUT_CHARS, output: OUTPUT_CHARS, start: START, maxInputLength: MAX_INPUT_LENGTH },
  train: pick(pairs), validation: pick(validation), test: pick(test), batches,
  pe: { rows: pe.rows, cols: pe.cols, data: Array.from(pe.data) },
  params: Object.fromEntries(Object.entries(model.params).map(([k, p]) => [k, { rows: p.rows, cols: p.cols, data: Array.from(p.value.data) }])),
}));
console.error(`dump_transformer_recipe: wrote ${outFile} (${pairs.length} training pairs, ${steps} steps of batches)`);
