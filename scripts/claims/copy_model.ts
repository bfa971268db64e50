// The bottleneck experiment's two models (notebook 04, after Bahdanau et al. 2014, Figure 2): the same
// bidirectional-GRU encoder and GRU decoder, copying a digit string, once with a fixed context (the encoder's
// final states, fed to every decoder step, as in Cho et al. 2014) and once with Bahdanau's attention over all
// annotations. Only the context differs; every batch holds strings of one length, so nothing is padded.
import { Matrix, Rng, randomNormal, xavierUniform } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { initGru, gruCell, type GruParams } from "../../lib/seq2seq/gru.js";

export type CopyKind = "fixed" | "attention";
export const COPY_SIZES = { embed: 8, encoder: 16, decoder: 32, attention: 16 };
const DIGITS = 10, START = 10;

export class CopyModel {
  readonly params: Record<string, ad.Node>;
  private readonly gru: Record<"fwd" | "bwd" | "dec", GruParams>;

  constructor(readonly kind: CopyKind, rng: Rng) {
    const { embed: E, encoder: He, decoder: Hd, attention: A } = COPY_SIZES;
    this.gru = { fwd: initGru(E, He, rng), bwd: initGru(E, He, rng), dec: initGru(E + 2 * He, Hd, rng) };
    const p: Record<string, ad.Node> = {
      embIn: ad.param(randomNormal(DIGITS, E, { rng, std: 0.3 })),
      embOut: ad.param(randomNormal(DIGITS + 1, E, { rng, std: 0.3 })),
      Ws: ad.param(xavierUniform(2 * He, Hd, { rng })), bs: ad.param(new Matrix(1, Hd)),
      Wo: ad.param(xavierUniform(Hd + 2 * He, DIGITS, { rng })), bo: ad.param(new Matrix(1, DIGITS)),
    };
    if (kind === "attention") Object.assign(p, { Wq: ad.param(xavierUniform(Hd, A, { rng })), Wk: ad.param(xavierUniform(2 * He, A, { rng })), wv: ad.param(xavierUniform(1, A, { rng })) });
    for (const [name, g] of Object.entries(this.gru)) for (const [k, v] of Object.entries(g)) p[`${name}.${k}`] = v;
    this.params = p;
  }

  /** Digit strings of one length (B, T) → the loss with teacher forcing (targets = the inputs), and the greedy predictions. */
  run(g: ad.Graph, seqs: number[][], teach: boolean): { loss: ad.Node; predictions: number[][] } {
    const B = seqs.length, T = seqs[0].length, p = this.params, keep = new Array<boolean>(B * T).fill(true);
    const x = Array.from({ length: T }, (_, t) => ad.gatherRows(g, p.embIn, seqs.map((s) => s[t]))); // T × (B, E)
    const zeros = g.constant(new Matrix(B, COPY_SIZES.encoder));
    const hf: ad.Node[] = [], hb: ad.Node[] = new Array(T);
    let h = zeros;
    for (let t = 0; t < T; t++) hf.push((h = gruCell(g, this.gru.fwd, x[t], h))); // (B, He)
    h = zeros;
    for (let t = T - 1; t >= 0; t--) hb[t] = h = gruCell(g, this.gru.bwd, x[t], h); // (B, He)
    const summary = ad.concatCols(g, hf[T - 1], hb[0]); // (B, 2He): the whole input in one fixed vector
    const annotations = ad.stackTime(g, hf.map((f, t) => ad.concatCols(g, f, hb[t]))); // (B·T, 2He)
    const keys = this.kind === "attention" ? ad.matmul(g, annotations, p.Wk) : annotations; // (B·T, A)
    let s = ad.tanh(g, ad.addBias(g, ad.matmul(g, summary, p.Ws), p.bs)); // (B, Hd)
    let prev = seqs.map(() => START);
    const losses: ad.Node[] = [], predictions: number[][] = seqs.map(() => []);
    for (let t = 0; t < T; t++) {
      const ctx = this.kind === "attention"
        ? ad.additiveAttentionStep(g, ad.matmul(g, s, p.Wq), keys, p.wv, annotations, T, keep).context // (B, 2He)
        : summary;
      s = gruCell(g, this.gru.dec, ad.concatCols(g, ad.gatherRows(g, p.embOut, prev), ctx), s); // (B, Hd)
      const logits = ad.addBias(g, ad.matmul(g, ad.concatCols(g, s, ctx), p.Wo), p.bo); // (B, 10)
      const best = Array.from({ length: B }, (_, b) => { const r = logits.value.row(b); return r.indexOf(Math.max(...r)); });
      best.forEach((d, b) => predictions[b].push(d));
      losses.push(ad.softmaxCrossEntropy(g, logits, seqs.map((q) => q[t]), T));
      prev = teach ? seqs.map((q) => q[t]) : best;
    }
    return { loss: ad.add(g, ...losses), predictions };
  }
}

/** `n` random digit strings of length `len`. */
export const digitStrings = (n: number, len: number, rng: Rng): number[][] =>
  Array.from({ length: n }, () => Array.from({ length: len }, () => Math.floor(rng.uniform(0, DIGITS))));
