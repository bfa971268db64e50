// Launches the kernel (usage: node kernel/start.mjs CONNECTION_FILE). Its sources are TypeScript, run
// through tsx resolved next to this file, so the kernel starts from any folder (Jupyter starts it in
// the notebook's). tsx is registered under a namespace: it loads the kernel's files and nothing a cell imports.
import { register } from "tsx/esm/api";
process.setSourceMapsEnabled(true); // stack traces of project files point at their TypeScript lines
await register({ namespace: "attention-kit-kernel" }).import("./main.ts", import.meta.url);
