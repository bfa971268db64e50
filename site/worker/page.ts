// The live lesson page (bundled to live.js, a few KB): every code cell becomes an editor with Run and Reset,
// a bar with Run all and Stop, and the exercise editor with Check. Cells run in a Web Worker made on the
// first Run from worker.js (the library, TypeScript and the cell runner) and files.js (the data files and the
// public cases), both loaded by <script> tags so the page works from file:// as from any static host. Stop
// terminates the worker (a `while (true) {}` included) and the next Run starts a fresh one.
import { downloadExercises, exerciseEditor, exerciseSources, stubs } from "./exercises_page.js";
import { editor } from "./editor.js";
import { explorerPanel } from "./explorer_page.js";
import { fitCharts, renderOutput, type Message } from "./render_page.js";

declare global {
  interface Window { attentionKitWorker?: () => void; attentionKitCourseFiles?: Record<string, string>; attentionKitTypes?: Record<string, string>; attentionKitLive?: unknown }
}

interface LiveCell { index: number; section: HTMLElement; area: HTMLTextAreaElement; original: string; outputs: HTMLElement; prompt: HTMLElement; texts: { type: string; text: string }[]; charts: number; ms: number }

const status = document.createElement("span");
let worker: Worker | null = null;
let ready: Promise<Worker> | null = null;
let nextId = 1, count = 0;
/** One request to the worker: where its outputs go. */
interface Target { id: number; cell: LiveCell | null; sink: HTMLElement; texts: LiveCell["texts"]; done: (ms: number) => void }
let current: Target | null = null;
let queue: Promise<unknown> = Promise.resolve();
let generation = 0;
let backend = "";

/** Each script is requested once (a Stop while loading does not request it again); a failed one may be retried. */
const scripts = new Map<string, Promise<void>>();
const loadScript = (src: string): Promise<void> => {
  let p = scripts.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => resolve();
      s.onerror = () => { s.remove(); scripts.delete(src); reject(new Error(`could not load ${src}`)); };
      document.head.append(s);
    });
    scripts.set(src, p);
  }
  return p;
};

/** Thrown to whoever waits on a runner that Stop abandoned while it was loading: not an error to show. */
class Stopped extends Error {}
/** Ends the runner that is still loading (set while it loads). */
let abandonLoading: (() => void) | null = null;

function startWorker(): Promise<Worker> {
  ready ??= (async (): Promise<Worker> => {
    const gen = generation;
    let stopped = false, w: Worker | null = null, cancel: (e: Error) => void = () => {};
    // Stop ends the wait at once (the scripts may still be arriving; the worker may still be starting)
    const cancelled = new Promise<never>((_, reject) => { cancel = reject; });
    cancelled.catch(() => { /* only raced */ });
    const abandon = () => { stopped = true; w?.terminate(); cancel(new Stopped("stopped while loading")); };
    abandonLoading = abandon;
    try {
      setStatus("loading the runner (library and TypeScript, first time only)…");
      // the three scripts at once (the worker's code, the files cells read, the types cells are checked against)
      await Promise.race([cancelled, Promise.all([
        window.attentionKitWorker ? null : loadScript("live/worker.js"),
        window.attentionKitCourseFiles ? null : loadScript("live/files.js"),
        window.attentionKitTypes ? null : loadScript("live/types.js"),
      ])]);
      if (stopped || gen !== generation) throw new Stopped("stopped while loading");
      const url = URL.createObjectURL(new Blob([`(${window.attentionKitWorker!.toString()})()`], { type: "text/javascript" }));
      const runner = new Worker(url);
      w = runner;
      runner.onmessage = (e: MessageEvent<Message>) => onMessage(e.data);
      await Promise.race([cancelled, new Promise<void>((resolve, fail) => {
        // an error before "ready" (a browser that cannot run the runner): said in the bar, and Run may try again
        runner.onerror = (e) => { e.preventDefault(); fail(new Error(`the runner failed to start: ${e.message}`)); };
        const first = (e: MessageEvent<Message>) => {
          if (e.data.type !== "ready") return;
          runner.removeEventListener("message", first);
          backend = e.data.backend === "wasm" ? `WebAssembly kernels${e.data.relaxedSimd ? ", fused multiply-add" : ""}` : "readable TypeScript kernels";
          resolve();
        };
        runner.addEventListener("message", first);
        runner.postMessage({ type: "init", files: window.attentionKitCourseFiles, types: window.attentionKitTypes, exercises: exerciseSources(), cleanChecks: cleanChecks() });
      })]).catch((e: Error) => { runner.terminate(); throw e; });
    } finally {
      if (abandonLoading === abandon) abandonLoading = null; // not a later runner's
    }
    const runner = w!;
    if (stopped) { runner.terminate(); throw new Stopped("stopped while loading"); }
    runner.onerror = (e) => { e.preventDefault(); };
    worker = runner;
    setStatus(`ready (${backend})`);
    return runner;
  })().catch((e: Error) => {
    if (e instanceof Stopped) throw e; // stop() has reset `ready` and said so in the bar
    ready = null; setStatus(e.message); throw e;
  });
  return ready;
}

