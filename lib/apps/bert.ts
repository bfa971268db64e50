// Encoder-only, BERT-style: a bidirectional CharTransformer trained to fill masked characters. It reads both
// sides of a gap, but has no order to write in: every masked position is filled at once, each on its own.
import { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { CharTransformer, DATE_CHARS, MASK, charIds, probabilities } from "./char_transformer.js";
import { argmaxRows } from "./token_embedding.js";
import { sample } from "./gpt.js";

/** Each character hidden with probability `rate` (at least one per text): the masked texts and the positions. */
export function maskTexts(texts: string[], rate: number, rng: Rng): { masked: string[]; positions: number[][] } {
  const positions = texts.map((t) => {
    const p = [...t].flatMap((_, i) => (rng.uniform() < rate ? [i] : []));
    return p.length > 0 ? p : [rng.int(t.length)];
  });
  const masked = texts.map((t, b) => [...t].map((ch, i) => (positions[b].includes(i) ? MASK : ch)).join(""));
  return { masked, positions };
}

/** Masked-token cross-entropy: only the hidden positions are scored (BERT's 15 % rule without its 80/10/10 split). */
export function bertLoss(g: ad.Graph, model: CharTransformer, texts: string[], rng: Rng, rate = 0.15): ad.Node {
  if (model.config.causal) throw new Error("bertLoss: the model must not be causal (an encoder reads both sides)");
  const { masked, positions } = maskTexts(texts, rate, rng), n = texts[0].length;
  const { logits } = model.forward(g, masked.flatMap((t) => charIds(t)), texts.length);
  const rows = positions.flatMap((p, b) => p.map((i) => b * n + i));
  const targets = positions.flatMap((p, b) => p.map((i) => charIds(texts[b][i])[0]));
  return ad.softmaxCrossEntropy(g, ad.gatherRows(g, logits, rows), targets); // (masked, |DATE_CHARS|) rows only
}

/** Fills every MASK in one pass: the most likely character, or one sampled per position when `rng` is given. */
export function bertFill(model: CharTransformer, masked: string[], rng?: Rng): string[] {
  if (model.config.causal) throw new Error("bertFill: the model must not be causal");
  const n = masked[0].length;
  const { logits } = model.forward(new ad.Graph(false), masked.flatMap((t) => charIds(t)), masked.length);
  const best = argmaxRows(logits.value);
  return masked.map((t, b) => [...t].map((ch, i) => (ch !== MASK ? ch
    : DATE_CHARS[rng ? sample(probabilities(logits.value, b * n + i), rng) : best[b * n + i]])).join(""));
}
