// The type checker's own process (started by grader/checker.ts): warms the library declarations once, says
// "ready", then answers { files } with one { file, errors } message per file, as each is done, so the parent
// can time every file on its own. A file whose types explode costs this process, which the parent kills.
import { typeErrorsEach, warmUp } from "./typecheck.js";

warmUp();
process.send!("ready");
process.on("message", (m: { files: string[] }) => {
  for (const [file, errors] of typeErrorsEach(m.files)) process.send!({ file, errors });
});
