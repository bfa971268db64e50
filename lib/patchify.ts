// An image as a sequence of tokens (Dosovitskiy et al., 2021): cut into p × p patches, each flattened.
import { Matrix } from "./matrix.js";

/**
 * The p × p patches of an (H, W) image, row by row of the patch grid, each flattened row-major:
 * (H, W) → ((H/p)·(W/p), p²).
 *
 * @example
 * patchify([[1, 2, 3, 4], [5, 6, 7, 8]], 2).toArray(); // => [[1, 2, 5, 6], [3, 4, 7, 8]]
 */
export function patchify(image: number[][], p: number): Matrix {
  const H = image.length, W = image[0]?.length ?? 0;
  if (H === 0 || W === 0 || image.some((r) => r.length !== W)) throw new Error(`patchify: the image must be a non-empty rectangle, got rows of lengths ${image.map((r) => r.length).join(", ")}`);
  if (!Number.isInteger(p) || p < 1 || H % p !== 0 || W % p !== 0) {
    throw new Error(`patchify: the image is (${H}, ${W}) and p = ${p} does not divide its height ${H} and width ${W}`);
  }
  const cols = W / p, out = new Matrix((H / p) * cols, p * p);
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) {
    const v = image[i][j];
    if (!Number.isFinite(v)) throw new Error(`patchify: pixel (${i}, ${j}) is ${v}; the image (${H}, ${W}) must be finite`);
    const patch = Math.floor(i / p) * cols + Math.floor(j / p); // (grid row, grid col) → token index
    out.data[patch * p * p + (i % p) * p + (j % p)] = v;
  }
  return out;
}
