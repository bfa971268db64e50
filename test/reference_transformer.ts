// Independent plain-array references for the Transformer layer: no code shared with lib/, loops written out.
// Attention is reference.ts's mhaRef (itself independent of lib).
import { type M, mhaRef } from "./reference.js";

type Mha = Parameters<typeof mhaRef>[3];
type Ln = { gamma?: number[]; beta?: number[]; eps?: number } | undefined;
type Ffn = { w1: M; b1?: number[]; w2: M; b2?: number[] };

export function layerNormRef(x: M, p: Ln): M {
  const eps = p?.eps ?? 1e-5;
  return x.map((row) => {
    const d = row.length;
    let mean = 0;
    for (const v of row) mean += v;
    mean /= d;
    let variance = 0;
    for (const v of row) variance += (v - mean) * (v - mean);
    variance /= d;
    const s = Math.sqrt(variance + eps);
    return row.map((v, j) => ((v - mean) / s) * (p?.gamma?.[j] ?? 1) + (p?.beta?.[j] ?? 0));
  });
}

export function ffnRef(x: M, p: Ffn): M {
  const dense = (a: M, w: M, b?: number[]) => a.map((row) => w[0].map((_, j) => {
    let s = b ? b[j] : 0;
    for (let k = 0; k < row.length; k++) s += row[k] * w[k][j];
    return s;
  }));
  const h = dense(x, p.w1, p.b1).map((row) => row.map((v) => Math.max(0, v)));
  return dense(h, p.w2, p.b2);
}

const plus = (a: M, b: M): M => a.map((row, i) => row.map((v, j) => v + b[i][j]));
const and = (a: boolean[][], b?: boolean[][]) => a.map((row, i) => row.map((v, j) => v && (b ? b[i][j] : true)));

export function encoderRef(x: M, p: { attn: Mha; ffn: Ffn; norm1?: Ln; norm2?: Ln }, o: { mask?: boolean[][]; normFirst?: boolean } = {}) {
  if (o.normFirst) {
    const a = layerNormRef(x, p.norm1);
    const sa = mhaRef(a, a, a, p.attn, o.mask);
    const h = plus(x, sa.output);
    return { output: plus(h, ffnRef(layerNormRef(h, p.norm2), p.ffn)), weights: sa.weights };
  }
  const sa = mhaRef(x, x, x, p.attn, o.mask);
  const h = layerNormRef(plus(x, sa.output), p.norm1);
  return { output: layerNormRef(plus(h, ffnRef(h, p.ffn)), p.norm2), weights: sa.weights };
}

export function decoderRef(x: M, mem: M, p: { selfAttn: Mha; crossAttn: Mha; ffn: Ffn; norm1?: Ln; norm2?: Ln; norm3?: Ln },
  o: { selfMask?: boolean[][]; memoryMask?: boolean[][]; normFirst?: boolean } = {}) {
  const causal = and(x.map((_, i) => x.map((_, j) => j <= i)), o.selfMask);
  if (o.normFirst) {
    const a = layerNormRef(x, p.norm1);
    const sa = mhaRef(a, a, a, p.selfAttn, causal);
    const h1 = plus(x, sa.output);
    const ca = mhaRef(layerNormRef(h1, p.norm2), mem, mem, p.crossAttn, o.memoryMask);
    const h2 = plus(h1, ca.output);
    return { output: plus(h2, ffnRef(layerNormRef(h2, p.norm3), p.ffn)), selfWeights: sa.weights, crossWeights: ca.weights };
  }
  const sa = mhaRef(x, x, x, p.selfAttn, causal);
  const h1 = layerNormRef(plus(x, sa.output), p.norm1);
  const ca = mhaRef(h1, mem, mem, p.crossAttn, o.memoryMask);
  const h2 = layerNormRef(plus(h1, ca.output), p.norm2);
  return { output: layerNormRef(plus(h2, ffnRef(h2, p.ffn)), p.norm3), selfWeights: sa.weights, crossWeights: ca.weights };
}
