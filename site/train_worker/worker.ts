// The training page's Web Worker: trains the GRU-with-attention date translator from the recipe's seed
// (trainer.ts), a slice of steps at a time, yielding between slices so Pause, a new learning rate, a picked
// date or a typed date are answered while it trains. After each slice it sends the new losses and the picked
// date's attention; every `evalEvery` steps the accuracy on the 450 validation dates; at the end (the recipe's
// target or step limit) the accuracy on the 1,008 test dates. Nothing here is seen in training but `pairs`.
import { chooseBackend } from "../worker/choose_backend.js";
import { datePairs, heldOutPairs } from "../../lib/seq2seq/dates.js";
import { accuracy } from "../../lib/seq2seq/train.js";
import { TRAINING as R } from "../../lib/seq2seq/recipe.js";
import { Trainer } from "./trainer.js";

export type TrainRequest =
  | { type: "start"; maxSteps: number; pauseAt?: number; lr: number; pick: string }
  | { type: "pause" } | { type: "resume" }
  | { type: "lr"; lr: number }
  | { type: "pick"; text: string }
  | { type: "translate"; id: number; text: string };
export interface Attention { text: string; iso: string; attention: number[][] }
export type TrainReply =
  | { type: "progress"; step: number; losses: [number, number][]; seconds: number; pick: Attention | { error: string }; val?: [number, number]; running: boolean }
  | { type: "done"; step: number; seconds: number; valAccuracy: number; testAccuracy: number; backend: string }
  | { type: "paused"; step: number } // after Pause or ?pauseAt, once the last slice's progress is sent: nothing more comes until Resume
  | { type: "translated"; id: number; result: Attention | { error: string } }
  | { type: "error"; message: string };

const post = (m: TrainReply) => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);
const SLICE_MS = 150; // the page redraws about 6 times a second; shorter slices cost more in drawing than they give

let trainer: Trainer | null = null;
let running = false, finished = false, maxSteps = R.maxSteps, pauseAt = 0, pick = "", trainedMs = 0, lastVal = 0;
let backend = "";
const pairs = datePairs(R.pairs, { seed: R.seed });
const seen = new Set(pairs.map((p) => p.human));
const validation = heldOutPairs(R.validationPerFormat, R.seed + 1, seen);
const test = heldOutPairs(R.testPerFormat, R.seed + 2, seen);

function translateOne(text: string): Attention | { error: string } {
  const t = text.trim().toLowerCase();
  if (!trainer) return { error: "no model yet: press Train" };
  if (t.length === 0 || t.length > 40) return { error: `a date of 1 to 40 characters, please (got ${t.length})` };
  try {
    const [r] = trainer.model.translate([t]);
    return { text: t, iso: r.iso, attention: r.attention };
  } catch (e) { return { error: e instanceof Error ? e.message : String(e) }; }
}

function slice(): void {
  if (!trainer || !running || finished) return;
  const t0 = performance.now();
  const losses: [number, number][] = [];
  let val: [number, number] | undefined;
  while (performance.now() - t0 < SLICE_MS && trainer.step < maxSteps) {
    losses.push([trainer.step + 1, trainer.next()]);
    const evaluated = trainer.step % R.evalEvery === 0;
    if (evaluated) { lastVal = accuracy(trainer.model, validation); val = [trainer.step, lastVal]; }
    if (trainer.step === pauseAt) running = false; // a pause on a validation step still pauses
    if (evaluated || !running) break;
  }
  trainedMs += performance.now() - t0;
  finished = lastVal >= R.targetAccuracy || trainer.step >= maxSteps;
  post({ type: "progress", step: trainer.step, losses, seconds: trainedMs / 1000, pick: translateOne(pick), val, running: running && !finished });
  if (!running && !finished) post({ type: "paused", step: trainer.step }); // it paused itself (?pauseAt)
  if (finished) {
    running = false;
    const t1 = performance.now();
    const testAccuracy = accuracy(trainer.model, test);
    post({ type: "done", step: trainer.step, seconds: (trainedMs + performance.now() - t1) / 1000, valAccuracy: lastVal, testAccuracy, backend });
    return;
  }
  if (running) setTimeout(slice, 0); // lets the page's messages in between slices
}

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const m = e.data;
  try {
    if (m.type === "start") {
      if (trainer) throw new Error("start: already trained here; reload the page to train again");
      backend = chooseBackend();
      maxSteps = m.maxSteps;
      pauseAt = m.pauseAt ?? 0;
      pick = m.pick;
      trainer = new Trainer(pairs, { config: R.config, seed: R.seed, batchSize: R.batchSize, lr: m.lr, clip: R.clip });
      running = true;
      slice();
    } else if (m.type === "pause") { if (running) { running = false; post({ type: "paused", step: trainer!.step }); } }
    else if (m.type === "resume") { if (!running && !finished) { running = true; slice(); } }
    else if (m.type === "lr") { if (trainer) trainer.lr = m.lr; }
    else if (m.type === "pick") { pick = m.text; if (!running) post({ type: "translated", id: -1, result: translateOne(pick) }); }
    else if (m.type === "translate") post({ type: "translated", id: m.id, result: translateOne(m.text) });
  } catch (err) { post({ type: "error", message: err instanceof Error ? err.message : String(err) }); }
};
