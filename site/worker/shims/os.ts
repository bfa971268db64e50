// node:os in the browser worker: one core for the library (the page keeps the other).
export const availableParallelism = (): number => 1;
export const cpus = (): unknown[] => [{}];
export const tmpdir = (): string => "/tmp";
export const EOL = "\n";
export default { availableParallelism, cpus, tmpdir, EOL };
