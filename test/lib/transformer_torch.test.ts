// lib's Transformer layer against torch.nn (1.13, float64, dropout 0, ReLU, batch_first) on the committed fixture
// test/fixtures/transformer_torch.json, written once by test/fixtures/make_transformer_fixtures.py (CI needs no torch).
// Weights in the fixture are already in the paper's layout (torch's transposed). Tolerance 1e-10.
import { eachBackend } from "./each_backend.js";
import { readFileSync } from "node:fs";
import { layerNorm, transformerEncoderLayer, transformerDecoderLayer, type EncoderLayerParams, type DecoderLayerParams, type LayerNormParams } from "../../lib/index.js";
import { assertClose } from "../helpers.js";

type M = number[][];
const fixture = JSON.parse(readFileSync(new URL("../fixtures/transformer_torch.json", import.meta.url), "utf8")) as {
  torch: string;
  layerNorm: { x: M; p: LayerNormParams; output: M }[];
  encoder: { normFirst: boolean; x: M; mask: boolean[][]; p: EncoderLayerParams; output: M; weights: M[] }[];
  decoder: { normFirst: boolean; x: M; memory: M; memoryMask: boolean[][]; p: DecoderLayerParams; output: M }[];
};
const TOL = 1e-10;

eachBackend("the fixture covers what it claims: torch 1.13, both norm orders, padding, rows near 1e4", (t) => {
  t.regex(fixture.torch, /^1\.13/);
  for (const cases of [fixture.encoder, fixture.decoder]) t.deepEqual([...new Set(cases.map((c) => c.normFirst))].sort(), [false, true]);
  t.true(fixture.encoder.some((c) => c.mask.some((row) => row.includes(false))));
  t.true(fixture.decoder.some((c) => c.memoryMask.some((row) => row.includes(false))));
  t.true(fixture.layerNorm.some((c) => c.x[0][0] > 9000));
});

eachBackend(`layerNorm = torch.nn.LayerNorm (tol ${TOL})`, (t) => {
  for (const c of fixture.layerNorm) assertClose(t, layerNorm(c.x, c.p), c.output, TOL);
});

eachBackend(`transformerEncoderLayer = torch.nn.TransformerEncoderLayer, output and per-head weights (tol ${TOL})`, (t) => {
  for (const c of fixture.encoder) {
    const r = transformerEncoderLayer(c.x, c.p, { mask: c.mask, normFirst: c.normFirst });
    assertClose(t, r.output, c.output, TOL);
    t.is(r.weights.length, c.weights.length);
    r.weights.forEach((w, h) => assertClose(t, w, c.weights[h], TOL));
  }
});

eachBackend(`transformerDecoderLayer = torch.nn.TransformerDecoderLayer with the causal tgt_mask (tol ${TOL})`, (t) => {
  for (const c of fixture.decoder) {
    const r = transformerDecoderLayer(c.x, c.memory, c.p, { memoryMask: c.memoryMask, normFirst: c.normFirst });
    assertClose(t, r.output, c.output, TOL);
  }
});

eachBackend("the fixture can tell the norm orders apart (a swapped normFirst misses by far more than the tolerance)", (t) => {
  const c = fixture.decoder[0];
  const wrong = transformerDecoderLayer(c.x, c.memory, c.p, { memoryMask: c.memoryMask, normFirst: !c.normFirst }).output;
  t.true(wrong.data.some((v, k) => Math.abs(v - c.output.flat()[k]) > 1e-3));
});
