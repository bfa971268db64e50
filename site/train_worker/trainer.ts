// train() of lib/seq2seq/train.ts one step at a time, so the page's worker can yield between steps (Pause,
// a new learning rate, a translation) and still give the same weights: the same seeded model, epoch batches,
// two shards added in order (the second on this thread, as `ATTENTION_THREADS=1 npm run train` does), global
// clipping and Adam. test/site/train_page.test.ts checks its losses against train() step by step.
import { Rng } from "../../lib/random.js";
import { createModel } from "../../lib/seq2seq/date_model.js";
import type { Seq2Seq, Seq2SeqConfig } from "../../lib/seq2seq/model.js";
import type { DatePair } from "../../lib/seq2seq/dates.js";
import { Adam, clipGradNorm, epochBatches } from "../../lib/seq2seq/train.js";
import { addPeerGrads, halves, localPeer, shardStep, type ShardPeer } from "../../lib/seq2seq/shards.js";

export interface TrainerOptions { config: Seq2SeqConfig; seed: number; batchSize: number; lr: number; clip: number }

export class Trainer {
  readonly model: Seq2Seq;
  step = 0;
  private readonly rng: Rng;
  private readonly adam: Adam;
  private readonly peer: ShardPeer;
  private batches: DatePair[][] = [];

  constructor(private readonly pairs: DatePair[], private readonly o: TrainerOptions) {
    if (pairs.length < o.batchSize) throw new Error(`Trainer: needs at least batchSize (${o.batchSize}) pairs, got ${pairs.length}`);
    this.rng = new Rng(o.seed);
    this.model = createModel(o.config, this.rng);
    this.adam = new Adam(Object.values(this.model.params), o.lr);
    this.peer = localPeer(this.model);
  }

  get lr(): number { return this.adam.lr; }
  set lr(v: number) {
    if (!(v > 0 && v < 1)) throw new Error(`Trainer.lr: the learning rate must be in (0, 1), got ${v}`);
    this.adam.lr = v;
  }

  /** One batch: forward, backward, clip, Adam; returns the batch's mean loss. */
  next(): number {
    if (this.batches.length === 0) this.batches = epochBatches(this.pairs, this.o.batchSize, this.rng);
    const [mine, theirs] = halves(this.batches.pop()!);
    const rows = mine.length + theirs.length;
    this.peer.begin(theirs, rows);
    let loss = shardStep(this.model, mine, rows);
    loss += this.peer.end();
    addPeerGrads(this.model, this.peer.grads);
    clipGradNorm(Object.values(this.model.params), this.o.clip);
    this.adam.step();
    this.step++;
    return loss;
  }
}
