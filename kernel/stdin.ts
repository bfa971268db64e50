// process.stdin for cells: reading it asks the notebook for a line (an input_request on the stdin channel,
// as Python's input() does in ipykernel), so `readline`'s `rl.question("Your name? ")` shows an input box.
// A new stream for each cell: one that ended does not break the next cell. Where the front end sends no
// input (allow_stdin false, e.g. nbconvert), touching process.stdin in a cell throws at once, as ipykernel's
// input() raises StdinNotImplementedError: a read could only wait forever (readline never gives up).
import { Readable } from "node:stream";
import type { Message } from "./wire.js";
import type { Sockets } from "./sockets.js";

export class NotebookStdin {
  private current: Readable | null = null;
  private parent: Message | null = null;
  private waiting: ((line: string) => void) | null = null;

  constructor(private readonly sockets: Sockets, private readonly beforeAsk: () => void) {
    Object.defineProperty(process, "stdin", { get: () => this.stream(), configurable: true });
    void (async () => {
      for await (const msg of sockets.messages(sockets.stdin)) {
        if (msg.header.msg_type === "input_reply") { const w = this.waiting; this.waiting = null; w?.(String(msg.content.value ?? "")); }
      }
    })();
  }

  /** A cell starts (`msg` is its execute_request) or ends (null). */
  cell(msg: Message | null): void {
    this.current?.push(null);
    this.current = null;
    this.parent = msg;
  }

  private stream(): Readable {
    if (this.current) return this.current;
    const parent = this.parent;
    if (parent && !parent.content.allow_stdin) {
      throw new Error("process.stdin: this front end sends no input (allow_stdin is false, e.g. a notebook run by nbconvert); put the value in the code instead");
    }
    const r = new Readable({
      encoding: "utf8",
      read: () => {
        if (!parent || this.parent !== parent) { r.push(null); return; } // the cell is over: end of input
        this.beforeAsk(); // what the cell printed (the question) shows before the input box
        this.waiting = (line) => r.push(`${line}\n`);
        void this.sockets.reply(this.sockets.stdin, parent, "input_request", { prompt: "", password: false });
      },
    });
    return (this.current = r);
  }
}
