// Property check for notebook 02's design exercise itToStreet: any W_Q, W_K that send "it" to "street" in
// the "too wide" sentence pass. The sentence and its features are notebook 02's (a test compares them with
// the notebook's cell). Runs in the grader's process on a returned value: checks it before any arithmetic,
// never throws.
import { Matrix, matmul, softmax, transpose } from "../lib/index.js";

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
const MAX_DK = 64;

/** The sentence as rows of features: (12, 6). */
export const wideTokens = () => WIDE_SENTENCE.split(" ");
export const wideEmbeddings = () => wideTokens().map((t) => WIDE_LEXICON[t.toLowerCase()]);

/** What is wrong with a returned matrix `name` that must be 6 × dK with 1 ≤ dK ≤ MAX_DK; null when nothing. */
function shapeProblem(m: unknown, name: string): string | null {
  const rows = FEATURES.length;
  if (!Array.isArray(m) || m.length !== rows) return `${name} must have ${rows} rows (one per feature), got ${Array.isArray(m) ? m.length : typeof m}`;
  const cols = Array.isArray(m[0]) ? m[0].length : -1;
  if (cols < 1 || cols > MAX_DK) return `${name} must have between 1 and ${MAX_DK} columns (dK), got ${cols < 0 ? "rows that are not arrays" : cols}`;
  for (let i = 0; i < rows; i++) {
    const r = m[i] as unknown;
    if (!Array.isArray(r) || r.length !== cols) return `${name} is ragged: row ${i} is not an array of ${cols} numbers`;
    const j = r.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
    if (j >= 0) return `${name} holds ${String(r[j])} at (${i}, ${j}); every entry must be a finite number`;
  }
  return null;
}

/** The attention weights of the query "it" over the sentence's tokens with the head { wq, wk }: (12); null when the scores overflow. */
export function itWeights(wq: number[][], wk: number[][]): number[] | null {
  const x = wideEmbeddings(), dK = wq[0].length;
  const scores = matmul(matmul(x, wq), transpose(matmul(x, wk))); // (12, 12)
  if (!scores.data.every(Number.isFinite)) return null;
  const w = softmax(new Matrix(scores.rows, scores.cols, scores.data.map((s) => s / Math.sqrt(dK))));
  return w.row(wideTokens().indexOf("it"));
}

/** null when { wq, wk } makes "it" give "street" its largest weight, ≥ STREET_THRESHOLD; else what is wrong. */
export function checkItToStreet(_args: unknown[], value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `expected an object { wq, wk }, got ${Array.isArray(value) ? "an array" : String(value)}`;
  const { wq, wk } = value as { wq?: unknown; wk?: unknown };
  const problem = shapeProblem(wq, "wq") ?? shapeProblem(wk, "wk");
  if (problem) return problem;
  const dK = (wq as number[][])[0].length;
  if ((wk as number[][])[0].length !== dK) return `wq has ${dK} columns and wk ${(wk as number[][])[0].length}; Q·Kᵀ needs the same dK`;
  let row: number[] | null;
  try { row = itWeights(wq as number[][], wk as number[][]); } catch (e) { return `the head could not be run: ${(e as Error).message}`; }
  if (!row) return "the scores Q·Kᵀ overflow to ±Infinity: use smaller entries";
  const tokens = wideTokens(), street = tokens.indexOf("street"), top = row.indexOf(Math.max(...row));
  if (top === street && row[street] >= STREET_THRESHOLD) return null;
  return `"it" gives "street" weight ${row[street].toPrecision(3)} (needs the largest weight and ≥ ${STREET_THRESHOLD}); ` +
    `its largest weight, ${row[top].toPrecision(3)}, is on "${tokens[top]}" (key ${top})`;
}
