// The attention kit's TypeScript kernel: Jupyter's messaging protocol over ZeroMQ (this file and
// sockets.ts), cells checked by TypeScript in a worker (checker.ts) and run in the kernel's global scope
// (executor.ts). Started by .jupyter/kernels/tslab-attention/kernel.json in the notebook's own folder.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Sockets, type Connection } from "./sockets.js";
import type { Message } from "./wire.js";
import { PROTOCOL_VERSION } from "./wire.js";
import { CellError, Executor } from "./executor.js";
import { History } from "./history.js";
import { mimeBundle } from "./display.js";
import { Output } from "./output.js";
import { guardProcess } from "./guards.js";
import { NotebookStdin } from "./stdin.js";
import { installDisplayHost } from "./display_host.js";

const started = performance.now();
const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write("usage: node kernel/start.mjs CONNECTION_FILE   (Jupyter passes it; see .jupyter/kernels/)\n");
  process.exit(2);
}
const conn: Connection = JSON.parse(readFileSync(connectionFile, "utf8"));
const sockets = new Sockets(conn);
const realStderr = process.stderr.write.bind(process.stderr);
const log = (s: string) => realStderr(`[kernel] ${s}\n`);

const requireHere = createRequire(import.meta.url);
const tsVersion: string = JSON.parse(readFileSync(requireHere.resolve("typescript/package.json"), "utf8")).version;
const kitVersion: string = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")).version;

const output = new Output((type, content, parent) => sockets.publish(type, content, parent));
const executor = new Executor(process.cwd(), (text) => output.stream("stderr", text));
const history = new History();
const stdin = new NotebookStdin(sockets, () => output.flush());
let executionCount = 0;

