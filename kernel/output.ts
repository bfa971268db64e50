// What a cell prints, on its way to the notebook. Streams are batched as ipykernel does (one message per
// 0.2 s, or sooner when 100 kB are waiting; one message per line made a 20,000-line cell take a minute and
// overflow ZeroMQ's queue) and every other output (displays, results, errors, clear_output) first flushes
// what was printed before it, so order is kept. `end` delivers everything before the cell's reply and idle.
// Output made while no cell runs (a timer, a late promise) waits for the next cell: a front end shows
// output only for the request that is running, so sent with a finished cell's parent it would be lost.
import type { Message } from "./wire.js";

export type StreamName = "stdout" | "stderr";
type Publish = (type: string, content: object, parent?: Message) => Promise<unknown>;

export const FLUSH_MS = 200;
export const FLUSH_BYTES = 100_000;
/** Output held between cells (an endless setInterval): beyond this much text it is dropped, with a note. */
export const HELD_LIMIT = 1_000_000;

export class Output {
  private parent: Message | undefined;
  private pending: { name: StreamName; text: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private held: { type: string; content: object }[] = [];
  private heldChars = 0;
  private heldDropped = 0;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly publish: Publish) {}

  /** A cell starts: output from now on belongs to `msg`; held output comes first. */
  begin(msg: Message): void {
    this.flush(); // into the held output
    this.parent = msg;
    for (const { type, content } of this.held.splice(0)) this.send(type, content);
    if (this.heldDropped > 0) this.stream("stderr", `(… ${this.heldDropped} more characters printed between cells were dropped)\n`);
    this.heldChars = this.heldDropped = 0;
  }

  get running(): boolean { return this.parent !== undefined; }
  /** The request whose cell is running, if any (its metadata says which front end sent it). */
  get request(): Message | undefined { return this.parent; }

  stream(name: StreamName, text: string): void {
    if (!text) return;
    if (this.pending && this.pending.name !== name) this.flush();
    if (this.pending) this.pending.text += text; else this.pending = { name, text };
    if (this.pending.text.length >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Any other iopub output of the running cell (display_data, execute_result, error, clear_output). */
  message(type: string, content: object): Promise<unknown> {
    this.flush();
    return this.send(type, content);
  }

  /** The cell is done: send what is buffered and wait until all of it is handed to ZeroMQ. */
  async end(): Promise<void> {
    // one turn of the event loop first: a promise the cell rejected without handling it is reported there
    await new Promise((r) => setImmediate(r));
    this.flush();
    await this.last;
    this.parent = undefined;
  }

  /** Sends what is buffered now (e.g. a question printed before an input box). */
  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (!this.pending) return;
    const { name, text } = this.pending;
    this.pending = null;
    this.send("stream", { name, text });
  }

  private send(type: string, content: object): Promise<unknown> {
    if (this.parent) return (this.last = this.publish(type, content, this.parent));
    const size = type === "stream" ? (content as { text: string }).text.length : 0;
    if (this.heldChars + size > HELD_LIMIT) { this.heldDropped += size; return Promise.resolve(); }
    this.heldChars += size;
    const prev = this.held.at(-1) as { type: string; content: { name?: string; text?: string } } | undefined;
    if (type === "stream" && prev?.type === "stream" && prev.content.name === (content as { name: string }).name) prev.content.text += (content as { text: string }).text;
    else this.held.push({ type, content });
    return Promise.resolve();
  }
}
