// Greedy translation with the attention weights replaced: what the decoder does when it reads where `attend`
// says instead of where it chose to (notebook 04's ablation, exercise 4.6). It imports the forward pass only
// (decode.ts), not model.ts: a student's bundle may hold lib/ files and nothing from npm.
import { Matrix } from "../matrix.js";
import { Graph, param, type Node } from "../autodiff/graph.js";
import { makeBatch, runSeq2Seq, type Seq2SeqNet } from "./decode.js";
import { INPUT_CHARS, OUTPUT_CHARS, START, decodeOutput } from "./vocab.js";
import { loadParams, type SavedParams, type Translation } from "./saved.js";
import type { Seq2SeqConfig } from "./model.js";

/** Step `step`'s weights for text `text` (one per character, summing to 1) → the weights to mix the context with. */
export type Attend = (weights: number[], step: number, text: number) => number[];
/** A translator as Seq2Seq.toJSON writes it (notebooks/data/date_translator*.json). */
export interface SavedSeq2Seq { config: Seq2SeqConfig; params: SavedParams }

const FN = "translateWithAttention";
const CHUNK = 32;
const loaded = new WeakMap<object, Seq2SeqNet>(); // a saved model is read once, however many calls pass it

/** The parameters of a saved translator, checked name by name against the shapes its config implies. */
function load(saved: SavedSeq2Seq): Seq2SeqNet {
  const c = saved?.config, ok = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!c || !["embed", "encoder", "decoder", "attention"].every((k) => ok(c[k as keyof Seq2SeqConfig])) || !["bahdanau", "luong-dot", "luong-general"].includes(c.kind)
    || (c.kind === "luong-dot" && c.decoder !== 2 * c.encoder)) throw new Error(`${FN}: model must be a Seq2Seq or its JSON { config: { embed, encoder, decoder, attention, kind }, params }, got config ${JSON.stringify(c)}`);
  const { embed: E, encoder: He, decoder: Hd, attention: A, kind } = c;
  const gru = (dIn: number, H: number) => ({ W: [dIn, 3 * H], Uzr: [H, 2 * H], Uh: [H, H], b: [1, 3 * H] });
  const shapes: Record<string, number[]> = { embIn: [INPUT_CHARS.length + 1, E], embOut: [START + 1, E], Ws: [He, Hd], bs: [1, Hd], Wo: [Hd + 2 * He, OUTPUT_CHARS.length], bo: [1, OUTPUT_CHARS.length],
    ...(kind === "bahdanau" ? { Wq: [Hd, A], Wk: [2 * He, A], wv: [1, A] } : kind === "luong-general" ? { Wa: [Hd, 2 * He] } : {}) };
  for (const [name, g] of [["fwd", gru(E, He)], ["bwd", gru(E, He)], ["dec", gru(E + (kind === "bahdanau" ? 2 * He : 0), Hd)]] as const) {
    for (const [k, s] of Object.entries(g)) shapes[`${name}.${k}`] = s;
  }
  const params: Record<string, Node> = Object.fromEntries(Object.entries(shapes).map(([k, [r, cols]]) => [k, param(new Matrix(r, cols))]));
  loadParams(FN, params, saved.params);
  const gruOf = (name: string) => ({ W: params[`${name}.W`], Uzr: params[`${name}.Uzr`], Uh: params[`${name}.Uh`], b: params[`${name}.b`] });
  return { config: c, params, fwd: gruOf("fwd"), bwd: gruOf("bwd"), dec: gruOf("dec") };
}

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
export function translateWithAttention(model: Seq2SeqNet | SavedSeq2Seq, texts: string[], attend?: Attend): Translation[] {
  let net = "fwd" in model ? model : loaded.get(model); // a Seq2Seq is a Seq2SeqNet
  if (!net) loaded.set(model, (net = load(model as SavedSeq2Seq)));
  const m = net;
  if (!Array.isArray(texts) || texts.some((s) => typeof s !== "string")) throw new Error(`${FN}: texts must be an array of strings`);
  if (texts.length > CHUNK) { // a few dozen texts a pass: the same bits (rows never mix), a fraction of the memory
    return Array.from({ length: Math.ceil(texts.length / CHUNK) }, (_, c) => c * CHUNK).flatMap((from) =>
      translateWithAttention(m, texts.slice(from, from + CHUNK), attend && ((w, step, b) => attend(w, step, from + b))));
  }
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
  const { predictions, attention } = runSeq2Seq(net, new Graph(false), batch, B, hook);
  return texts.map((text, b) => ({
    iso: decodeOutput(predictions[b]),
    attention: attention.map((w) => Array.from(w.data.subarray(b * T, b * T + text.length))),
  }));
}
