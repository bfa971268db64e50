// The type checker's own process (started by grader/checker.ts): warms the library declarations once, says
// "ready", then answers { files, allowed } with one { file, checked } message per file, as each is done, so
// the parent can time every file on its own. A file whose types explode costs this process, which the parent kills.
import { checkEach, warmUp } from "./typecheck.js";

warmUp();
process.send!("ready");
process.on("message", (m: { files: string[]; allowed: Record<string, string[]> }) => {
  for (const [file, checked] of checkEach(m.files, m.allowed)) process.send!({ file, checked });
});
