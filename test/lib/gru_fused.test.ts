import { eachBackend } from "./each_backend.js";
import { Rng, randomNormal } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { gruCell, gruCellComposed, initGru } from "../../lib/seq2seq/gru.js";
import { checkGrads, probe } from "../gradcheck.js";

const rng = new Rng(505);
const setup = (B: number, dIn: number, H: number) => ({ p: initGru(dIn, H, rng), x: ad.param(randomNormal(B, dIn, { rng })), h: ad.param(randomNormal(B, H, { rng })) });

eachBackend("the fused GRU op's forward is bit-identical to the composed reference (so inference and the notebooks do not change)", (t) => {
  for (const [B, dIn, H] of [[1, 1, 1], [3, 5, 4], [7, 16, 9], [64, 80, 32]]) {
    const { p, x, h } = setup(B, dIn, H);
    p.b.value.data.forEach((_, i) => { p.b.value.data[i] = rng.uniform(-1, 1); });
    const g = new ad.Graph(false);
    const fused = gruCell(g, p, x, h).value.data, composed = gruCellComposed(g, p, x, h).value.data;
    t.is(fused.findIndex((v, i) => !Object.is(v, composed[i])), -1, `B ${B}, dIn ${dIn}, H ${H}`);
  }
});

eachBackend("the fused GRU op's gradients agree with the composed reference (tol 1e-12 relative) and with finite differences", (t) => {
  const { p, x, h } = setup(5, 6, 4);
  p.b.value.data.forEach((_, i) => { p.b.value.data[i] = rng.uniform(-1, 1); });
  const params = [x, h, p.W, p.Uzr, p.Uh, p.b], names = ["x", "h", "W", "Uzr", "Uh", "b"];
  const grads = (cell: typeof gruCell) => {
    for (const q of params) q.grad = null;
    const g = new ad.Graph();
    g.backward(probe(g, cell(g, p, x, h), 11));
    return params.map((q) => Float64Array.from(q.grad!));
  };
  const fused = grads(gruCell), composed = grads(gruCellComposed);
  fused.forEach((f, k) => {
    const c = composed[k], scale = Math.max(...c.map(Math.abs));
    t.true(f.every((v, i) => Math.abs(v - c[i]) <= 1e-12 * scale), `${names[k]} differs`);
  });
  checkGrads(t, params, (g) => probe(g, gruCell(g, p, x, h), 12), names);
});

eachBackend("a shape mismatch names the op and every shape", (t) => {
  const { p, x } = setup(2, 3, 4);
  const err = t.throws(() => ad.gruCell(new ad.Graph(), x, ad.param(randomNormal(2, 5, { rng })), p.W, p.Uzr, p.Uh, p.b));
  t.regex(err!.message, /autodiff\.gruCell: x \(2, 3\), h \(2, 5\), W \(3, 12\)/);
});