/** Where each request's outputs go, kept after it ends: a timer may still print or throw under its cell. */
const targets = new Map<number, Target>();

const explored = new Map<number, (r: { example?: unknown; error?: string }) => void>();

/** The explorer's own input (a typed date, edited word features) computed in the worker. */
export async function explore(payload: Record<string, unknown>): Promise<{ example?: unknown; error?: string }> {
  let w: Worker;
  try { w = await startWorker(); } catch (e) { return { error: (e as Error).message }; }
  const id = nextId++;
  return new Promise((resolve) => { explored.set(id, resolve); w.postMessage({ type: "explore", id, ...payload }); });
}

/** Keys of cells that type-checked clean in this browser (see CellChecker): a lesson run again checks nothing. */
const CLEAN_KEY = "attention-kit:clean-checks";
const cleanChecks = (): string[] => { try { return JSON.parse(localStorage.getItem(CLEAN_KEY) ?? "[]") as string[]; } catch { return []; } };
function rememberClean(key: string): void {
  try { localStorage.setItem(CLEAN_KEY, JSON.stringify([...cleanChecks().filter((k) => k !== key), key].slice(-3000))); } catch { /* storage full or blocked: checks run afresh */ }
}

function onMessage(m: Message): void {
  if (m.type === "clean-check") { rememberClean(m.key); return; }
  if (m.type === "explored") { explored.get(m.id)?.(m); explored.delete(m.id); return; }
  const target = "id" in m ? targets.get(m.id) : undefined;
  if (!target) return;
  if (m.type === "done") { if (current === target) current.done(m.ms); return; }
  const el = renderOutput(m, target.texts);
  if (el) target.sink.append(el);
  if (m.type === "display" && target.cell) target.cell.charts += 1;
}

function setStatus(s: string): void { status.textContent = s; }

/** Runs one request in the worker; outputs go to `sink`. Resolves with the time the worker took, or null if stopped. */
function request(kind: "run" | "check", payload: Record<string, unknown>, sink: HTMLElement, cell: LiveCell | null): Promise<number | null> {
  const gen = generation;
  const job = queue.then(async () => {
    if (gen !== generation) return null; // Stop pressed while this waited
    let w: Worker;
    try { w = await startWorker(); } catch (e) {
      if (e instanceof Stopped || gen !== generation) return null; // Stop pressed while the runner loaded
      sink.replaceChildren(renderOutput({ type: "error", id: 0, ename: "Error", evalue: (e as Error).message, traceback: [] }, cell?.texts ?? [])!);
      return null;
    }
    if (gen !== generation) return null;
    const id = nextId++;
    sink.replaceChildren();
    if (cell) { cell.texts.length = 0; cell.charts = 0; cell.section.classList.add("running"); }
    const result = await new Promise<number | null>((resolve) => {
      const target: Target = { id, cell, sink, texts: cell?.texts ?? [], done: resolve };
      for (const [k, v] of targets) if (v.sink === sink) targets.delete(k); // a re-run replaces the cell's outputs
      targets.set(id, target);
      current = target;
      stopCurrent = () => resolve(null);
      w.postMessage({ type: kind, id, ...payload, exercises: exerciseSources() });
    });
    cell?.section.classList.remove("running");
    current = null;
    return result;
  });
  queue = job.catch(() => null);
  return job;
}
let stopCurrent: (() => void) | null = null;

