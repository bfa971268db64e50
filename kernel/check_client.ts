// The main thread's side of the type checker: a worker started at once (TypeScript loads while the
// kernel already answers), and an on-disk cache of clean checks so a notebook run again needs no
// TypeScript at all. A cache entry holds every file the check read with its mtime:size; any change
// (an edit, npm ci, git checkout) makes it miss. Only clean results are cached: an error is always fresh.
import { Worker } from "node:worker_threads";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CheckResult, WorkerRequest } from "./protocol.js";
import { fileVersion } from "./versions.js";

const here = import.meta.dirname;
export const cacheDir = path.join(here, "..", "node_modules", ".cache", "attention-kit-kernel");
// What a cached check depends on besides the cells: the checker and the cell compiler (../cell/).
const kernelSources = ["checker.ts", "../cell/scope.ts", "../cell/rewrite.ts", "../cell/compile.ts"].map((f) => readFileSync(path.join(here, f), "utf8")).join("\0");

const MONTH_MS = 30 * 24 * 3600 * 1000;

/** Drops cache entries (checks and transpiled files) unused for a month, so the cache cannot grow forever. */
function pruneCache(): void {
  for (const dir of [cacheDir, path.join(cacheDir, "js")]) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const n of names) {
      try { if (n !== "js" && Date.now() - statSync(path.join(dir, n)).mtimeMs > MONTH_MS) rmSync(path.join(dir, n)); } catch { /* raced */ }
    }
  }
}

export class CheckClient {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  /** Messages for a worker not started yet (cells adopted from the cache). */
  private readonly backlog: object[] = [];
  /** Source of every accepted cell, in order: with the new cell it determines the result. */
  private readonly accepted: string[] = [];

  constructor(private readonly cwd: string, private readonly useCache = process.env.KERNEL_CHECK_CACHE !== "0") {
    // TypeScript takes ~0.5 s of CPU to load: start it shortly after the kernel, not while the first
    // (usually cached) cell loads the library; a cache miss or a completion request starts it at once.
    setTimeout(() => { this.start(); pruneCache(); }, 1500).unref();
  }

  private restarts = 0;

  private start(): Worker {
    if (this.worker) return this.worker;
    // A replacement checker first learns the cells accepted so far, so later cells still see their names.
    if (this.restarts++ > 0) this.backlog.unshift(...this.accepted.map((code) => ({ op: "adopt", code, deps: [], id: -1 })));
    const w = new Worker(new URL("./checker_entry.mjs", import.meta.url), { workerData: { cwd: this.cwd, cacheDir } });
    w.unref();
    w.on("message", (m: { id?: number; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result);
    });
    // A dead checker (crash, out of memory) fails what waits on it; the next request starts a new one.
    const fail = (e: Error) => { for (const p of this.pending.values()) p.reject(e); this.pending.clear(); this.worker = null; };
    w.on("error", fail);
    w.on("exit", (code) => { if (this.worker === w) fail(new Error(`the type checker stopped (exit code ${code}); run the cell again`)); });
    for (const m of this.backlog.splice(0)) w.postMessage(m);
    return (this.worker = w);
  }

  request<T>(req: WorkerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => { this.pending.set(id, { resolve, reject }); this.start().postMessage({ ...req, id }); });
  }

  /** A request whose answer nobody waits for; kept until the worker starts. */
  private tell(req: WorkerRequest): void {
    const msg = { ...req, id: -1 };
    if (this.worker) this.worker.postMessage(msg); else this.backlog.push(msg);
  }

  private key(code: string): string {
    return createHash("sha256").update(JSON.stringify([kernelSources, this.cwd, this.accepted, code])).digest("hex");
  }

  async check(code: string): Promise<CheckResult> {
    const key = this.key(code);
    const file = path.join(cacheDir, `${key}.json`);
    if (this.useCache) {
      try {
        const hit = JSON.parse(readFileSync(file, "utf8")) as CheckResult;
        if (hit.deps!.every(([f, v]) => fileVersion(f) === v)) {
          try { const now = new Date(); utimesSync(file, now, now); } catch { /* read-only */ }
          this.accepted.push(code);
          this.tell({ op: "adopt", code, deps: hit.deps! });
          return hit;
        }
      } catch { /* no entry: check */ }
    }
    const result = await this.request<CheckResult>({ op: "check", code });
    if (result.diagnostics.length === 0) {
      this.accepted.push(code);
      if (this.useCache) {
        try {
          mkdirSync(cacheDir, { recursive: true });
          writeFileSync(`${file}.tmp${process.pid}`, JSON.stringify(result));
          renameSync(`${file}.tmp${process.pid}`, file);
        } catch { /* a read-only install just runs uncached */ }
      }
    }
    return result;
  }

  async close(): Promise<void> { await this.worker?.terminate(); }
}
