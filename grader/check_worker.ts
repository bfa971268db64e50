// The type checker's own process (started by grader/checker.ts): warms the library declarations once, says
// "ready", then answers { files, allowed } file by file, as each is done, so the parent can time every file on
// its own: { file, compiling: true } as its bundle starts, then { file, checked }. A file whose types or
// bundle explode costs this process (and the esbuild service it started, which ends with it): the parent kills it.
import { stop } from "esbuild";
import { checkEach, warmUp } from "./typecheck.js";

// the grader ended (its own process group holds this one apart from a terminal's Ctrl-C): end with it, and end
// the esbuild service too, which may be busy in a bundle
process.on("disconnect", () => { stop(); process.exit(0); });

warmUp();
process.send!("ready");
process.on("message", async (m: { files: string[]; allowed: Record<string, string[]> }) => {
  for await (const [file, checked] of checkEach(m.files, m.allowed, (f) => process.send!({ file: f, compiling: true }))) process.send!({ file, checked });
});
