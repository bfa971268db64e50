// Property check for notebook 02's design exercise itToStreet: any W_Q, W_K that send "it" to "street" in
// the "too wide" sentence pass. The sentence and its features are notebook 02's (a test compares them with
// the notebook's cell). Runs in the grader's process on a returned value: checks it before any arithmetic,
// never throws. The shape checks are the design heads' of notebook 03 (head_check.ts).
import { headShapeProblem, headWeights } from "./head_check.js";

/** The features of notebook 02's lexicon, in column order. */
export const FEATURES = ["animate", "place", "action", "function", "pronoun", "negation"];
/** Notebook 02's sentence in which "it" is the street. */
export const WIDE_SENTENCE = "The animal did not cross the street because it was too wide";
/** Notebook 02's hand-set features of the words of WIDE_SENTENCE. */
export const WIDE_LEXICON: Record<string, number[]> = {
  the: [0, 0, 0, 1, 0, 0], animal: [1, 0, 0, 0, 0, 0], did: [0, 0, 0.5, 0.5, 0, 0],
  not: [0, 0, 0, 0.5, 0, 1], cross: [0.3, 0, 1, 0, 0, 0], street: [0, 1, 0, 0, 0, 0],
  because: [0, 0, 0, 1, 0, 0], it: [0, 0, 0, 0, 1, 0], was: [0, 0, 0.5, 0.5, 0, 0],
  too: [0, 0, 0, 1, 0, 0], wide: [0, 0.5, 0, 0, 0, 0],
};
/** The weight "it" must give "street". */
export const STREET_THRESHOLD = 0.5;

/** The sentence as rows of features: (12, 6). */
export const wideTokens = () => WIDE_SENTENCE.split(" ");
export const wideEmbeddings = () => wideTokens().map((t) => WIDE_LEXICON[t.toLowerCase()]);

/**
 * Per-student targets (grader/variant.ts): variant v asks the query word to send its attention to the target word,
 * STREET_TARGETS[v mod length]; 0 is the course's own, "it" → "street". Each target has a feature no rival has
 * as strongly (place, action, negation), so each has right answers; "animal" is left out, the notebook's hand-set
 * head already finds it.
 */
export const STREET_TARGETS = [
  { query: "it", target: "street" }, { query: "it", target: "cross" }, { query: "it", target: "not" },
  { query: "because", target: "street" }, { query: "because", target: "cross" }, { query: "because", target: "not" },
];
/** The query and target of a variant. */
export const streetTarget = (variant = 0) => STREET_TARGETS[Math.abs(Math.trunc(variant)) % STREET_TARGETS.length];

/** The attention weights of `query` (default "it") over the sentence's tokens with the head { wq, wk }: (12); null when the scores overflow. */
export function itWeights(wq: number[][], wk: number[][], query = "it"): number[] | null {
  return headWeights(wideEmbeddings(), wq, wk)?.row(wideTokens().indexOf(query)) ?? null;
}

/**
 * null when { wq, wk } makes the variant's query ("it") give its target ("street") a weight ≥ STREET_THRESHOLD
 * that is larger than every other (a tie is not "the largest": two keys at 0.5 each would pass a ≥ test); else
 * what is wrong.
 */
export function checkItToStreet(_args: unknown[], value: unknown, variant = 0): string | null {
  const { query, target } = streetTarget(variant);
  const problem = headShapeProblem(value, FEATURES.length, "one per feature");
  if (problem) return problem;
  const { wq, wk } = value as { wq: number[][]; wk: number[][] };
  let row: number[] | null;
  try { row = itWeights(wq, wk, query); } catch (e) { return `the head could not be run: ${(e as Error).message}`; }
  if (!row) return "Q = x·W_Q, K = x·W_K or the scores Q·Kᵀ overflow to ±Infinity: use smaller entries";
  const tokens = wideTokens(), street = tokens.indexOf(target);
  const rival = row.reduce((best, w, j) => (j !== street && (best < 0 || w > row![best]) ? j : best), -1); // largest other key
  if (row[street] >= STREET_THRESHOLD && row[street] > row[rival]) return null;
  const where = row[rival] === row[street] ? `"${tokens[rival]}" (key ${rival}) gets the same weight: a tie is not the largest`
    : row[rival] > row[street] ? `its largest weight, ${row[rival].toPrecision(3)}, is on "${tokens[rival]}" (key ${rival})`
    : "it is the largest weight, but not by enough";
  return `"${query}" gives "${target}" weight ${row[street].toPrecision(3)} (needs the largest weight and ≥ ${STREET_THRESHOLD}); ${where}`;
}
