// The explorer's data, computed at build time by the library itself: the sentences and models of the course,
// built as notebooks 02, 03, 04 and 05 build them (the site test checks these weights against the charts in the
// executed notebooks, so the two cannot drift apart).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Matrix, add, multiHeadAttention, positionalEncoding, randomNormal, selfAttention, xavierUniform, Rng } from "../lib/index.js";
import { Seq2Seq } from "../lib/seq2seq/model.js";
import { DateTransformer } from "../lib/seq2seq/transformer_model.js";
import { ANIMAL_FEATURES, ANIMAL_LEXICON } from "./animal_lexicon.js";

export interface Head { name: string; weights: number[][] } // weights (queries, keys)
export interface Example { id: string; title: string; note: string; queries: string[]; keys: string[]; layers: { name: string; heads: Head[] }[] }

const eye = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const single = (weights: Matrix | number[][]): { name: string; heads: Head[] }[] =>
  [{ name: "layer 0", heads: [{ name: "head 0", weights: weights instanceof Matrix ? weights.toArray() : weights }] }];

/** Notebook 02, "What does 'it' refer to?": hand-set features, a pronoun's query asks for "animate". */
export function animal(lexicon: Record<string, number[]> = ANIMAL_LEXICON): Example {
  const features = ANIMAL_FEATURES;
  const tokens = "The animal was not swimming in the sea because it was running on the street".split(" ");
  const wq = eye(6);
  wq[features.indexOf("pronoun")][features.indexOf("animate")] = 8;
  const r = selfAttention(tokens.map((t) => lexicon[t.toLowerCase()]), { wq, wk: eye(6), wv: eye(6) }); // weights (15, 15)
  return { id: "animal", title: "“The animal … because it was running …” (notebook 02)", note: "Hand-set features; a pronoun's query asks for an animate word. Hover “it”.", queries: tokens, keys: tokens, layers: single(r.weights) };
}

/** Notebook 02, "One word, two meanings": the two "bank" sentences. */
function bank(sentence: string, id: string, which: string): Example {
  const lex2: Record<string, number[]> = {
    i: [0, 0, 1], sat: [0.2, 0, 0.5], on: [0, 0, 1], the: [0, 0, 1], bank: [0.5, 0.5, 0],
    of: [0, 0, 1], river: [1, 0, 0], deposited: [0, 0.8, 0.2], money: [0, 1, 0], at: [0, 0, 1],
  };
  const toks = sentence.split(" ");
  const w = eye(3).map((r) => r.map((v) => 3 * v));
  const r = selfAttention(toks.map((t) => lex2[t.toLowerCase()]), { wq: w, wk: w, wv: eye(3) }); // weights (n, n)
  return { id, title: `“${sentence}” (notebook 02)`, note: `Features nature, finance, function word. Hover “bank”: it leans to ${which}.`, queries: toks, keys: toks, layers: single(r.weights) };
}

/** Notebook 03, "Every head has its own pattern": four heads of a seeded, untrained layer. */
function fourHeads(): Example {
  const tokens = "The quick brown fox jumps over the lazy dog".split(" ");
  const n = tokens.length, dModel = 16, numHeads = 4;
  const rng = new Rng(7);
  const embed = randomNormal(n, dModel, { rng, std: 0.5 });
  const X = add(embed, positionalEncoding(n, dModel)); // (9, 16)
  const W = {
    wq: xavierUniform(dModel, dModel, { rng }), wk: xavierUniform(dModel, dModel, { rng }),
    wv: xavierUniform(dModel, dModel, { rng }), wo: xavierUniform(dModel, dModel, { rng }),
  };
  const mha = multiHeadAttention(X, X, X, { numHeads, ...W }); // weights 4 × (9, 9)
  return { id: "heads", title: "“The quick brown fox …”: four heads (notebook 03)", note: "Seeded random projections: an untrained layer whose heads already differ.", queries: tokens, keys: tokens,
    layers: [{ name: "layer 0", heads: mha.weights.map((w, h) => ({ name: `head ${h}`, weights: w.toArray() })) }] };
}

/** Notebook 04: the trained date translator; queries are output characters, keys input characters. */
export function dates(root: string, texts: string[]): Example[] {
  const model = Seq2Seq.fromJSON(JSON.parse(readFileSync(path.join(root, "notebooks", "data", "date_translator.json"), "utf8")));
  return model.translate(texts).map((r, i) => ({
    id: `date-${i}`, title: `Date translator: “${texts[i]}” → ${r.iso} (notebook 04)`,
    note: "Bahdanau attention of the trained model: each output character (left) over the input characters (right).",
    queries: [...r.iso], keys: [...texts[i]].map((c) => (c === " " ? "␣" : c)), layers: single(r.attention),
  }));
}

/** Notebook 05, "Cross-attention, head by head": the trained Transformer's decoder layers, four heads each. */
export function transformerDate(root: string, text: string): Example {
  const model = DateTransformer.fromJSON(JSON.parse(readFileSync(path.join(root, "notebooks", "data", "date_transformer.json"), "utf8")));
  const [r] = model.translate([text]);
  return {
    id: "transformer-date", title: `Transformer: “${text}” → ${r.iso} (notebook 05)`,
    note: "Cross-attention of the trained Transformer: pick a decoder layer and a head; each output character (left) over the input characters (right).",
    queries: [...r.iso], keys: [...text].map((c) => (c === " " ? "␣" : c)),
    layers: r.crossWeights.map((heads, l) => ({ name: `decoder layer ${l}`, heads: heads.map((w, h) => ({ name: `head ${h}`, weights: w.toArray() })) })),
  };
}

export const DATES = ["monday march 5 1979", "saturday february 29 2020", "05.03.79", "12/31/29"];

export function explorerExamples(root: string): Example[] {
  return [animal(), bank("I sat on the bank of the river", "bank-river", "nature (river)"), bank("I deposited money at the bank", "bank-money", "finance (money)"), fourHeads(), ...dates(root, DATES), transformerDate(root, DATES[0])];
}
