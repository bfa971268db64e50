// node:fs in the browser worker: a read-only virtual course folder (/course) holding notebooks/data and the
// public cases, sent by the page (files.js). Cells run in /course/notebooks, as the kernel runs in notebooks/.
const ROOT = "/course";
let files = new Map<string, string>();
let dir = `${ROOT}/notebooks`;

/** Fills the folder: paths relative to the course root. */
export function mountCourseFiles(byPath: Record<string, string>): void {
  files = new Map(Object.entries(byPath).map(([p, text]) => [`${ROOT}/${p}`, text]));
}
export const cwd = (): string => dir;
export const chdir = (d: string): void => { dir = d; };

const abs = (p: string | URL): string => {
  const s = String(p).replace(/^file:\/\//, "");
  const parts: string[] = [];
  for (const part of (s.startsWith("/") ? s : `${dir}/${s}`).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop(); else parts.push(part);
  }
  return `/${parts.join("/")}`;
};
const enoent = (syscall: string, p: string | URL) => Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${String(p)}' (in the browser, cells can read: ${[...files.keys()].map((f) => f.replace(`${ROOT}/notebooks/`, "").replace(`${ROOT}/`, "../")).join(", ")})`), { code: "ENOENT" });
const readOnly = (what: string) => () => { throw new Error(`fs.${what}: the course in the browser is read-only`); };

export function readFileSync(p: string | URL, _enc?: unknown): string {
  const text = files.get(abs(p));
  if (text === undefined) throw enoent("open", p);
  return text;
}
export const existsSync = (p: string | URL): boolean => files.has(abs(p)) || [...files.keys()].some((f) => f.startsWith(`${abs(p)}/`));
export const readdirSync = (p: string | URL): string[] => {
  const d = `${abs(p)}/`;
  return [...new Set([...files.keys()].filter((f) => f.startsWith(d)).map((f) => f.slice(d.length).split("/")[0]))].sort();
};
export const writeFileSync = readOnly("writeFileSync"), mkdirSync = readOnly("mkdirSync"), rmSync = readOnly("rmSync"), appendFileSync = readOnly("appendFileSync");
export const writeSync = (_fd: number, _s: string): void => {};
export const promises = { readFile: async (p: string | URL) => readFileSync(p) };
export default { readFileSync, existsSync, readdirSync, writeFileSync, mkdirSync, rmSync, appendFileSync, writeSync, promises };
