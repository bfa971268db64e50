// How lesson 06's four models are trained (`npm run train -- --model vit|caption|gpt|bert`) and the data each
// sees: every set is drawn from its own seed, so the test sets are never trained on.
import { datePairs } from "../seq2seq/dates.js";
import { shapeImages, pairImages, type ShapeImage, type PairImage } from "./shapes.js";
import { VIT_CONFIG } from "./vision_transformer.js";
import { CAPTIONER_CONFIG } from "./captioner.js";
import type { CharConfig } from "./char_transformer.js";

export const APP_MODELS = ["vit", "caption", "gpt", "bert"] as const;
export type AppModel = (typeof APP_MODELS)[number];

export interface AppRecipe { seed: number; steps: number; batchSize: number; lr: number; trainSize: number; testSize: number }
export const APP_RECIPES: Record<AppModel, AppRecipe> = {
  vit: { seed: 1, steps: 2000, batchSize: 32, lr: 3e-3, trainSize: 4000, testSize: 400 },
  caption: { seed: 2, steps: 1500, batchSize: 32, lr: 3e-3, trainSize: 4000, testSize: 400 },
  gpt: { seed: 3, steps: 1000, batchSize: 32, lr: 3e-3, trainSize: 8000, testSize: 360 },
  bert: { seed: 4, steps: 1000, batchSize: 32, lr: 3e-3, trainSize: 8000, testSize: 360 },
};
export const CHAR_CONFIG = { dModel: 32, numHeads: 4, dFF: 64, layers: 2 } as const;
export const charConfig = (causal: boolean): CharConfig => ({ ...CHAR_CONFIG, causal });
export { VIT_CONFIG, CAPTIONER_CONFIG };

/** "05.03.79>1979-03-05": a date of lib/seq2seq in format 8, then its ISO form. */
export const dateText = (p: { human: string; iso: string }): string => `${p.human}>${p.iso}`;

/** The training or test set of a model (test: a different seed). Images come with labels or captions. */
export function appData(model: AppModel, split: "train" | "test"): { images?: ShapeImage[]; pairs?: PairImage[]; texts?: string[] } {
  const R = APP_RECIPES[model], n = split === "train" ? R.trainSize : R.testSize;
  const seed = R.seed * 1000 + (split === "train" ? 1 : 2);
  if (model === "vit") return { images: shapeImages(n, { seed }) };
  if (model === "caption") return { pairs: pairImages(n, { seed }) };
  if (split === "train") return { texts: datePairs(n, { seed }, 8).map(dateText) };
  const seen = new Set(appData(model, "train").texts); // test dates none of the training texts repeat
  return { texts: datePairs(3 * n, { seed }, 8).map(dateText).filter((t) => !seen.has(t)).slice(0, n) };
}
