// The debug exercise of lesson 03: the given bug (each head scaled by √dModel, not √dK) loses exactly its points.
import test from "ava";
import { gradeWithBody } from "./grading.js";

test.serial("the given bug (√dModel in every head) loses exactly 2 points, public and hidden", async (t) => {
  // the reference body with dK replaced by dModel: multiHeadAttention's own code, one token changed
  const bug = `  const [Q, K, V] = [p.wq, p.wk, p.wv].map((w) => splitHeads(matmul(x, w).toArray(), p.numHeads));
  const dModel = x[0].length;
  const heads = Q.map((q, h) => {
    const w = matmul(q, transpose(K[h])).toArray().map((row) => {
      const e = row.map((v) => Math.exp(v / Math.sqrt(dModel)));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    });
    return matmul(w, V[h]).toArray();
  });
  return matmul(mergeHeads(heads), p.wo).toArray();`;
  const { full, replaced: r } = await gradeWithBody("03_multi_head.ts", "fixHeadScale", bug);
  t.is(full.score, full.max);
  t.is(r.score, full.score - 2, JSON.stringify(r.exercises.filter((e) => !e.public.passed).map((e) => e.name)));
});
