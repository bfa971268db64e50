// Lesson 06's shipped weights: training is deterministic (same recipe, same bytes), the shipped curves start
// as the recipe trains today (so the files come from this code and these recipes), the weights load and
// score on their test sets what their curve files recorded, and a malformed file is refused by name.
import test from "ava";
import { readFileSync } from "node:fs";
import { APP_MODELS, APP_RECIPES } from "../../lib/apps/recipes.js";
import { evaluateApp, loadApp, trainApp } from "../../lib/apps/train_app.js";
import { throwsWith } from "../helpers.js";

const data = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../notebooks/data/${file}`, import.meta.url), "utf8"));
type Curve = { model: string; steps: number; testAccuracy: number; losses: number[] };

for (const model of APP_MODELS) {
  test(`${model}: the same recipe trains the same bytes twice`, (t) => {
    const a = trainApp(model, { steps: 4 }), b = trainApp(model, { steps: 4 });
    t.is(JSON.stringify(a.weights), JSON.stringify(b.weights));
    t.deepEqual(a.losses, b.losses);
    t.true(a.losses.every(Number.isFinite));
  });

  test(`${model}: the shipped curve is the recipe's (its first 10 losses as trained now, its step count) and the weights score what it says`, (t) => {
    const curve = data(`lesson06_${model}_curve.json`) as Curve;
    t.is(curve.steps, APP_RECIPES[model].steps);
    t.is(curve.losses.length, curve.steps);
    t.deepEqual(trainApp(model, { steps: 10 }).losses.map((l) => Number(l.toFixed(4))), curve.losses.slice(0, 10));
    const m = loadApp(model, data(`lesson06_${model}.json`));
    // the file keeps 9 significant digits: a rounding can move at most a rare argmax
    t.true(Math.abs(evaluateApp(model, m) - curve.testAccuracy) <= 0.005, `${evaluateApp(model, m)} vs ${curve.testAccuracy}`);
  });
}

test("loadApp refuses another model's file, a missing parameter and a non-finite value, naming what is wrong", (t) => {
  const vit = data("lesson06_vit.json") as { params: Record<string, { data: number[] }> };
  throwsWith(t, () => loadApp("caption", vit), "loadApp(caption)", "lesson06-caption", "lesson06-vit");
  const missing = structuredClone(vit);
  delete missing.params["head.w"];
  throwsWith(t, () => loadApp("vit", missing), "loadApp(vit)", "head.w");
  const nan = structuredClone(vit);
  nan.params.cls.data[0] = Number.NaN;
  throwsWith(t, () => loadApp("vit", nan), "loadApp(vit)", "cls", "finite");
  throwsWith(t, () => loadApp("vit", null), "loadApp(vit)", "null");
});
