// Token ids → vectors: an embedding table's rows plus the sinusoidal position of each token in its sequence.
import { Matrix } from "../matrix.js";
import * as ad from "../autodiff/index.js";

/** Rows table[ids[r]] + pe[r mod n] for B sequences of n ids each (ids has B·n entries): (B·n, d). */
export function embedTokens(g: ad.Graph, table: ad.Node, ids: ArrayLike<number>, n: number, pe: Matrix): ad.Node {
  const d = table.cols;
  if (ids.length % n !== 0 || n > pe.rows || pe.cols !== d) throw new Error(`embedTokens: ${ids.length} ids in sequences of ${n}, positions ${pe.shape}, table ${table.value.shape}`);
  const pos = new Matrix(ids.length, d);
  for (let r = 0; r < ids.length; r++) {
    if (!Number.isInteger(ids[r]) || ids[r] < 0 || ids[r] >= table.rows) throw new Error(`embedTokens: id ${ids[r]} at ${r} is outside the table (${table.rows} rows)`);
    pos.data.set(pe.data.subarray((r % n) * d, (r % n + 1) * d), r * d);
  }
  return ad.add(g, ad.gatherRows(g, table, ids), g.constant(pos)); // (B·n, d)
}

/** Per row, the index of its largest entry: (rows, V) → rows ids. */
export function argmaxRows(m: Matrix): number[] {
  return Array.from({ length: m.rows }, (_, r) => {
    let best = 0;
    for (let j = 1; j < m.cols; j++) if (m.get(r, j) > m.get(r, best)) best = j;
    return best;
  });
}

/** Every trainable node of a params record, in its key order. */
export const paramList = (params: Record<string, ad.Node>): ad.Node[] => Object.values(params);
