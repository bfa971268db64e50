// node:path (POSIX) for the worker's virtual course folder: what lib and grader/cases.ts use.
import { cwd } from "./fs.js";

const normalize = (p: string): string => {
  const abs = p.startsWith("/"), out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") { if (out.length && out.at(-1) !== "..") out.pop(); else if (!abs) out.push(".."); } else out.push(part);
  }
  return (abs ? "/" : "") + out.join("/") || (abs ? "/" : ".");
};
export const sep = "/";
export const join = (...parts: string[]): string => normalize(parts.filter(Boolean).join("/"));
export const resolve = (...parts: string[]): string => {
  let p = cwd();
  for (const part of parts) p = part.startsWith("/") ? part : `${p}/${part}`;
  return normalize(p);
};
export const dirname = (p: string): string => { const n = normalize(p), i = n.lastIndexOf("/"); return i < 0 ? "." : i === 0 ? "/" : n.slice(0, i); };
export const basename = (p: string, ext?: string): string => { const b = normalize(p).split("/").pop() ?? ""; return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b; };
export const extname = (p: string): string => { const m = /\.[^./]*$/.exec(basename(p)); return m ? m[0] : ""; };
export const isAbsolute = (p: string): boolean => p.startsWith("/");
export const relative = (from: string, to: string): string => {
  const a = resolve(from).split("/").filter(Boolean), b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
};
export { normalize };
export default { sep, join, resolve, dirname, basename, extname, isAbsolute, relative, normalize };
