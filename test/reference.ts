// Independent reference implementations on plain arrays: no code shared with lib/, loops written out.
export type M = number[][];

export const mm = (a: M, b: M): M => a.map((row) => b[0].map((_, j) => row.reduce((s, v, p) => s + v * b[p][j], 0)));
export const tr = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));

/** softmax over the entries of `row` where keep[j] is true; others are exactly 0. */
export function softmaxRow(row: number[], keep?: boolean[]): number[] {
  const idx = row.map((_, j) => j).filter((j) => !keep || keep[j]);
  const mx = Math.max(...idx.map((j) => row[j]));
  const e = row.map((v, j) => (!keep || keep[j] ? Math.exp(v - mx) : 0));
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((v) => v / s);
}

export function sdpaRef(q: M, k: M, v: M, mask?: boolean[][]): { output: M; weights: M } {
  const dK = q[0].length;
  const weights = q.map((qi, i) => softmaxRow(k.map((kj) => qi.reduce((s, x, t) => s + x * kj[t], 0) / Math.sqrt(dK)), mask?.[i]));
  return { output: mm(weights, v), weights };
}

export function mhaRef(q: M, k: M, v: M, p: { numHeads: number; wq: M; wk: M; wv: M; wo: M; bq?: number[]; bk?: number[]; bv?: number[]; bo?: number[] }, mask?: boolean[][]) {
  const lin = (x: M, w: M, b?: number[]) => mm(x, w).map((r) => r.map((val, j) => val + (b ? b[j] : 0)));
  const Q = lin(q, p.wq, p.bq), K = lin(k, p.wk, p.bk), V = lin(v, p.wv, p.bv);
  const dK = Q[0].length / p.numHeads;
  const cols = (x: M, h: number) => x.map((r) => r.slice(h * dK, (h + 1) * dK));
  const heads = Array.from({ length: p.numHeads }, (_, h) => sdpaRef(cols(Q, h), cols(K, h), cols(V, h), mask));
  const concat = Q.map((_, i) => heads.flatMap((hd) => hd.output[i]));
  return { output: lin(concat, p.wo, p.bo), weights: heads.map((hd) => hd.weights) };
}

export function additiveRef(q: M, k: M, v: M, wq: M, wk: M, wv: number[], mask?: boolean[][]) {
  const weights = q.map((qi, i) => {
    const scores = k.map((kj) => {
      let s = 0;
      for (let h = 0; h < wv.length; h++) {
        let pre = 0;
        for (let t = 0; t < qi.length; t++) pre += qi[t] * wq[t][h];
        for (let t = 0; t < kj.length; t++) pre += kj[t] * wk[t][h];
        s += wv[h] * Math.tanh(pre);
      }
      return s;
    });
    return softmaxRow(scores, mask?.[i]);
  });
  return { output: mm(weights, v), weights };
}
