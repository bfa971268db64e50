// The main thread's side of the type checker: a worker started at once (TypeScript loads while the
// kernel already answers), and an on-disk cache of clean checks so a notebook run again needs no
// TypeScript at all. A cache entry holds every file the check read with its mtime:size; any change
// (an edit, npm ci, git checkout) makes it miss. Only clean results are cached: an error is always fresh.
import { Worker } from "node:worker_threads";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CheckResult, WorkerRequest } from "./protocol.js";
import { fileVersion } from "./versions.js";

const here = import.meta.dirname;
export const cacheDir = path.join(here, "..", "node_modules", ".cache", "attention-kit-kernel");
const kernelSources = ["checker.ts", "cells.ts", "rewrite.ts"].map((f) => readFileSync(path.join(here, f), "utf8")).join("\0");

export class CheckClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  /** Source of every accepted cell, in order: with the new cell it determines the result. */
  private readonly accepted: string[] = [];
  readonly tsVersion: Promise<string>;

  constructor(private readonly cwd: string, private readonly useCache = process.env.KERNEL_CHECK_CACHE !== "0") {
    this.worker = new Worker(new URL("./checker_entry.mjs", import.meta.url), { workerData: { cwd } });
    this.worker.unref();
    this.tsVersion = new Promise((resolve) => this.worker.once("message", (m) => resolve(m.ready)));
    this.worker.on("message", (m: { id?: number; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result);
    });
    this.worker.on("error", (e) => { for (const p of this.pending.values()) p.reject(e); this.pending.clear(); });
  }

  request<T>(req: WorkerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => { this.pending.set(id, { resolve, reject }); this.worker.postMessage({ ...req, id }); });
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
          this.accepted.push(code);
          void this.request({ op: "adopt", code, deps: hit.deps! });
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

  close(): Promise<number> { return this.worker.terminate(); }
}
