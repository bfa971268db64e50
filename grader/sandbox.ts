// How a sandboxed child is started: the command line, limits, user and environment. One place, so each
// protection below is stated once with the attack it answers (see test/grader/isolation.test.ts).
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { courseRoot } from "./course_root.js";
import type { SpawnOptions } from "node:child_process";

const checkout = path.join(courseRoot, "grader"); // wherever the grader is run from
// Node 20 calls the sandbox --experimental-permission; later releases name it --permission.
const permissionFlag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
/** Below this whole-process cap Node itself cannot start (measured: 32 MB hangs at start-up, 48 MB starts). */
export const MIN_MEMORY_MB = 64;

const asRoot = process.getuid?.() === 0;
const prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => existsSync(p));
const unshare = ["/usr/bin/unshare", "/bin/unshare"].find((p) => existsSync(p));
/** Whether this machine lets root give a child empty network and IPC namespaces (a container may not). */
const netns = asRoot && !!unshare && spawnSync(unshare, ["--net", "--ipc", "--", "true"], { stdio: "ignore" }).status === 0;
/** Folders anyone may write to: a child could leave a file or a Unix socket there, removed after it ends. */
const SHARED = ["/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue", "/run/lock", "/tmp/.X11-unix", "/tmp/.ICE-unix"].filter((d) => existsSync(d));
const inUse = new Set<number>();

/**
 * child.mjs and wire.mjs where a child of another uid can read them: in the checkout when every folder above it
 * is searchable by others, else copied once into a fresh world-readable folder (a clone inside a private
 * `mktemp -d` folder, as CI makes, would otherwise leave the child unable to load its own script).
 */
export const childFiles: { child: string; wire: string } = (() => {
  const inCheckout = { child: path.join(checkout, "child.mjs"), wire: path.join(checkout, "wire.mjs") };
  if (!asRoot || readableByOthers(inCheckout.child)) return inCheckout;
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-child-"));
  chmodSync(dir, 0o755);
  for (const f of ["child.mjs", "wire.mjs"]) { copyFileSync(path.join(checkout, f), path.join(dir, f)); chmodSync(path.join(dir, f), 0o644); }
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return { child: path.join(dir, "child.mjs"), wire: path.join(dir, "wire.mjs") };
})();
export const childScript = childFiles.child;
let warned = false;
/** What is not covered here, said once per grader run. */
function note(): void {
  if (warned) return;
  warned = true;
  if (!prlimit) console.error("[grade] prlimit (util-linux) not found: memory outside the V8 heap is not capped");
  if (!asRoot) console.error("[grade] not running as root: children keep the grader's user and network (no network namespace, no uid of their own); grade as root for those");
  else if (!netns) console.error(`[grade] ${unshare ? "unshare --net failed here (a container without CAP_SYS_ADMIN?)" : "unshare (util-linux) not found"}: children can reach the network`);
}

export interface Sandbox { command: string; args: string[]; options: SpawnOptions; release(): void }

/**
 * The spawn arguments for one child running `bundlePath` (absolute) under these protections:
 * - Node's permission model: the child may read child.mjs, wire.mjs and its bundle, and nothing else;
 *   it cannot write files, start processes or threads;
 * - its own session and process group (`detached`), so the grader can kill everything it started;
 * - as root (Gradescope): a uid/gid of its own, unused by anyone (60000–64999, Debian's on-demand range), so it
 *   can signal no other process, not the grader and not another child; RLIMIT_NPROC bounds its threads;
 * - as root where the kernel allows it: empty network and IPC namespaces (unshare --net --ipc), so no TCP, UDP,
 *   DNS or listening socket reaches anything, and no abstract Unix socket or SysV IPC is shared with anyone;
 *   files and Unix socket files it leaves in the folders anyone may write to are removed when it ends (`release`);
 * - RLIMIT_CPU of `cpuSeconds` through prlimit (SIGXCPU, then SIGKILL a second later): the parent's clock counts wall
 *   time only, and a child keeping Node's thread pool busy (async crypto, zlib) burns several cores meanwhile,
 *   slowing the children of honest submissions beside it;
 * - RLIMIT_DATA of `memoryMb` through prlimit: the heap, typed arrays, Buffers and wasm all count, unlike
 *   --max-old-space-size (the heap only). RLIMIT_AS is unusable: Node reserves ~1 GB of address space to start;
 * - an empty environment.
 */
export function sandbox(bundlePath: string, memoryMb: number, cpuSeconds = 60): Sandbox {
  if (memoryMb < MIN_MEMORY_MB) throw new Error(`sandbox: memoryMb ${memoryMb} is below ${MIN_MEMORY_MB} MB, where Node cannot start`);
  const node = [process.execPath, permissionFlag, `--allow-fs-read=${childScript}`, `--allow-fs-read=${childFiles.wire}`, `--allow-fs-read=${bundlePath}`,
    `--max-old-space-size=${memoryMb}`, "--no-warnings", childScript, bundlePath];
  let uid: number | undefined;
  if (asRoot) {
    do uid = randomInt(60000, 65000); while (inUse.has(uid));
    inUse.add(uid);
  }
  const limits = [`--data=${memoryMb * 1024 * 1024}`, `--cpu=${cpuSeconds}:${cpuSeconds + 1}`, "--core=0", ...(asRoot ? ["--nproc=64"] : [])];
  note();
  const limited = prlimit ? [prlimit, ...limits, "--", ...node] : node;
  // unshare switches to the child's uid itself, after making the namespaces (which needs root); spawn does otherwise
  const command = netns ? [unshare!, "--net", "--ipc", `--setuid=${uid}`, `--setgid=${uid}`, "--", ...limited] : limited;
  return {
    command: command[0],
    args: command.slice(1),
    options: { stdio: ["pipe", "ignore", "pipe", "pipe"], env: {}, cwd: "/", detached: true, ...(netns ? {} : { uid, gid: uid }) },
    release: () => {
      if (uid === undefined) return;
      removeOwnedBy(uid);
      inUse.delete(uid);
    },
  };
}

/** Removes what user `uid` left in the folders anyone may write to (it can create nothing deeper elsewhere). */
function removeOwnedBy(uid: number): void {
  for (const dir of SHARED) {
    let names: string[];
    try { names = readdirSync(dir); } catch { continue; }
    for (const n of names) {
      const p = path.join(dir, n);
      try { if (lstatSync(p).uid === uid) rmSync(p, { recursive: true, force: true }); } catch { /* gone already */ }
    }
  }
}

/** The first folder above `file` that others cannot search, or `file` itself if they cannot read it; null if none. */
function unreadableStep(file: string): string | null {
  for (let p = file; ; p = path.dirname(p)) {
    if ((statSync(p).mode & (p === file ? 0o004 : 0o001)) === 0) return p;
    if (path.dirname(p) === p) return null;
  }
}
function readableByOthers(file: string): boolean { return unreadableStep(file) === null; }

/** Throws, naming the path, when an unprivileged child could not read `file` (every folder above needs o+x). */
export function assertWorldReadable(file: string): void {
  if (!asRoot) return;
  const p = unreadableStep(file);
  if (p !== null) throw new Error(`sandbox: ${p} is not ${p === file ? "readable" : "searchable"} by other users, so the unprivileged child cannot load ${file}`);
}

/** Whether children run under a uid of their own (only root can switch users). */
export const dropsPrivileges = asRoot;
/** Whether children get empty network and IPC namespaces. */
export const isolatesNetwork = netns;
