// `npm run train -- --model vit|caption|gpt|bert` (scripts/train.ts hands these here): trains one of lesson
// 06's models by its recipe (lib/apps/recipes.ts), then writes notebooks/data/lesson06_<model>.json (weights)
// and lesson06_<model>_curve.json (loss per step, test accuracy, seconds). Same seed, same weight bytes.
//   -- --steps N (instead of the recipe's), --out DIR (default notebooks/data)
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { APP_MODELS, APP_RECIPES, type AppModel } from "../lib/apps/recipes.js";
import { trainApp } from "../lib/apps/train_app.js";
import { scriptOptions } from "./options.js";

const options = scriptOptions("train", { model: APP_MODELS, steps: "integer", out: "value" }); // lesson 06's models take only these
if (!options.model) { console.error(`[train] --model must be one of ${APP_MODELS.join(", ")}`); process.exit(2); }
const model: AppModel = options.model;
const steps = Number(options.steps ?? APP_RECIPES[model].steps);
if (steps < 1) { console.error(`[train] --steps must be at least 1, got ${steps}`); process.exit(2); }
const out = path.resolve(options.out ?? path.join(import.meta.dirname, "..", "notebooks", "data"));

console.log(`[train ${model}] ${steps} steps, recipe ${JSON.stringify(APP_RECIPES[model])}`);
const r = trainApp(model, { steps });
console.log(`[train ${model}] ${steps} steps in ${r.seconds.toFixed(1)} s; test accuracy ${(100 * r.testAccuracy).toFixed(2)} %`);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, `lesson06_${model}.json`), JSON.stringify(r.weights) + "\n");
const curve = { model, steps, seconds: Number(r.seconds.toFixed(1)), testAccuracy: r.testAccuracy, losses: r.losses.map((l) => Number(l.toFixed(4))) };
writeFileSync(path.join(out, `lesson06_${model}_curve.json`), JSON.stringify(curve) + "\n");
console.log(`[train ${model}] wrote ${path.relative(process.cwd(), path.join(out, `lesson06_${model}.json`))} and lesson06_${model}_curve.json`);
