// What a cell must not do to the kernel's process. `process.exit()` (or `abort`, or killing its own pid)
// in a cell would end the kernel with no reply: like ipykernel with SystemExit, the cell fails with a
// clear error and the kernel keeps running. The kernel itself exits through the function returned here.

export class ProcessExit extends Error {
  constructor(call: string) {
    super(`${call} would stop the kernel, so it was not done: the kernel keeps running with all its values. `
      + "To restart it on purpose: Kernel ▸ Restart Kernel… in JupyterLab (or press 0 0 in command mode).");
    this.name = "ProcessExit";
  }
}

/** Replaces process.exit, process.abort and process.kill(process.pid, …); returns the real exit. */
export function guardProcess(): (code?: number) => never {
  const exit = process.exit.bind(process);
  const kill = process.kill.bind(process);
  process.exit = ((code?: number | string | null) => { throw new ProcessExit(`process.exit(${code ?? ""})`); }) as typeof process.exit;
  process.abort = (() => { throw new ProcessExit("process.abort()"); }) as typeof process.abort;
  process.kill = ((pid: number, signal?: string | number) => {
    // signal 0 only asks whether the process exists; SIGINT is an interrupt, which the kernel handles
    if (pid === process.pid && signal !== 0 && signal !== "SIGINT") throw new ProcessExit(`process.kill(process.pid${signal === undefined ? "" : `, ${JSON.stringify(signal)}`})`);
    return kill(pid, signal);
  }) as typeof process.kill;
  return exit as (code?: number) => never;
}
