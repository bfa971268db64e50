// The training page's main thread (bundled into train/train.js): starts train_worker/worker.ts from a Blob
// (Chromium refuses `new Worker("file://…")`), and draws what it sends with the page's plotly.js — the loss
// curve, the picked date's alignment heatmap, the accuracies — and the controls: Train, Pause/Resume, the
// learning rate, the date to watch, and a box to translate typed dates with the model being trained.
import type { Attention, TrainReply, TrainRequest } from "./train_worker/worker.js";

interface Plotly { react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown> }
declare global { interface Window { attentionKitTrainWorker?: () => void } }
const plotly = (window as unknown as { attentionKitPlotly: Promise<Plotly> }).attentionKitPlotly;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $("train-status"), trainBtn = $<HTMLButtonElement>("train"), pauseBtn = $<HTMLButtonElement>("pause");
const lr = $<HTMLSelectElement>("lr"), pickText = $<HTMLInputElement>("pick-text"), lossEl = $("loss"), heatEl = $("heatmap");
const result = $("train-result"), translateOut = $<HTMLOutputElement>("translate-out");
const params = new URLSearchParams(location.search);
/** ?steps=30 caps a run (the page's test); ?pauseAt=5 pauses it after step 5, to look at an early model. */
function stepParam(name: string, fallback: number): number {
  const v = params.get(name);
  if (v === null) return fallback;
  if (!/^[1-9][0-9]{0,5}$/.test(v)) throw new Error(`train.html: ?${name} is a whole number of steps from 1, got "${v}"`);
  return Number(v);
}
let maxSteps = 600, pauseAt = 0;
try { maxSteps = stepParam("steps", 600); pauseAt = stepParam("pauseAt", 0); } catch (e) { status.textContent = (e as Error).message; trainBtn.disabled = true; }

const worker = new Worker(URL.createObjectURL(new Blob([`(${window.attentionKitTrainWorker!.toString()})()`], { type: "text/javascript" })));
const send = (m: TrainRequest) => worker.postMessage(m);
const steps: number[] = [], losses: number[] = [], valSteps: number[] = [], vals: number[] = [];
let running = false, started = false, translateId = 0;
const config = { displayModeBar: false, responsive: true };
const narrow = () => lossEl.clientWidth < 500;

/** The whole curve each time, as fresh arrays: react() skips arrays it has drawn already, even if they grew. */
function drawLoss(): void {
  void plotly.then((P) => P.react(lossEl, [
    { x: steps.slice(), y: losses.slice(), name: "batch loss", mode: "lines", line: { width: 1 } },
    { x: valSteps.slice(), y: vals.slice(), name: "validation accuracy", mode: "lines+markers", yaxis: "y2" },
  ], {
    height: 300, margin: { l: 50, r: 50, t: 30, b: 40 }, legend: { orientation: "h", x: 0, y: 1.12 },
    xaxis: { title: { text: "step" } }, yaxis: { title: { text: "loss" }, type: "log" },
    yaxis2: { title: { text: narrow() ? "" : "accuracy" }, overlaying: "y", side: "right", range: [0, 1], autorange: false, dtick: 0.25, tickformat: ".0%", showgrid: false },
  }, config));
}

/** Draws the picked date's weights; data-step says which step's model the drawn map is (the page's test reads it). */
function drawHeatmap(a: Attention | { error: string }, step: number): void {
  if ("error" in a) { $("pick-out").textContent = a.error; return; }
  $("pick-out").textContent = `→ ${a.iso}`;
  heatEl.dataset.iso = a.iso;
  const xs = [...a.text], ys = [...a.iso.padEnd(10)];
  void plotly.then((P) => P.react(heatEl, [{
    type: "heatmap", z: a.attention, zmin: 0, zmax: 1, colorscale: [[0, "#ffffff"], [1, "#08306b"]], showscale: !narrow(),
    x: xs.map((_, j) => j), y: ys.map((_, i) => i), hovertemplate: "output %{y}, input %{x}: %{z:.2f}<extra></extra>",
  }], {
    height: 320, margin: { l: 40, r: 10, t: 10, b: 50 },
    xaxis: { tickvals: xs.map((_, j) => j), ticktext: xs.map((c) => (c === " " ? "␣" : c)), title: { text: "input (the date you picked)" }, tickfont: { family: "monospace" } },
    yaxis: { tickvals: ys.map((_, i) => i), ticktext: ys, autorange: "reversed", title: { text: "output" }, tickfont: { family: "monospace" } },
  }, config).then(() => { heatEl.dataset.step = String(step); }));
}

worker.onmessage = (e: MessageEvent<TrainReply>) => {
  const m = e.data;
  if (m.type === "progress") {
    for (const [s, l] of m.losses) { steps.push(s); losses.push(l); }
    if (m.val) { valSteps.push(m.val[0]); vals.push(m.val[1]); }
    status.dataset.step = String(m.step);
    status.textContent = `step ${m.step} of at most ${maxSteps} · loss ${losses.at(-1)?.toFixed(4)} · validation ${vals.length ? (100 * vals.at(-1)!).toFixed(1) + " %" : "—"} · ${m.seconds.toFixed(1)} s of training`;
    drawLoss();
    drawHeatmap(m.pick, m.step);
  } else if (m.type === "done") {
    running = false;
    pauseBtn.disabled = true;
    status.dataset.done = "1";
    result.textContent = `Trained: ${m.step} steps in ${m.seconds.toFixed(1)} s (${m.backend} backend). Validation ${(100 * m.valAccuracy).toFixed(1)} %; ` +
      `${(100 * m.testAccuracy).toFixed(1)} % exactly right on 1,008 dates it never saw.`;
    result.dataset.seconds = String(m.seconds);
    result.dataset.test = String(m.testAccuracy);
  } else if (m.type === "paused") { // after Pause, or by itself (?pauseAt); the page's test waits for data-paused
    running = false;
    pauseBtn.textContent = "Resume";
    status.dataset.paused = String(m.step);
  } else if (m.type === "translated") {
    if (m.id === -1) drawHeatmap(m.result, steps.at(-1) ?? 0);
    else translateOut.textContent = "error" in m.result ? m.result.error : `→ ${m.result.iso}`;
  } else status.textContent = `Error: ${m.message}`;
};
worker.onerror = (e) => { status.textContent = `The training worker failed: ${e.message}`; };

trainBtn.addEventListener("click", () => {
  if (started) return;
  started = running = true;
  trainBtn.disabled = true;
  pauseBtn.disabled = false;
  status.textContent = "starting…";
  send({ type: "start", maxSteps, pauseAt, lr: Number(lr.value), pick: pickText.value });
});
pauseBtn.addEventListener("click", () => {
  running = !running;
  send({ type: running ? "resume" : "pause" });
  if (running) delete status.dataset.paused;
  pauseBtn.textContent = running ? "Pause" : "Resume";
});
lr.addEventListener("change", () => send({ type: "lr", lr: Number(lr.value) }));
$("pick-form").addEventListener("submit", (e) => { e.preventDefault(); send({ type: "pick", text: pickText.value }); });
$("translate-form").addEventListener("submit", (e) => {
  e.preventDefault();
  translateOut.textContent = "translating…";
  send({ type: "translate", id: ++translateId, text: $<HTMLInputElement>("translate-text").value });
});
