// Loading what cells import. Project files (TypeScript, ES modules: `import.meta` works) load through a
// tsx namespace, relative to the notebook's folder. The kernel remembers each file's version when it
// loaded; if one changes on disk (an edit, git checkout, npm ci), the next cell says so and imports go
// to a fresh namespace, so they read the new code instead of stale modules (and nothing waits on a watcher).
import { register } from "tsx/esm/api";
import { isBuiltin } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";
import { fileVersion } from "./versions.js";

type Api = ReturnType<typeof register> & { import: (s: string, parent: string) => Promise<any> };

export class ModuleLoader {
  private api: Api | null = null;
  private generation = 0;
  /** Project files loaded in the current namespace: path -> version when loaded. */
  private readonly loaded = new Map<string, string>();
  private readonly parent: string;

  constructor(private readonly cwd: string) {
    this.parent = pathToFileURL(path.join(cwd, "__cell__.ts")).href;
  }

  private namespace(): Api {
    if (!this.api) {
      this.generation += 1;
      this.api = register({
        namespace: `kernel-${process.pid}-${this.generation}`,
        onImport: (url: string) => {
          if (!url.startsWith("file:")) return;
          const file = fileURLToPath(url.replace(/\?.*$/, ""));
          if (!file.includes(`${path.sep}node_modules${path.sep}`)) this.loaded.set(file, fileVersion(file));
        },
      }) as Api;
    }
    return this.api;
  }

  /** Start tsx's loader thread early (it takes ~80 ms); harmless if never used. */
  warm(): void { this.namespace(); }

  /** Files loaded by earlier cells that changed since; switches to a fresh namespace if any did. */
  changedFiles(): string[] {
    const changed = [...this.loaded].filter(([f, v]) => fileVersion(f) !== v).map(([f]) => path.relative(this.cwd, f));
    if (changed.length > 0) {
      this.api = null;
      this.loaded.clear();
    }
    return changed;
  }

  async load(spec: string): Promise<any> {
    if (isBuiltin(spec)) return import(spec);
    return this.namespace().import(spec, this.parent);
  }
}
