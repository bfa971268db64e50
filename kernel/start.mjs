// Launches the kernel (usage: node kernel/start.mjs CONNECTION_FILE). Its sources are TypeScript, run
// through tsx resolved next to this file, so the kernel starts from any folder (Jupyter starts it in
// the notebook's).
import { register } from "tsx/esm/api";
register();
await import("./main.ts");
