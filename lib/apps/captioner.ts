// Captioning as cross-attention (Xu et al., 2015, with a Transformer decoder): the image's patch tokens are
// the memory, a small decoder writes the caption a word at a time, and each word's cross-attention weights
// say which patches it read.
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import { positionalEncoding } from "../positional_encoding.js";
import * as ad from "../autodiff/index.js";
import { PatchEncoder } from "./patch_encoder.js";
import { argmaxRows, embedTokens } from "./token_embedding.js";
import { layerParams } from "./weights.js";

/** The caption vocabulary; id 0 starts every caption, "." ends it. */
export const WORDS = ["<s>", "square", "cross", "ring", "bar", "and", "."] as const;
/** Words per caption: "<left> and <right> .". */
export const CAPTION_LENGTH = 4;

export interface CaptionerConfig { size: number; patch: number; dModel: number; numHeads: number; dFF: number; layers: number }
export const CAPTIONER_CONFIG: CaptionerConfig = { size: 12, patch: 3, dModel: 16, numHeads: 2, dFF: 32, layers: 1 };

/** Caption text → word ids; throws on a word outside WORDS. */
export function captionIds(caption: string): number[] {
  return caption.split(" ").map((w) => {
    const id = WORDS.indexOf(w as (typeof WORDS)[number]);
    if (id < 1) throw new Error(`captionIds: "${w}" in "${caption}" is not a caption word (${WORDS.slice(1).join(", ")})`);
    return id;
  });
}

/**
 * @example
 * const c = new Captioner(CAPTIONER_CONFIG, new Rng(1));
 * const image = Array.from({ length: 12 }, () => Array(12).fill(0));
 * const r = c.caption([image]);
 * [r.words[0].length, r.crossWeights[0][0][1].shape]; // => [4, "(4, 16)"] (words × patches, [image][layer][head])
 */
export class Captioner {
  readonly config: CaptionerConfig;
  readonly patches: PatchEncoder;
  readonly words: ad.Node; // (|WORDS|, d)
  readonly layers: ad.DecoderLayerNodes[];
  readonly out: { w: ad.Node; b: ad.Node }; // (d, |WORDS|), (1, |WORDS|)
  readonly params: Record<string, ad.Node>;
  private readonly pe: Matrix;

  constructor(config: CaptionerConfig, rng: Rng) {
    this.config = { ...config };
    const { size, patch, dModel: d, numHeads, dFF, layers } = config;
    this.patches = new PatchEncoder(size, patch, d, false, rng);
    this.words = ad.param(randomNormal(WORDS.length, d, { rng, std: 0.5 }));
    this.layers = Array.from({ length: layers }, () => ad.initDecoderLayer(d, numHeads, dFF, rng));
    this.out = { w: ad.param(xavierUniform(d, WORDS.length, { rng })), b: ad.param(new Matrix(1, WORDS.length)) };
    this.pe = positionalEncoding(CAPTION_LENGTH, d);
    this.params = { "patch.w": this.patches.nodes.w, "patch.b": this.patches.nodes.b, words: this.words,
      ...layerParams(this.layers),
      "out.w": this.out.w, "out.b": this.out.b };
  }

  /** Patch memory (B·N, d) and previous words (B·n ids) → logits (B·n, |WORDS|), crossWeights[layer][b][head] (n, N). */
  forward(g: ad.Graph, memory: ad.Node, prev: number[], B: number): { logits: ad.Node; crossWeights: Matrix[][][] } {
    const n = prev.length / B;
    let y = embedTokens(g, this.words, prev, n, this.pe); // (B·n, d)
    const crossWeights: Matrix[][][] = [];
    for (const layer of this.layers) {
      const r = ad.decoderLayer(g, y, memory, layer, { B });
      y = r.output; crossWeights.push(r.crossWeights);
    }
    return { logits: ad.addBias(g, ad.matmul(g, y, this.out.w), this.out.b), crossWeights };
  }

  /** Teacher forcing: the decoder reads "<s>" and the true words before each position; mean cross-entropy. */
  loss(g: ad.Graph, images: number[][][], captions: string[]): ad.Node {
    const ids = captions.map(captionIds);
    const prev = ids.flatMap((w) => [0, ...w.slice(0, CAPTION_LENGTH - 1)]); // (B·4)
    const { logits } = this.forward(g, this.patches.encode(g, images), prev, images.length);
    return ad.softmaxCrossEntropy(g, logits, ids.flat());
  }

  /** Greedy captions, and per image the final pass's cross-attention: [b][layer][head] (words, patches). */
  caption(images: number[][][]): { words: string[][]; crossWeights: Matrix[][][] } {
    const g = new ad.Graph(false), B = images.length, memory = this.patches.encode(g, images);
    const written: number[][] = images.map(() => []);
    let last!: { logits: ad.Node; crossWeights: Matrix[][][] };
    for (let i = 0; i < CAPTION_LENGTH; i++) { // pass i reads "<s>" and the i words written so far
      last = this.forward(g, memory, written.flatMap((w) => [0, ...w]), B);
      const best = argmaxRows(last.logits.value);
      written.forEach((w, b) => w.push(best[b * (i + 1) + i]));
    }
    return { words: written.map((w) => w.map((id) => WORDS[id])), crossWeights: images.map((_, b) => last.crossWeights.map((l) => l[b])) };
  }
}
