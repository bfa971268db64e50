// `npm run train -- --model vit|caption|gpt|bert` (scripts/train.ts hands these here): trains one of lesson
// 06's models by its recipe (lib/apps/recipes.ts), then writes notebooks/data/lesson06_<model>.json (weights)
// and lesson06_<model>_curve.json (loss per step, test accuracy, seconds). Same seed, same weight bytes.
//   -- --steps N (instead of the recipe's), --out DIR (default notebooks/data)
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { APP_MODELS, APP_RECIPES, type AppModel } from "../lib/apps/recipes.js";
import { trainApp } from "../lib/apps/train_app.js";

const argv = process.argv.slice(2);
const known = new Set(["--model", "--steps", "--out"]);
for (let i = 0; i < argv.length; i += 2) {
  if (!known.has(argv[i]) || argv[i + 1] === undefined) {
    console.error(`train: unknown option or missing value ${JSON.stringify(argv[i])} (lesson 06's models take --model, --steps N, --out DIR)`);
    process.exit(2);
  }
}
const value = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const model = value("model") as AppModel;
if (!APP_MODELS.includes(model)) { console.error(`train: --model must be one of ${APP_MODELS.join(", ")}, got ${JSON.stringify(model)}`); process.exit(2); }
const steps = Number(value("steps") ?? APP_RECIPES[model].steps);
if (!Number.isInteger(steps) || steps < 1) { console.error(`train: --steps must be a positive integer, got ${value("steps")}`); process.exit(2); }
const out = path.resolve(value("out") ?? path.join(import.meta.dirname, "..", "notebooks", "data"));

console.log(`[train ${model}] ${steps} steps, recipe ${JSON.stringify(APP_RECIPES[model])}`);
const r = trainApp(model, { steps });
console.log(`[train ${model}] ${steps} steps in ${r.seconds.toFixed(1)} s; test accuracy ${(100 * r.testAccuracy).toFixed(2)} %`);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, `lesson06_${model}.json`), JSON.stringify(r.weights) + "\n");
const curve = { model, steps, seconds: Number(r.seconds.toFixed(1)), testAccuracy: r.testAccuracy, losses: r.losses.map((l) => Number(l.toFixed(4))) };
writeFileSync(path.join(out, `lesson06_${model}_curve.json`), JSON.stringify(curve) + "\n");
console.log(`[train ${model}] wrote ${path.relative(process.cwd(), path.join(out, `lesson06_${model}.json`))} and lesson06_${model}_curve.json`);
