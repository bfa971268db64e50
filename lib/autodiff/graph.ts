// A small reverse-mode autodiff on matrices (micrograd's template, scaled up to batches): every op computes
// its value and pushes a closure that adds its local gradient into its inputs' grads. `backward` runs the
// closures in reverse order of creation, which is a valid topological order for a tape.
import { Matrix } from "../matrix.js";

/** A value in the graph: a matrix and, when something upstream needs it, its gradient (same layout). */
export class Node {
  grad: Float64Array | null = null;
  constructor(public value: Matrix, public requiresGrad: boolean) {}

  get rows(): number { return this.value.rows; }
  get cols(): number { return this.value.cols; }

  /** The gradient buffer, allocated on first use. */
  g(): Float64Array {
    return (this.grad ??= new Float64Array(this.value.data.length));
  }
}

/** A trainable parameter: a Node that always requires a gradient and outlives graphs. */
export function param(value: Matrix): Node {
  return new Node(value, true);
}

/** Records one forward pass. `new Graph(false)` records nothing (inference). */
export class Graph {
  private readonly tape: (() => void)[] = [];
  constructor(readonly recording = true) {}

  /** A constant input (no gradient). */
  constant(value: Matrix): Node {
    return new Node(value, false);
  }

  /** Registers the result of an op; `backward` runs only if some input needs a gradient. */
  result(value: Matrix, inputs: Node[], backward: (out: Node) => void): Node {
    const needs = this.recording && inputs.some((n) => n.requiresGrad);
    const out = new Node(value, needs);
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
