// Images → token vectors for a Transformer: patchify, a shared linear map of each patch (p² → d), the 2-D
// grid position added; optionally a learned class token first in each sequence (its output reads the image).
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import * as ad from "../autodiff/index.js";
import { patchify } from "../patchify.js";
import { gridPositions } from "../grid_positions.js";

export interface PatchEncoderNodes { w: ad.Node; b: ad.Node; cls?: ad.Node }

export class PatchEncoder {
  readonly nodes: PatchEncoderNodes; // w (p², d), b (1, d), cls (1, d)
  readonly positions: Matrix; // (rows·cols, d)
  /** Tokens per image: the patches, plus one for the class token. */
  readonly length: number;

  constructor(readonly size: number, readonly patch: number, readonly dModel: number, readonly classToken: boolean, rng: Rng) {
    const grid = size / patch;
    if (!Number.isInteger(grid)) throw new Error(`PatchEncoder: patch = ${patch} does not divide the image size ${size}`);
    this.positions = gridPositions(grid, grid, dModel);
    this.nodes = { w: ad.param(xavierUniform(patch * patch, dModel, { rng })), b: ad.param(new Matrix(1, dModel)) };
    if (classToken) this.nodes.cls = ad.param(randomNormal(1, dModel, { rng, std: 0.5 }));
    this.length = grid * grid + (classToken ? 1 : 0);
  }

  /**
   * Tokens of B images: (B·length, d). With a class token, row b·length is image b's class token (no
   * position); the patch rows follow in grid order: x·W + b + position.
   */
  encode(g: ad.Graph, images: number[][][]): ad.Node {
    const { patch: p, dModel: d, length: n } = this, first = this.classToken ? 1 : 0, B = images.length;
    const pixels = new Matrix(B * n, p * p), pos = new Matrix(B * n, d), isPatch = new Matrix(B * n, 1);
    images.forEach((img, b) => {
      if (img.length !== this.size) throw new Error(`PatchEncoder.encode: image ${b} is (${img.length}, …), expected (${this.size}, ${this.size})`);
      const x = patchify(img, p); // (grid², p²)
      pixels.data.set(x.data, (b * n + first) * p * p);
      pos.data.set(this.positions.data, (b * n + first) * d);
      for (let t = first; t < n; t++) isPatch.data[b * n + t] = 1;
    });
    const X = g.constant(pixels);
    const parts = [ad.matmul(g, X, this.nodes.w), ad.matmul(g, g.constant(isPatch), this.nodes.b), g.constant(pos)]; // each (B·n, d)
    if (this.nodes.cls) {
      const isClass = new Matrix(B * n, 1);
      for (let b = 0; b < B; b++) isClass.data[b * n] = 1;
      parts.push(ad.matmul(g, g.constant(isClass), this.nodes.cls)); // the class token on rows b·n
    }
    return ad.add(g, ...parts); // (B·n, d)
  }
}
