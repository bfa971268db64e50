// Greedy translation with the attention weights replaced: what the decoder does when it reads where `attend`
// says instead of where it chose to. An ablation tool for notebook 04 and exercise 4.6.
import * as ad from "../autodiff/index.js";
import { Matrix } from "../matrix.js";
import { Seq2Seq, makeBatch, type Seq2SeqConfig } from "./model.js";
import { decodeOutput } from "./vocab.js";
import type { SavedParams, Translation } from "./saved.js";

/** Step `step`'s weights for text `text` (one per character, summing to 1) → the weights to mix the context with. */
export type Attend = (weights: number[], step: number, text: number) => number[];
/** A translator as Seq2Seq.toJSON writes it (notebooks/data/date_translator*.json). */
export interface SavedSeq2Seq { config: Seq2SeqConfig; params: SavedParams }

const FN = "translateWithAttention";
const loaded = new WeakMap<object, Seq2Seq>(); // a saved model is read once, however many calls pass it

/**
 * Translates `texts` as model.translate does (bit for bit when `attend` is left out or returns its weights),
 * except that at every output step the context is Σ_j a_j·h_j with a = attend(weights, step, text).
 * `model` is a Seq2Seq or its saved JSON. Throws when `attend` returns anything but finite numbers, one per character.
 *
 * @example
 * const m = new Seq2Seq({ embed: 2, encoder: 2, decoder: 4, attention: 2, kind: "luong-dot" }, new Rng(1));
 * translateWithAttention(m, ["3/5/79"], (w) => w.map(() => 1 / w.length))[0].attention[9]; // => [0.16666666666666666, 0.16666666666666666, 0.16666666666666666, 0.16666666666666666, 0.16666666666666666, 0.16666666666666666]
 * translateWithAttention(m, ["3/5/79"])[0].iso === m.translate(["3/5/79"])[0].iso; // => true
 */
export function translateWithAttention(model: Seq2Seq | SavedSeq2Seq, texts: string[], attend?: Attend): Translation[] {
  let m = model instanceof Seq2Seq ? model : loaded.get(model);
  if (!m) loaded.set(model, (m = Seq2Seq.fromJSON(model)));
  if (!Array.isArray(texts) || texts.some((s) => typeof s !== "string")) throw new Error(`${FN}: texts must be an array of strings`);
  if (texts.length === 0) return [];
  const batch = makeBatch(texts), { B, T } = batch;
  const hook = attend && ((w: Matrix, step: number) => {
    const out = new Matrix(B, T); // padding keeps weight 0
    texts.forEach((text, b) => {
      const a = attend(Array.from(w.data.subarray(b * T, b * T + text.length)), step, b);
      if (!Array.isArray(a) || a.length !== text.length || !a.every(Number.isFinite)) {
        throw new Error(`${FN}: attend must return ${text.length} finite numbers for text ${b} (${JSON.stringify(text)}) at step ${step}, got ${Array.isArray(a) ? `length ${a.length}` : typeof a}`);
      }
      out.data.set(a, b * T);
    });
    return out;
  });
  const { predictions, attention } = m.run(new ad.Graph(false), batch, B, hook);
  return texts.map((text, b) => ({
    iso: decodeOutput(predictions[b]),
    attention: attention.map((w) => Array.from(w.data.subarray(b * T, b * T + text.length))),
  }));
}
