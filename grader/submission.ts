// Finds the expected files in a submission as students send it: at any folder depth (Gradescope keeps the
// folders of a zip), copies, strays. Never follows a symbolic link (the grader runs as root) and reads only
// regular files, at most MAX_BYTES of each: a FIFO, socket or device under an expected name (tar keeps them) is
// refused by name, never opened, so it cannot hang the grader.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from "node:fs";
import path from "node:path";
import { shown } from "./sanitize.js";

export interface Found {
  /** expected name → absolute path of the file to grade */
  files: Map<string, string>;
  /** expected name → why it is not graded, in a student's terms */
  problems: Map<string, string>;
  /** expected name → the graded file's text, read once (later stages use a private copy of it, not the path) */
  texts: Map<string, string>;
}

const MAX_DEPTH = 8, MAX_ENTRIES = 5000, MAX_BYTES = 1 << 20;
/** Folders and files zip tools and editors add; never graded, never worth naming. */
const JUNK = /^(__MACOSX|\.DS_Store|\._.*|\.git|\.ipynb_checkpoints|node_modules|Thumbs\.db)$/;
/** What a directory entry that is neither a file, a folder nor a link is, for the student. */
const kindOf = (e: Dirent) => (e.isFIFO() ? "a FIFO (named pipe)" : e.isSocket() ? "a socket" : e.isCharacterDevice() || e.isBlockDevice() ? "a device" : "not a regular file");

/**
 * The text of a regular file, at most MAX_BYTES: opened without following links and without blocking, checked
 * to be a regular file on the open descriptor (what lstat saw may have changed), read no further than the cap.
 */
export function readSubmissionFile(p: string): string {
  const fd = openSync(p, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${path.basename(p)} is not a regular file`);
    // a hard link is a regular file that may be another file of this machine (the grader reads as root)
    if (st.nlink > 1) throw new Error(`${path.basename(p)} is a hard link to another file; upload the file itself`);
    if (st.size > MAX_BYTES) throw new Error(`${path.basename(p)} is over ${MAX_BYTES >> 20} MB`);
    const buf = Buffer.alloc(MAX_BYTES + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    if (n > MAX_BYTES) throw new Error(`${path.basename(p)} is over ${MAX_BYTES >> 20} MB`);
    return buf.subarray(0, n).toString("utf8");
  } finally { closeSync(fd); }
}
const show = (rel: string) => (/^[\w./ ()+-]{1,120}$/.test(rel) ? rel : shown(JSON.stringify(rel), 120));

/**
 * @example
 * findSubmission("sub", ["01_similarity.ts"]) // sub/hw/01_similarity.ts and sub/notes.ipynb
 * // => { files: Map { "01_similarity.ts" => "/…/sub/hw/01_similarity.ts" }, problems: Map {} }
 */
export function findSubmission(dir: string, expected: string[]): Found {
  const root = path.resolve(dir);
  const hits = new Map<string, string[]>(expected.map((f) => [f, []]));
  const links = new Map<string, string>(), folders = new Map<string, string>(), specials = new Map<string, string>();
  const strays: string[] = [];
  let entries = 0;
  const walk = (d: string, depth: number) => {
    let list: Dirent[];
    try { list = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of list.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++entries > MAX_ENTRIES || JUNK.test(e.name)) continue;
      const p = path.join(d, e.name), rel = path.relative(root, p);
      if (e.isSymbolicLink()) { if (hits.has(e.name)) links.set(e.name, rel); else strays.push(`${show(rel)} (a link)`); }
      else if (e.isDirectory()) { if (hits.has(e.name)) folders.set(e.name, rel); if (depth < MAX_DEPTH) walk(p, depth + 1); }
      else if (!e.isFile()) { if (hits.has(e.name)) specials.set(e.name, `${show(rel)} is ${kindOf(e)}`); else strays.push(`${show(rel)} (${kindOf(e)})`); }
      else if (hits.has(e.name)) hits.get(e.name)!.push(p);
      else strays.push(show(rel));
    }
  };
  walk(root, 0);

  const files = new Map<string, string>(), problems = new Map<string, string>(), texts = new Map<string, string>();
  const others = strays.length ? `; the submission has ${strays.slice(0, 8).join(", ")}${strays.length > 8 ? ` and ${strays.length - 8} more` : ""}` : "";
  const rel = (p: string) => show(path.relative(root, p));
  for (const [name, paths] of hits) {
    // the shallowest copy first, so a duplicate message lists the likeliest one first
    paths.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
    const big = paths.find((p) => lstatSync(p).size > MAX_BYTES);
    if (big) problems.set(name, `${rel(big)} is ${(lstatSync(big).size / 2 ** 20).toFixed(1)} MB; a solution file is at most ${MAX_BYTES >> 20} MB`);
    else if (paths.length >= 1) {
      let read: string[];
      try { read = paths.map(readSubmissionFile); } catch (e) { problems.set(name, `${name} could not be read: ${shown((e as Error).message, 200)}`); continue; }
      if (new Set(read).size > 1) problems.set(name, `${name} appears ${paths.length} times in the submission, with different contents (${paths.map(rel).join(", ")}): upload one copy`);
      else { files.set(name, paths[0]); texts.set(name, read[0]); }
    }
    else if (specials.has(name)) problems.set(name, `${specials.get(name)}, not a regular file; upload the file itself`);
    else if (folders.has(name)) problems.set(name, `${name} could not be read: EISDIR: ${show(folders.get(name)!)} is a folder`);
    else if (links.has(name)) problems.set(name, `${name} is a symbolic link (${show(links.get(name)!)}); upload the file itself`);
    else problems.set(name, `${name} was not found in the submission (expected ${expected.join(", ")}, at any folder depth${others})`);
  }
  return { files, problems, texts };
}
