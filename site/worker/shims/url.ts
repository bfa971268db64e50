// node:url in the browser worker: file URLs of the virtual course folder.
export const fileURLToPath = (u: string | URL): string => decodeURIComponent(new URL(String(u)).pathname);
export const pathToFileURL = (p: string): URL => new URL(`file://${encodeURI(p)}`);
export default { fileURLToPath, pathToFileURL };
