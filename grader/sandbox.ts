// How a sandboxed child is started: the command line, limits, user and environment. One place, so each
// protection below is stated once with the attack it answers (see test/grader/isolation.test.ts).
import { existsSync, statSync } from "node:fs";
import { randomInt } from "node:crypto";
import path from "node:path";
import type { SpawnOptions } from "node:child_process";

export const childScript = path.resolve(process.cwd(), "grader", "child.mjs");
const wireScript = path.resolve(process.cwd(), "grader", "wire.mjs");
// Node 20 calls the sandbox --experimental-permission; later releases name it --permission.
const permissionFlag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
/** Below this whole-process cap Node itself cannot start (measured: 32 MB hangs at start-up, 48 MB starts). */
export const MIN_MEMORY_MB = 64;

const asRoot = process.getuid?.() === 0;
const prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => existsSync(p));
const inUse = new Set<number>();
let warned = false;

export interface Sandbox { command: string; args: string[]; options: SpawnOptions; release(): void }

/**
 * The spawn arguments for one child running `bundlePath` (absolute) under these protections:
 * - Node's permission model: the child may read child.mjs, wire.mjs and its bundle, and nothing else;
 *   it cannot write files, start processes or threads;
 * - its own session and process group (`detached`), so the grader can kill everything it started;
 * - as root (Gradescope): a uid/gid of its own, unused by anyone (60000–64999, Debian's on-demand range), so it
 *   can signal no other process, not the grader and not another child; RLIMIT_NPROC bounds its threads;
 * - RLIMIT_DATA of `memoryMb` through prlimit: the heap, typed arrays, Buffers and wasm all count, unlike
 *   --max-old-space-size (the heap only). RLIMIT_AS is unusable: Node reserves ~1 GB of address space to start;
 * - an empty environment.
 */
export function sandbox(bundlePath: string, memoryMb: number): Sandbox {
  if (memoryMb < MIN_MEMORY_MB) throw new Error(`sandbox: memoryMb ${memoryMb} is below ${MIN_MEMORY_MB} MB, where Node cannot start`);
  const node = [process.execPath, permissionFlag, `--allow-fs-read=${childScript}`, `--allow-fs-read=${wireScript}`, `--allow-fs-read=${bundlePath}`,
    `--max-old-space-size=${memoryMb}`, "--no-warnings", childScript, bundlePath];
  let uid: number | undefined;
  if (asRoot) {
    do uid = randomInt(60000, 65000); while (inUse.has(uid));
    inUse.add(uid);
  }
  const limits = [`--data=${memoryMb * 1024 * 1024}`, "--core=0", ...(asRoot ? ["--nproc=64"] : [])];
  if (!prlimit && !warned) { warned = true; console.error("[grade] prlimit (util-linux) not found: memory outside the V8 heap is not capped"); }
  return {
    command: prlimit ?? node[0],
    args: prlimit ? [...limits, "--", ...node] : node.slice(1),
    options: { stdio: ["pipe", "ignore", "pipe", "pipe"], env: {}, cwd: "/", detached: true, uid, gid: uid },
    release: () => { if (uid !== undefined) inUse.delete(uid); },
  };
}

/** Throws, naming the path, when an unprivileged child could not read `file` (every folder above needs o+x). */
export function assertWorldReadable(file: string): void {
  if (!asRoot) return;
  for (let p = file; ; p = path.dirname(p)) {
    const need = p === file ? 0o004 : 0o001;
    if ((statSync(p).mode & need) === 0) throw new Error(`sandbox: ${p} is not ${p === file ? "readable" : "searchable"} by other users, so the unprivileged child cannot load ${file}`);
    if (path.dirname(p) === p) break;
  }
}

/** Whether children run under a uid of their own (only root can switch users). */
export const dropsPrivileges = asRoot;
