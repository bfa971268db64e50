// A small reverse-mode autodiff on matrices (micrograd's template, scaled up to batches): every op computes
// its value and pushes a closure that adds its local gradient into its inputs' grads. `backward` runs the
// closures in reverse order of creation, which is a valid topological order for a tape.
import { Matrix } from "../matrix.js";

/** A value in the graph: a matrix and, when something upstream needs it, its gradient (same layout). */
export class Node {
  grad: Float64Array | null = null;
  constructor(public value: Matrix, public requiresGrad: boolean, private readonly arena?: Arena) {}

  get rows(): number { return this.value.rows; }
  get cols(): number { return this.value.cols; }

  /** The gradient buffer, allocated on first use. */
  g(): Float64Array {
    return (this.grad ??= this.arena ? this.arena.take(this.value.data.length) : new Float64Array(this.value.data.length));
  }
}

/**
 * Memory a training step reuses at the next: `take` hands out zeroed views of a few large buffers, `release`
 * takes them all back at once. Training makes a graph per step, and its hundreds of fresh arrays a step
 * otherwise keep the garbage collector busy (10 % of the time, measured); the values are the same.
 */
export class Arena {
  private readonly chunks: Float64Array[] = [];
  private chunk = 0;
  private used = 0;

  /** `length` zeros (or, with `zeroed` false, whatever the last step left), valid until `release`. */
  take(length: number, zeroed = true): Float64Array {
    if (!Number.isInteger(length) || length < 0) throw new Error(`Arena.take: length must be a whole number ≥ 0, got ${length}`);
    while (this.chunk < this.chunks.length && this.used + length > this.chunks[this.chunk].length) { this.chunk++; this.used = 0; }
    if (this.chunk === this.chunks.length) this.chunks.push(new Float64Array(Math.max(length, 1 << 20)));
    const view = this.chunks[this.chunk].subarray(this.used, this.used + length);
    this.used += length;
    return zeroed ? view.fill(0) : view;
  }

  /** Every array taken so far becomes free again (the caller keeps none). */
  release(): void {
    this.chunk = 0;
    this.used = 0;
  }
}

/** A trainable parameter: a Node that always requires a gradient and outlives graphs. */
export function param(value: Matrix): Node {
  return new Node(value, true);
}

/** Records one forward pass. `new Graph(false)` records nothing (inference). */
export class Graph {
  private readonly tape: (() => void)[] = [];
  /** With an `arena`, op results and their gradients live in it, until the caller releases it. */
  constructor(readonly recording = true, private readonly arena?: Arena) {}

  /**
   * A zeroed (rows, cols) matrix for an op's result: from the arena when there is one. `zeroed` false: the op
   * writes every entry next, so reused memory need not be cleared first.
   */
  matrix(rows: number, cols: number, zeroed = true): Matrix {
    return new Matrix(rows, cols, this.arena?.take(rows * cols, zeroed));
  }

  /** A constant input (no gradient). */
  constant(value: Matrix): Node {
    return new Node(value, false);
  }

  /** Registers the result of an op; `backward` runs only if some input needs a gradient. */
  result(value: Matrix, inputs: Node[], backward: (out: Node) => void): Node {
    const needs = this.recording && inputs.some((n) => n.requiresGrad);
    const out = new Node(value, needs, this.arena);
    if (needs) this.tape.push(() => { if (out.grad) backward(out); });
    return out;
  }

  /** d(loss)/d(everything): seeds the scalar loss with 1 and runs the tape backwards. */
  backward(loss: Node): void {
    if (loss.value.data.length !== 1) throw new Error(`Graph.backward: loss must be a scalar (1, 1), got ${loss.value.shape}`);
    loss.g()[0] = 1;
    for (let i = this.tape.length - 1; i >= 0; i--) this.tape[i]();
  }
}
