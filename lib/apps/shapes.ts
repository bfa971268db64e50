// Synthetic images for the vision lessons: small shapes drawn on a 12 × 12 grid, with seeded noise.
// One shape per image (classification) or two, one in each half (captioning: "ring and bar").
import { Rng } from "../random.js";

/** The four shape classes, in label order. */
export const SHAPES = ["square", "cross", "ring", "bar"] as const;
export type Shape = (typeof SHAPES)[number];
/** Images are SIZE × SIZE pixels. */
export const SIZE = 12;

/** The pixels (row, col) of shape `kind` in an s × s box: outline square, plus sign, circle, 2-wide bar. */
export function shapePixels(kind: Shape, s: number): [number, number][] {
  const c = (s - 1) / 2, out: [number, number][] = [];
  for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) {
    const on = kind === "square" ? i === 0 || j === 0 || i === s - 1 || j === s - 1
      : kind === "cross" ? i === Math.floor(c) || j === Math.floor(c)
      : kind === "ring" ? Math.abs(Math.hypot(i - c, j - c) - c) <= 0.5
      : j === Math.floor(c) || j === Math.floor(c) + 1; // bar: two middle columns, the box's height
    if (on) out.push([i, j]);
  }
  return out;
}

/** Draws `kind` (box side s) with its top-left corner at (top, left) into `image`, ink 1. */
function draw(image: number[][], kind: Shape, s: number, top: number, left: number): void {
  for (const [i, j] of shapePixels(kind, s)) image[top + i][left + j] = 1;
}

/** A blank image with Gaussian noise of standard deviation `noise`. */
function blank(rng: Rng, noise: number): number[][] {
  return Array.from({ length: SIZE }, () => Array.from({ length: SIZE }, () => noise * rng.normal()));
}

export interface ShapeImage { image: number[][]; label: number; shape: Shape }

/**
 * `n` images of one shape each (class drawn uniformly, box side 4–6, anywhere on the grid), seeded.
 *
 * @example
 * const [x] = shapeImages(1, { seed: 1 });
 * [x.image.length, x.image[0].length, SHAPES[x.label] === x.shape]; // => [12, 12, true]
 */
export function shapeImages(n: number, o: { seed: number; noise?: number }): ShapeImage[] {
  const rng = new Rng(o.seed);
  return Array.from({ length: n }, () => {
    const label = rng.int(SHAPES.length), s = 4 + rng.int(3);
    const image = blank(rng, o.noise ?? 0.1);
    draw(image, SHAPES[label], s, rng.int(SIZE - s + 1), rng.int(SIZE - s + 1));
    return { image, label, shape: SHAPES[label] };
  });
}

export interface PairImage { image: number[][]; left: Shape; right: Shape; caption: string }

/**
 * `n` images with one shape in the left half and one in the right (box side 4–6, any height), captioned
 * "<left> and <right>".
 *
 * @example
 * pairImages(1, { seed: 3 })[0].caption.split(" ")[1]; // => "and"
 */
export function pairImages(n: number, o: { seed: number; noise?: number }): PairImage[] {
  const rng = new Rng(o.seed), half = SIZE / 2;
  return Array.from({ length: n }, () => {
    const image = blank(rng, o.noise ?? 0.1);
    const [left, right] = [0, 1].map((side) => {
      const kind = SHAPES[rng.int(SHAPES.length)], s = 4 + rng.int(3);
      draw(image, kind, s, rng.int(SIZE - s + 1), side * half + rng.int(half - s + 1));
      return kind;
    });
    return { image, left, right, caption: `${left} and ${right}` };
  });
}
