// The five ZeroMQ sockets of a Jupyter kernel, bound from a connection file, with serialized sends.
import * as zmq from "zeromq";
import { Wire, type Message } from "./wire.js";

export interface Connection {
  transport: string; ip: string; key: string; signature_scheme: string;
  shell_port: number; iopub_port: number; stdin_port: number; control_port: number; hb_port: number;
}

/** zeromq allows one pending send per socket: chain them. */
class Sender {
  private last: Promise<unknown> = Promise.resolve();
  constructor(private readonly socket: zmq.Router | zmq.Publisher) {}
  send(frames: (string | Buffer)[]): Promise<unknown> {
    this.last = this.last.then(() => this.socket.send(frames)).catch((e) => process.stderr.write(`kernel: send failed: ${e}\n`));
    return this.last;
  }
}

export class Sockets {
  readonly wire: Wire;
  readonly shell = new zmq.Router();
  readonly control = new zmq.Router();
  readonly stdin = new zmq.Router();
  // No high-water mark: output is batched (output.ts), and a dropped output message is worse than the memory.
  readonly iopub = new zmq.Publisher({ sendHighWaterMark: 0 });
  readonly hb = new zmq.Reply();
  private readonly senders = new Map<zmq.Socket, Sender>();

  constructor(private readonly conn: Connection) {
    this.wire = new Wire(conn.key, conn.signature_scheme);
    for (const s of [this.shell, this.control, this.stdin, this.iopub]) this.senders.set(s, new Sender(s));
  }

  async bind(): Promise<void> {
    const url = (port: number) => `${this.conn.transport}://${this.conn.ip}${this.conn.transport === "ipc" ? "-" : ":"}${port}`;
    await Promise.all([
      this.shell.bind(url(this.conn.shell_port)), this.control.bind(url(this.conn.control_port)), this.stdin.bind(url(this.conn.stdin_port)),
      this.iopub.bind(url(this.conn.iopub_port)), this.hb.bind(url(this.conn.hb_port)),
    ]);
    void (async () => { for await (const frames of this.hb) await this.hb.send(frames); })().catch(() => {});
  }

  /** Received messages of a router socket, one by one; unreadable ones are logged and skipped. */
  async *messages(socket: zmq.Router): AsyncGenerator<Message> {
    for await (const frames of socket) {
      try { yield this.wire.decode(frames as Buffer[]); } catch (e) { process.stderr.write(`${(e as Error).message}\n`); }
    }
  }

  reply(socket: zmq.Router, parent: Message, type: string, content: object, metadata: object = {}): Promise<unknown> {
    return this.senders.get(socket)!.send(this.wire.encode(type, content, parent, undefined, metadata));
  }

  publish(type: string, content: object, parent?: Message): Promise<unknown> {
    return this.senders.get(this.iopub)!.send(this.wire.encode(type, content, parent, [Buffer.from(`kernel.${this.wire.session}.${type}`)]));
  }

  close(): void {
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.hb]) s.close();
  }
}
