// Decoder-only, GPT-style: a causal CharTransformer trained to predict each next character. It writes left to
// right from any prefix, and it cannot use what comes after a position to fill that position.
import type { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { CharTransformer, DATE_CHARS, START, TEXT_LENGTH, charIds, probabilities } from "./char_transformer.js";
import { argmaxRows } from "./token_embedding.js";

/** Next-character cross-entropy: input "^" + text[0 … n−2], target text[0 … n−1], every position at once. */
export function gptLoss(g: ad.Graph, model: CharTransformer, texts: string[]): ad.Node {
  if (!model.config.causal) throw new Error("gptLoss: the model must be causal (a decoder-only language model)");
  const ids = texts.flatMap((t) => charIds(START + t.slice(0, -1)));
  return ad.softmaxCrossEntropy(g, model.forward(g, ids, texts.length).logits, texts.flatMap((t) => charIds(t)));
}

/**
 * Continues each prompt to TEXT_LENGTH characters, one model pass per character: greedy, or sampled from
 * the model's distribution when `rng` is given. Prompts must have the same length.
 */
export function gptGenerate(model: CharTransformer, prompts: string[], rng?: Rng): string[] {
  if (!model.config.causal) throw new Error("gptGenerate: the model must be causal");
  const texts = [...prompts];
  if (new Set(texts.map((t) => t.length)).size > 1) throw new Error(`gptGenerate: prompts have different lengths (${texts.map((t) => t.length).join(", ")})`);
  for (let n = texts[0].length; n < TEXT_LENGTH; n++) {
    const { logits } = model.forward(new ad.Graph(false), texts.flatMap((t) => charIds(START + t)), texts.length);
    const best = argmaxRows(logits.value);
    texts.forEach((t, b) => {
      const r = b * (n + 1) + n; // the last row: the character after the prompt so far
      texts[b] = t + DATE_CHARS[rng ? sample(probabilities(logits.value, r), rng) : best[r]];
    });
  }
  return texts;
}

/** An index drawn with the given probabilities. */
export function sample(p: number[], rng: Rng): number {
  let u = rng.uniform(), i = 0;
  while (i < p.length - 1 && u >= p[i]) u -= p[i++];
  return i;
}
