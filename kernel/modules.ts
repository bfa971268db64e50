// Loading what cells import. Project files (TypeScript, ES modules: `import.meta` works) load through the
// kernel's loader hooks (loader_hooks.mjs), relative to the notebook's folder. The kernel remembers each
// project file's version when it loaded; if one changes on disk (an edit, git checkout, npm ci), the next
// cell says so and later imports load a new generation of modules, which reads the new code instead of
// stale modules (and nothing waits on a watcher).
import { register, isBuiltin } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { fileVersion } from "./versions.js";
import { cacheDir } from "./check_client.js";

export class ModuleLoader {
  private generation = 1;
  /** Project files loaded by the current generation: path -> version when loaded. */
  private readonly loaded = new Map<string, string>();
  private readonly parentURL: string;
  private registered = false;

  constructor(private readonly cwd: string) {
    this.parentURL = pathToFileURL(path.join(cwd, "__cell__.ts")).href;
  }

  /** Registers the hooks (starts Node's loader thread, ~70 ms): done right after start-up. */
  warm(): void {
    if (this.registered) return;
    this.registered = true;
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (m: { file: string; version: string }) => { if (!this.loaded.has(m.file)) this.loaded.set(m.file, m.version); });
    port1.unref();
    register("./loader_hooks.mjs", { parentURL: import.meta.url, data: { port: port2, cacheDir: path.join(cacheDir, "js") }, transferList: [port2] });
  }

  /** Files loaded by earlier cells that changed since; the next imports then use a new generation. */
  changedFiles(): string[] {
    const changed = [...this.loaded].filter(([f, v]) => fileVersion(f) !== v).map(([f]) => path.relative(this.cwd, f));
    if (changed.length > 0) {
      this.generation += 1;
      this.loaded.clear();
    }
    return changed;
  }

  async load(specifier: string): Promise<any> {
    if (isBuiltin(specifier)) return import(specifier);
    this.warm();
    return import(`kernel-import:${JSON.stringify({ specifier, parentURL: this.parentURL, gen: this.generation })}`);
  }
}
