// A tiny vision Transformer (Dosovitskiy et al., 2021): patches as tokens with 2-D positions, a class token,
// post-norm encoder layers, and a linear classifier on the class token's output. Its attention weights say
// which patches the class token read.
import { Matrix } from "../matrix.js";
import { Rng, xavierUniform } from "../random.js";
import * as ad from "../autodiff/index.js";
import { PatchEncoder } from "./patch_encoder.js";
import { argmaxRows } from "./token_embedding.js";
import { layerParams } from "./weights.js";

export interface VitConfig { size: number; patch: number; dModel: number; numHeads: number; dFF: number; layers: number; classes: number }
export const VIT_CONFIG: VitConfig = { size: 12, patch: 3, dModel: 16, numHeads: 2, dFF: 32, layers: 1, classes: 4 };

/** Logits (B, classes) and weights[layer][b][head] (length, length); row 0 is the class token's. */
export interface VitOutput { logits: ad.Node; weights: Matrix[][][] }

/**
 * @example
 * const vit = new VisionTransformer(VIT_CONFIG, new Rng(1));
 * const image = Array.from({ length: 12 }, () => Array(12).fill(0));
 * const r = vit.classify([image, image]);
 * [r.labels.length, r.classAttention[1][0][0].shape]; // => [2, "(4, 4)"] (images; [image][layer][head]: the patch grid)
 */
export class VisionTransformer {
  readonly config: VitConfig;
  readonly patches: PatchEncoder;
  readonly layers: ad.EncoderLayerNodes[];
  readonly head: { w: ad.Node; b: ad.Node }; // (d, classes), (1, classes)
  readonly params: Record<string, ad.Node>;

  constructor(config: VitConfig, rng: Rng) {
    this.config = { ...config };
    const { size, patch, dModel: d, numHeads, dFF, layers, classes } = config;
    this.patches = new PatchEncoder(size, patch, d, true, rng);
    this.layers = Array.from({ length: layers }, () => ad.initEncoderLayer(d, numHeads, dFF, rng));
    this.head = { w: ad.param(xavierUniform(d, classes, { rng })), b: ad.param(new Matrix(1, classes)) };
    this.params = { "patch.w": this.patches.nodes.w, "patch.b": this.patches.nodes.b, cls: this.patches.nodes.cls!,
      ...layerParams(this.layers),
      "head.w": this.head.w, "head.b": this.head.b };
  }

  forward(g: ad.Graph, images: number[][][]): VitOutput {
    const B = images.length, n = this.patches.length;
    let x = this.patches.encode(g, images); // (B·n, d)
    const weights: Matrix[][][] = [];
    for (const layer of this.layers) {
      const r = ad.encoderLayer(g, x, layer, { B });
      x = r.output; weights.push(r.weights);
    }
    const cls = ad.gatherRows(g, x, Array.from({ length: B }, (_, b) => b * n)); // (B, d): each image's class token
    return { logits: ad.addBias(g, ad.matmul(g, cls, this.head.w), this.head.b), weights }; // (B, classes)
  }

  /** Mean cross-entropy of the labels. */
  loss(g: ad.Graph, images: number[][][], labels: number[]): ad.Node {
    return ad.softmaxCrossEntropy(g, this.forward(g, images).logits, labels);
  }

  /** Predicted classes and, per image, the class token's weights over the patch grid: [b][layer][head] (grid, grid). */
  classify(images: number[][][]): { labels: number[]; classAttention: Matrix[][][] } {
    const { logits, weights } = this.forward(new ad.Graph(false), images);
    const grid = this.config.size / this.config.patch;
    const classAttention = images.map((_, b) => weights.map((layer) => layer[b].map((w) =>
      new Matrix(grid, grid, Float64Array.from(w.row(0).slice(1)))))); // row 0 without its own column: (grid, grid)
    return { labels: argmaxRows(logits.value), classAttention };
  }
}
