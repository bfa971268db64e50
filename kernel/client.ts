// A minimal Jupyter client over ZeroMQ, for timing any kernel (ours, tslab, Deno) from scripts/bench_kernel.ts:
// writes a connection file, starts the kernel's command, and sends shell requests.
import * as zmq from "zeromq";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Wire, type Message } from "./wire.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

export class KernelClient {
  private readonly wire: Wire;
  private readonly shell = new zmq.Dealer();
  private readonly dir = mkdtempSync(path.join(tmpdir(), "kernel-client-"));
  child: ChildProcess | null = null;
  private stderr = "";

  private constructor(private readonly key: string, private readonly ports: Record<string, number>) {
    this.wire = new Wire(key);
  }

  /** Starts `argv` (with {connection_file} replaced) in `cwd`; resolves once the process is spawned. */
  static async start(argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<KernelClient> {
    const names = ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"];
    const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)));
    const c = new KernelClient(randomUUID(), ports);
    const file = path.join(c.dir, "kernel.json");
    writeFileSync(file, JSON.stringify({ ...ports, ip: "127.0.0.1", transport: "tcp", key: c.key, signature_scheme: "hmac-sha256", kernel_name: "" }));
    c.shell.connect(`tcp://127.0.0.1:${ports.shell_port}`);
    const [cmd, ...args] = argv.map((a) => a.replace("{connection_file}", file));
    c.child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    c.child.stderr!.on("data", (d) => { c.stderr += d; if (env.KERNEL_DEBUG) process.stderr.write(d); });
    return c;
  }

  /** Sends a shell request and waits for its reply (other replies are skipped). */
  async request(type: string, content: object, timeoutMs = 60_000): Promise<Message> {
    const frames = this.wire.encode(type, content, undefined, []);
    const id = JSON.parse(frames[2] as string).msg_id;
    await this.shell.send(frames);
    const timer = setTimeout(() => this.shell.close(), timeoutMs);
    try {
      for (;;) {
        const msg = this.wire.decode((await this.shell.receive()) as Buffer[]);
        if (msg.parent_header.msg_id === id) return msg;
      }
    } catch (e) {
      throw new Error(`no ${type} reply within ${timeoutMs} ms (${e}); kernel stderr:\n${this.stderr}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((r) => this.child!.once("exit", r));
      try { await this.request("shutdown_request", { restart: false }, 3000); } catch { /* killed below */ }
      const t = setTimeout(() => this.child?.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(t);
    }
    this.shell.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
