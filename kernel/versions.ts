// A file's version for the kernel's caches: mtime and size, "missing" when it is gone.
import { statSync } from "node:fs";

export function fileVersion(file: string): string {
  try { const s = statSync(file); return `${s.mtimeMs}:${s.size}`; } catch { return "missing"; }
}
