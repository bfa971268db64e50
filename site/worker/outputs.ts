// A cell's outputs on their way to the page: printed text batched (one message per ~50 ms, not one per
// console.log) and capped, as JupyterLab caps a runaway cell, so 20,000 printed lines cannot freeze the
// page; the note says how much was left out.
export const MAX_LINES = 2000, MAX_CHARS = 200_000; // Out[n] is cut by cell/value.ts (MAX_RESULT_CHARS)

type Post = (m: unknown) => void;

export class Outputs {
  private id = -1;
  private pending: { name: string; text: string } | null = null;
  private lines = 0; private chars = 0; private droppedLines = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly post: Post) {}

  begin(id: number): void { this.flush(); this.id = id; this.lines = 0; this.chars = 0; this.droppedLines = 0; }

  stream(name: string, text: string): void {
    if (this.lines >= MAX_LINES || this.chars >= MAX_CHARS) { this.droppedLines += (text.match(/\n/g) ?? []).length; return; }
    let t = text;
    const ls = t.split("\n");
    if (this.lines + ls.length - 1 > MAX_LINES) { this.droppedLines += this.lines + ls.length - 1 - MAX_LINES; t = `${ls.slice(0, MAX_LINES - this.lines).join("\n")}\n`; }
    if (this.chars + t.length > MAX_CHARS) t = t.slice(0, MAX_CHARS - this.chars);
    this.lines += (t.match(/\n/g) ?? []).length;
    this.chars += t.length;
    if (this.pending && this.pending.name !== name) this.flush();
    this.pending = { name, text: (this.pending?.text ?? "") + t };
    this.timer ??= setTimeout(() => this.flush(), 50);
  }

  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.pending) this.post({ type: "stream", id: this.id, ...this.pending });
    this.pending = null;
  }

  display(data: Record<string, unknown>): void { this.flush(); this.post({ type: "display", id: this.id, data }); }

  result(count: number, data: Record<string, unknown>): void {
    this.flush();
    this.post({ type: "result", id: this.id, count, data });
  }

  error(e: { ename: string; evalue: string; traceback: string[] }): void { this.flush(); this.post({ type: "error", id: this.id, ...e }); }

  end(ms: number): void {
    this.flush();
    if (this.droppedLines > 0 || this.chars >= MAX_CHARS) this.post({ type: "stream", id: this.id, name: "stderr", text: `… output truncated: ${this.droppedLines.toLocaleString("en")} more lines not shown (a cell shows at most ${MAX_LINES.toLocaleString("en")} lines)\n` });
    this.post({ type: "done", id: this.id, ms });
  }
}
