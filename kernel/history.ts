// history_request: this session's inputs (and text outputs), tail / range / search as in ipykernel.
export class History {
  readonly session = 1;
  private readonly entries: { line: number; input: string; output: string | null }[] = [];

  add(line: number, input: string): void { this.entries.push({ line, input, output: null }); }
  setOutput(line: number, output: string): void { const e = this.entries.find((x) => x.line === line); if (e) e.output = output; }

  query(c: { hist_access_type: string; output?: boolean; n?: number; session?: number; start?: number; stop?: number; pattern?: string; unique?: boolean }): unknown[] {
    const item = (e: (typeof this.entries)[number]) => [this.session, e.line, c.output ? [e.input, e.output] : e.input];
    if (c.hist_access_type === "tail") return this.entries.slice(-(c.n ?? 10)).map(item);
    if (c.hist_access_type === "range") {
      if (c.session !== undefined && c.session !== 0 && c.session !== this.session) return [];
      const start = c.start ?? 0, stop = c.stop ?? Infinity;
      return this.entries.filter((e) => e.line >= start && e.line < stop).map(item);
    }
    if (c.hist_access_type === "search") {
      const glob = new RegExp(`^${(c.pattern ?? "*").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
      let found = this.entries.filter((e) => glob.test(e.input));
      if (c.unique) found = found.filter((e, i) => !found.slice(i + 1).some((x) => x.input === e.input)); // keep the latest of each
      return found.slice(-(c.n ?? found.length) || 0).map(item);
    }
    return [];
  }
}
