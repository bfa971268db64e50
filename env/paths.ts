// Where the project keeps things: one place, so scripts, the site and the tests agree.
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const notebooksDir = path.join(root, "notebooks");
/** Generated files that are never committed: executed notebooks, screenshots, exported HTML. */
export const outDir = path.join(root, ".out");
/** The project-local Python environment with Jupyter (never committed). */
export const venvDir = path.join(root, ".venv");
/** What `.venv` is installed from: a lock with a hash for every file, made from requirements/jupyter.in. */
export const lockFile = path.join(root, "requirements", "jupyter.txt");