async function runCell(cell: LiveCell): Promise<boolean> {
  cell.prompt.textContent = "In [*]:";
  const n = ++count;
  const ms = await request("run", { code: cell.area.value, count: n }, cell.outputs, cell);
  cell.prompt.textContent = ms === null ? "In [ ]:" : `In [${n}]:`;
  cell.ms = ms ?? 0;
  if (ms !== null) setStatus(`ran cell ${cell.index + 1} in ${(ms / 1000).toFixed(2)} s`);
  return ms !== null && !cell.texts.some((t) => t.type === "error");
}

/** Ends whatever runs: the worker is terminated (a busy loop cannot be interrupted otherwise) and restarted on the next Run. */
function stop(): void {
  generation += 1;
  const running = current as Target | null;
  abandonLoading?.(); // a runner still loading is dropped too: the queued Runs see the new generation and end
  abandonLoading = null;
  worker?.terminate();
  worker = null; ready = null; count = 0;
  targets.clear();
  if (running) {
    const note = document.createElement("pre");
    note.className = "output stream stderr";
    note.textContent = "Stopped: the runner was restarted, so names from earlier cells are gone. Run the cells you need again (or Run all).";
    running.sink.append(note);
    running.texts.push({ type: "stopped", text: note.textContent });
    running.cell?.section.classList.remove("running");
  }
  current = null;
  stopCurrent?.();
  stopCurrent = null;
  setStatus("stopped");
}

function button(label: string, title: string, onClick: () => void, cls = ""): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button"; b.textContent = label; b.title = title; b.className = cls;
  b.addEventListener("click", onClick);
  return b;
}

function enhance(): void {
  const sections = [...document.querySelectorAll<HTMLElement>("main section.code")];
  if (sections.length === 0) return;
  fitCharts();
  const cells: LiveCell[] = sections.map((section, index) => {
    const pre = section.querySelector("pre.source")!;
    const original = pre.textContent ?? "";
    const area = editor(original, () => void runCell(cell));
    const outputs = document.createElement("div");
    outputs.className = "outputs";
    for (const o of [...section.querySelectorAll(":scope > .output")]) outputs.append(o);
    const prompt = section.querySelector<HTMLElement>(".prompt")!;
    const bar = document.createElement("div");
    bar.className = "cell-bar";
    const cell: LiveCell = { index, section, area, original, outputs, prompt, texts: [], charts: 0, ms: 0 };
    bar.append(button("Run ▶", "Run this cell (Shift+Enter)", () => void runCell(cell), "run"), button("Reset cell", "Back to the course's text", () => { area.value = original; area.dispatchEvent(new Event("input")); }, "reset"));
    pre.replaceWith(area);
    section.append(bar, outputs);
    return cell;
  });
  const runAll = async () => {
    const t0 = performance.now(), gen = generation;
    for (const c of cells) if (gen !== generation || !(await runCell(c))) break;
    if (gen === generation) setStatus(`Run all: ${((performance.now() - t0) / 1000).toFixed(1)} s`); // else the bar says "stopped"
    return (performance.now() - t0) / 1000;
  };
  const top = document.createElement("div");
  top.className = "live-bar";
  top.append(button("Run all", "Run every cell from the top", () => void runAll(), "run-all"), button("Stop ■", "Stop the running cell (restarts the runner)", stop, "stop"), status);
  document.querySelector("main")!.prepend(top);
  setStatus("cells are editable; Run starts the runner in this page (nothing is installed or sent anywhere)");
  const ex = exerciseEditor((file, sink) => request("check", { file }, sink, null));
  if (ex) document.querySelector("main nav.prevnext:last-of-type")?.before(ex) ?? document.querySelector("main")!.append(ex);
  window.attentionKitLive = { cells, runAll, stop, runCell, stubs, downloadExercises, whenIdle: () => queue, backend: () => backend };
  // The runner (~6 MB) starts loading when the learner shows intent (an edit, a pointer on a Run button), not with the page.
  const warm = () => { startWorker().catch(() => { /* said in the bar; the next Run tries again */ }); document.removeEventListener("focusin", onIntent); document.removeEventListener("pointerover", onIntent); };
  const onIntent = (e: Event) => { const el = e.target as HTMLElement; if (el.matches?.("textarea.source-editor, button.run, button.run-all, button.check")) warm(); };
  document.addEventListener("focusin", onIntent);
  document.addEventListener("pointerover", onIntent);
}

enhance();
if (document.getElementById("explorer-data")) explorerPanel(explore, setStatus, status);
window.attentionKitLive ??= { explore };
