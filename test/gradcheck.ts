// Gradient checking for the autodiff tests: backprop against central finite differences in float64.
// Criterion per tensor: ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, 1e-12) ≤ 1e-6, with h = 1e-6.
import type { ExecutionContext } from "ava";
import { Matrix, randomNormal } from "../lib/index.js";
import * as ad from "../lib/autodiff/index.js";

/** Σ out ⊙ R with a fixed random R: turns any op output into a scalar that depends on every entry. */
export function probe(g: ad.Graph, out: ad.Node, seed: number): ad.Node {
  const R = g.constant(randomNormal(out.rows, out.cols, { seed }));
  const ones = (n: number, c: number) => g.constant(new Matrix(n, c, new Float64Array(n * c).fill(1)));
  return ad.matmul(g, ad.matmul(g, ones(1, out.rows), ad.mul(g, out, R)), ones(out.cols, 1));
}

/** Relative error between backprop and central differences for each parameter. */
export function gradErrors(params: ad.Node[], loss: (g: ad.Graph) => ad.Node, h = 1e-6): number[] {
  for (const p of params) p.grad = null;
  const g = new ad.Graph();
  g.backward(loss(g));
  return params.map((p) => {
    const analytic = Float64Array.from(p.grad ?? new Float64Array(p.value.data.length));
    let diff = 0, norm = 0;
    for (let i = 0; i < p.value.data.length; i++) {
      const x = p.value.data[i];
      p.value.data[i] = x + h; const up = loss(new ad.Graph(false)).value.data[0];
      p.value.data[i] = x - h; const down = loss(new ad.Graph(false)).value.data[0];
      p.value.data[i] = x;
      const numeric = (up - down) / (2 * h);
      diff += (analytic[i] - numeric) ** 2;
      norm += analytic[i] ** 2 + numeric ** 2;
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
  });
}

/** Asserts every parameter's relative gradient error is ≤ 1e-6, naming the parameter that fails. */
export function checkGrads(t: ExecutionContext, params: ad.Node[], loss: (g: ad.Graph) => ad.Node, names?: string[]): void {
  gradErrors(params, loss).forEach((e, i) => t.true(e <= 1e-6, `${names?.[i] ?? `param ${i}`}: relative error ${e.toExponential(2)}`));
}
