// Worker entry: the checker is TypeScript, loaded through tsx like the rest of the kernel.
import { register } from "tsx/esm/api";
register();
await import("./checker.ts");
