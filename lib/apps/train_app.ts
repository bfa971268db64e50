// Trains, evaluates, saves and loads lesson 06's four models from their recipes (recipes.ts). Deterministic:
// the same recipe gives the same bytes (a test trains twice and compares).
import { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { APP_RECIPES, appData, charConfig, VIT_CONFIG, CAPTIONER_CONFIG, type AppModel } from "./recipes.js";
import { VisionTransformer, type VitConfig } from "./vision_transformer.js";
import { Captioner, type CaptionerConfig } from "./captioner.js";
import { CharTransformer, MASK, type CharConfig } from "./char_transformer.js";
import { gptLoss, gptGenerate } from "./gpt.js";
import { bertLoss, bertFill } from "./bert.js";
import { fit } from "./fit.js";
import { paramList } from "./token_embedding.js";
import { loadWeights, savedConfig, weightsJSON, type WeightsFile } from "./weights.js";

export type AppModelOf<M extends AppModel> = M extends "vit" ? VisionTransformer : M extends "caption" ? Captioner : CharTransformer;
type AnyConfig = VitConfig | CaptionerConfig | CharConfig;
const KIND = (m: AppModel) => `lesson06-${m}`;

/** A fresh model with the recipe's configuration (or `config`), initialised from `rng`. */
export function createApp<M extends AppModel>(model: M, rng: Rng, config?: AnyConfig): AppModelOf<M> {
  if (model === "vit") return new VisionTransformer((config ?? VIT_CONFIG) as VitConfig, rng) as AppModelOf<M>;
  if (model === "caption") return new Captioner((config ?? CAPTIONER_CONFIG) as CaptionerConfig, rng) as AppModelOf<M>;
  if (model === "gpt" || model === "bert") return new CharTransformer((config ?? charConfig(model === "gpt")) as CharConfig, rng) as AppModelOf<M>;
  throw new Error(`createApp: model must be vit, caption, gpt or bert, got ${JSON.stringify(model)}`);
}

/** A model saved by `trainApp` (notebooks/data/lesson06_<model>.json). */
export function loadApp<M extends AppModel>(model: M, json: unknown): AppModelOf<M> {
  const fn = `loadApp(${model})`;
  const m = createApp(model, new Rng(1), savedConfig<AnyConfig>(json, KIND(model), fn));
  loadWeights(json, m.params, fn);
  return m;
}

/** The recipe's measure on its test set: class accuracy, exact captions, exact GPT translations, BERT fills. */
export function evaluateApp<M extends AppModel>(model: M, m: AppModelOf<M>): number {
  const test = appData(model, "test");
  const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
  if (model === "vit") {
    const { labels } = (m as VisionTransformer).classify(test.images!.map((x) => x.image));
    return share(labels.map((l, i) => l === test.images![i].label));
  }
  if (model === "caption") {
    const { words } = (m as Captioner).caption(test.pairs!.map((x) => x.image));
    return share(words.map((w, i) => w.join(" ") === `${test.pairs![i].caption} .`));
  }
  const texts = test.texts!;
  if (model === "gpt") return share(gptGenerate(m as CharTransformer, texts.map((t) => t.slice(0, 9))).map((o, i) => o === texts[i]));
  const masked = texts.map((t, i) => { const k = i % t.length; return t.slice(0, k) + MASK + t.slice(k + 1); }); // one gap per text, every position in turn
  return share(bertFill(m as CharTransformer, masked).map((o, i) => o === texts[i]));
}

export interface AppTraining<C> { weights: WeightsFile<C>; losses: number[]; testAccuracy: number; seconds: number }

/** Trains `model` by its recipe (`steps` overrides the recipe's count) and evaluates it once on its test set. */
export function trainApp(model: AppModel, o: { steps?: number } = {}): AppTraining<AnyConfig> {
  const R = APP_RECIPES[model], rng = new Rng(R.seed), m = createApp(model, rng), data = appData(model, "train");
  const n = data.images?.length ?? data.pairs?.length ?? data.texts!.length;
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const batchAt = (s: number) => Array.from({ length: R.batchSize }, (_, k) => order[(s * R.batchSize + k) % n]);
  const lossAt = (g: ad.Graph, s: number): ad.Node => {
    const idx = batchAt(s);
    if (model === "vit") return (m as VisionTransformer).loss(g, idx.map((i) => data.images![i].image), idx.map((i) => data.images![i].label));
    if (model === "caption") return (m as Captioner).loss(g, idx.map((i) => data.pairs![i].image), idx.map((i) => `${data.pairs![i].caption} .`));
    const texts = idx.map((i) => data.texts![i]);
    return model === "gpt" ? gptLoss(g, m as CharTransformer, texts) : bertLoss(g, m as CharTransformer, texts, rng);
  };
  const t0 = performance.now();
  const losses = fit(paramList(m.params), lossAt, { steps: o.steps ?? R.steps, lr: R.lr });
  const seconds = (performance.now() - t0) / 1000;
  return { weights: weightsJSON(KIND(model), m.config, m.params), losses, testAccuracy: evaluateApp(model, m), seconds };
}