// ---- output channels: stdout/stderr as (batched) stream messages, displays as display_data ----
for (const name of ["stdout", "stderr"] as const) {
  (process[name] as any).write = (chunk: string | Uint8Array, enc?: unknown, cb?: () => void) => {
    output.stream(name, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof enc === "function" ? enc : cb;
    if (typeof done === "function") queueMicrotask(done as () => void);
    return true;
  };
}
// JupyterLab, Notebook 7 and VS Code send the cell's id with each execute_request, and draw plotly's JSON themselves
const frontEndDrawsPlotly = () => typeof output.request?.metadata?.cellId === "string";
installDisplayHost((type, content) => void output.message(type, content), tsVersion, frontEndDrawsPlotly);
// In a notebook, clearing the console means clearing the cell's output.
console.clear = () => void output.message("clear_output", { wait: false });

// ---- Jupyter cursor positions count code points; JavaScript strings count UTF-16 units ----
const toUnits = (s: string, cp: number) => { let i = 0; for (let n = 0; n < cp && i < s.length; n++) i += s.codePointAt(i)! > 0xffff ? 2 : 1; return i; };
const toPoints = (s: string, units: number) => [...s.slice(0, units)].length;

function kernelInfo() {
  return {
    status: "ok", protocol_version: PROTOCOL_VERSION, implementation: "attention-kit-kernel", implementation_version: kitVersion,
    language_info: {
      name: "typescript", version: tsVersion, mimetype: "text/typescript", file_extension: ".ts", pygments_lexer: "typescript",
      codemirror_mode: { name: "javascript", typescript: true, mode: "typescript" },
    },
    banner: `TypeScript ${tsVersion} on Node ${process.version} — attention kit kernel (cwd ${process.cwd()})`,
    help_links: [], debugger: false,
  };
}

async function inspectText(code: string, pos: number): Promise<string | null> {
  return executor.checker.request<string | null>({ op: "inspect", code, pos });
}

async function execute(msg: Message): Promise<{ reply: object; failed: boolean }> {
  const { code = "", silent = false, store_history = true } = msg.content;
  const counts = store_history && !silent;
  if (counts) executionCount += 1;
  if (!silent) await sockets.publish("execute_input", { code, execution_count: executionCount }, msg);
  if (counts) history.add(executionCount, code);
  output.begin(msg);
  stdin.cell(msg);
  try {
    return await run(code, silent, counts);
  } finally {
    stdin.cell(null);
    await output.end(); // everything printed reaches the notebook before the reply and idle
  }
}

async function run(code: string, silent: boolean, counts: boolean): Promise<{ reply: object; failed: boolean }> {
  const help = code.trim().match(/^\?\s*([\w$.]+)$|^([\w$.]+)\s*\?$/);
  if (help) {
    const name = help[1] ?? help[2];
    const text = await inspectText(name, name.length);
    return { reply: { status: "ok", execution_count: executionCount, payload: [{ source: "page", data: { "text/plain": text ?? `no information for ${name}` }, start: 0 }], user_expressions: {} }, failed: false };
  }
  try {
    const value = await executor.execute(code, `Cell In[${counts ? executionCount : " "}]`);
    if (value !== undefined && !silent) {
      const data = mimeBundle(value);
      await output.message("execute_result", { execution_count: executionCount, data, metadata: {} });
      if (counts) history.setOutput(executionCount, data["text/plain"]);
    }
    return { reply: { status: "ok", execution_count: executionCount, payload: [], user_expressions: {} }, failed: false };
  } catch (e) {
    const error = e instanceof CellError ? e.error : { ename: "KernelError", evalue: String(e), traceback: [`kernel error: ${(e as Error)?.stack ?? e}`] };
    await output.message("error", error);
    return { reply: { status: "error", execution_count: executionCount, ...error }, failed: true };
  }
}

async function handleShell(msg: Message): Promise<boolean> {
  const c = msg.content;
  const reply = (type: string, content: object) => sockets.reply(sockets.shell, msg, type, content);
  switch (msg.header.msg_type) {
    case "execute_request": {
      const { reply: r, failed } = await execute(msg);
      await reply("execute_reply", r);
      return failed && c.stop_on_error !== false;
    }
    case "kernel_info_request": await reply("kernel_info_reply", kernelInfo()); break;
    case "complete_request": {
      const pos = toUnits(c.code, c.cursor_pos ?? c.code.length);
      const r = await executor.checker.request<{ matches: string[]; start: number; end: number }>({ op: "complete", code: c.code, pos });
      await reply("complete_reply", { status: "ok", matches: r.matches, cursor_start: toPoints(c.code, r.start), cursor_end: toPoints(c.code, r.end), metadata: {} });
      break;
    }
    case "inspect_request": {
      const text = await inspectText(c.code, toUnits(c.code, c.cursor_pos ?? c.code.length));
      await reply("inspect_reply", { status: "ok", found: text !== null, data: text === null ? {} : { "text/plain": text }, metadata: {} });
      break;
    }
    case "is_complete_request": await reply("is_complete_reply", await executor.checker.request({ op: "isComplete", code: c.code })); break;
    case "history_request": await reply("history_reply", { status: "ok", history: history.query(c as any) }); break;
    case "comm_info_request": await reply("comm_info_reply", { status: "ok", comms: {} }); break;
    case "comm_open": await sockets.publish("comm_close", { comm_id: c.comm_id, data: {} }, msg); break;
    case "comm_msg": case "comm_close": break;
    case "shutdown_request": await shutdown(msg, sockets.shell); break;
    default: log(`unhandled shell message ${msg.header.msg_type}`);
  }
  return false;
}

async function shutdown(msg: Message, socket: typeof sockets.shell): Promise<void> {
  await sockets.reply(socket, msg, "shutdown_reply", { status: "ok", restart: !!msg.content.restart });
  await sockets.publish("status", { execution_state: "idle" }, msg);
  setTimeout(() => { sockets.close(); void executor.checker.close(); exit(0); }, 50);
}

// ---- shell: read continuously into a queue, handle one at a time; after a failure with stop_on_error,
// everything already queued is answered "aborted" (as ipykernel and JupyterLab expect) ----
const queue: Message[] = [];
let wake = (): void => {};
void (async () => {
  for await (const msg of sockets.messages(sockets.shell)) { queue.push(msg); wake(); }
})();
// Requests the client sent before it saw the error count as queued: give them a moment (10 ms) to arrive.
const settle = () => new Promise((r) => setImmediate(() => setTimeout(r, 10)));

async function shellLoop(): Promise<never> {
  for (;;) {
    if (queue.length === 0) await new Promise<void>((r) => (wake = r));
    const msg = queue.shift()!;
    await sockets.publish("status", { execution_state: "busy" }, msg);
    let abort = false;
    try { abort = await handleShell(msg); } catch (e) { log(`error handling ${msg.header.msg_type}: ${(e as Error).stack}`); }
    if (abort) await abortQueued();
    // idle comes last, as in ipykernel: a client that waits for it never races the abort sweep
    await sockets.publish("status", { execution_state: "idle" }, msg);
  }
}

async function abortQueued(): Promise<void> {
  await settle(); // let requests sent right behind the failing one arrive
  const keep: Message[] = [];
  for (const m of queue.splice(0)) {
    if (m.header.msg_type !== "execute_request") { keep.push(m); continue; }
    await sockets.publish("status", { execution_state: "busy" }, m);
    await sockets.reply(sockets.shell, m, "execute_reply", { status: "aborted", execution_count: null }, { status: "aborted" });
    await sockets.publish("status", { execution_state: "idle" }, m);
  }
  queue.unshift(...keep);
}

async function controlLoop(): Promise<void> {
  for await (const msg of sockets.messages(sockets.control)) {
    const reply = (type: string, content: object) => sockets.reply(sockets.control, msg, type, content);
    switch (msg.header.msg_type) {
      case "shutdown_request": await shutdown(msg, sockets.control); break;
      case "interrupt_request": executor.interrupt(); await reply("interrupt_reply", { status: "ok" }); break;
      case "kernel_info_request": await reply("kernel_info_reply", kernelInfo()); break;
      default: await reply(msg.header.msg_type.replace(/_request$/, "_reply"), { status: "error", ename: "NotImplemented", evalue: msg.header.msg_type, traceback: [] });
    }
  }
}

process.on("SIGINT", () => executor.interrupt());
// A cell's timer or callback that throws, or a promise rejected with no handler: the kernel lives on, and
// the error shows on stderr of the running cell, or of the next one when it came after its cell finished.
const lateError = (what: string) => (e: unknown) => {
  const { traceback } = executor.describe(e);
  output.stream("stderr", `${what}${output.running ? "" : " (after its cell finished)"}: ${traceback.join("\n")}\n`);
};
process.on("uncaughtException", lateError("Uncaught error in a callback"));
process.on("unhandledRejection", lateError("Unhandled promise rejection"));
const exit = guardProcess();

await sockets.bind();
await sockets.publish("status", { execution_state: "starting" });
void controlLoop();
void shellLoop();
executor.modules.warm();
if (process.env.KERNEL_DEBUG) log(`ready in ${(performance.now() - started).toFixed(0)} ms`);
