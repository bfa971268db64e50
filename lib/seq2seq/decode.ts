// The translator's forward pass (model.ts's Seq2Seq.run), on plain parameter nodes: no weight initialisation,
// so code that only runs a saved model (translate_with_attention.ts, which students may import) needs neither
// the random generators nor the trainer. Batches are padded to their longest input; padding is masked everywhere.
import { Matrix } from "../matrix.js";
import { Graph, Node } from "../autodiff/graph.js";
import * as lin from "../autodiff/linear.js";
import { keepRows, tanh } from "../autodiff/pointwise.js";
import { gruCell } from "../autodiff/gru_cell.js";
import { additiveAttentionStep, dotAttentionStep, type AttentionStep } from "../autodiff/attention.js";
import { softmaxCrossEntropy } from "../autodiff/loss.js";
import type { GruParams } from "./gru.js";
import { OUTPUT_LENGTH, START, encodeInput, encodeOutput } from "./vocab.js";
import type { Seq2SeqConfig } from "./model.js";

/** A batch: ids (B, T) padded with PAD, keep[b·T + t] false on padding. */
export interface Batch { B: number; T: number; ids: Int32Array; keep: boolean[]; targets?: number[][] }

export function makeBatch(texts: string[], isos?: string[]): Batch {
  const seqs = texts.map(encodeInput);
  const B = seqs.length, T = Math.max(1, ...seqs.map((s) => s.length));
  const ids = new Int32Array(B * T), keep = new Array<boolean>(B * T).fill(false);
  seqs.forEach((s, b) => s.forEach((id, t) => { ids[b * T + t] = id; keep[b * T + t] = true; }));
  return { B, T, ids, keep, targets: isos?.map(encodeOutput) };
}

/** What the forward pass reads: a Seq2Seq, or the same parameters loaded without one. */
export interface Seq2SeqNet { config: Seq2SeqConfig; params: Record<string, Node>; fwd: GruParams; bwd: GruParams; dec: GruParams }

const gru = (g: Graph, p: GruParams, x: Node, h: Node) => gruCell(g, x, h, p.W, p.Uzr, p.Uh, p.b);

/**
 * Seq2Seq.run (see there); `attend` (inference only) replaces each step's weights (B, T) before the context
 * is mixed from them.
 */
export function runSeq2Seq(net: Seq2SeqNet, g: Graph, batch: Batch, ofRows = batch.B, attend?: (weights: Matrix, step: number) => Matrix): { loss?: Node; predictions: number[][]; attention: Matrix[] } {
  const { B, T, ids, keep, targets } = batch;
  const { kind } = net.config, p = net.params;
  const column = (t: number) => Int32Array.from({ length: B }, (_, b) => ids[b * T + t]);
  const keepAt = (t: number) => Array.from({ length: B }, (_, b) => keep[b * T + t]);
  const x = Array.from({ length: T }, (_, t) => lin.gatherRows(g, p.embIn, column(t))); // T × (B, E)
  const zeros = g.constant(new Matrix(B, net.config.encoder));
  const hf: Node[] = [], hb: Node[] = new Array(T);
  let h = zeros;
  for (let t = 0; t < T; t++) hf.push((h = keepRows(g, gru(g, net.fwd, x[t], h), h, keepAt(t)))); // (B, He)
  h = zeros;
  for (let t = T - 1; t >= 0; t--) hb[t] = h = keepRows(g, gru(g, net.bwd, x[t], h), h, keepAt(t)); // (B, He)
  const annotations = lin.stackTime(g, hf.map((f, t) => lin.concatCols(g, f, hb[t]))); // (B·T, 2He)
  const keys = kind === "bahdanau" ? lin.matmul(g, annotations, p.Wk) : annotations; // (B·T, A) or (B·T, 2He)
  let s = tanh(g, lin.linear(g, hb[0], p.Ws, p.bs)); // (B, Hd): from the backward pass over the whole input
  let prev = new Int32Array(B).fill(START);
  // the fused op's own loop order (context in attention.ts), so weights returned unchanged give the same bits
  const reweigh = (att: AttentionStep, step: number): AttentionStep => {
    if (!attend) return att;
    const w = attend(att.weights, step), v = annotations.value, dV = v.cols, out = new Matrix(B, dV);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
      const wt = w.data[b * T + t];
      if (wt !== 0) for (let j = 0; j < dV; j++) out.data[b * dV + j] += wt * v.data[(b * T + t) * dV + j];
    }
    return { context: g.constant(out), weights: w };
  };
  const losses: Node[] = [], predictions: number[][] = Array.from({ length: B }, () => []), attention: Matrix[] = [];
  for (let step = 0; step < OUTPUT_LENGTH; step++) {
    const e = lin.gatherRows(g, p.embOut, prev); // (B, E)
    let ctx: Node;
    if (kind === "bahdanau") {
      const att = reweigh(additiveAttentionStep(g, lin.matmul(g, s, p.Wq), keys, p.wv, annotations, T, keep), step); // query: previous state
      ctx = att.context; attention.push(att.weights);
      s = gru(g, net.dec, lin.concatCols(g, e, ctx), s); // (B, Hd)
    } else {
      s = gru(g, net.dec, e, s); // (B, Hd)
      const q = kind === "luong-general" ? lin.matmul(g, s, p.Wa) : s; // query: current state
      const att = reweigh(dotAttentionStep(g, q, keys, annotations, T, keep), step);
      ctx = att.context; attention.push(att.weights);
    }
    const logits = lin.linear(g, lin.concatCols(g, s, ctx), p.Wo, p.bo); // (B, 11)
    const best = argmaxRows(logits.value);
    best.forEach((c, b) => predictions[b].push(c));
    if (targets) losses.push(softmaxCrossEntropy(g, logits, targets.map((tg) => tg[step]), (OUTPUT_LENGTH * ofRows) / B));
    prev = targets ? Int32Array.from(targets, (tg) => tg[step]) : Int32Array.from(best);
  }
  return { loss: targets ? lin.add(g, ...losses) : undefined, predictions, attention };
}

function argmaxRows(m: Matrix): number[] {
  return Array.from({ length: m.rows }, (_, i) => { let best = 0; for (let j = 1; j < m.cols; j++) if (m.get(i, j) > m.get(i, best)) best = j; return best; });
}
