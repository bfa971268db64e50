// The kernel's side of the display bridge (lib/plot/display.ts): displays from lib/plot's `show`, from
// tslab's API (lib/plot/tslab.ts, which the kernel serves for `import "tslab"`) or any other library become
// display_data (or update_display_data) messages of the running cell.
import { setDisplayHost, type DisplayMessage } from "../lib/plot/display.js";

export function installDisplayHost(send: (type: string, content: object) => void, typescriptVersion: string): void {
  setDisplayHost({
    display: (msg: DisplayMessage, update = false) =>
      send(update ? "update_display_data" : "display_data", { data: msg.data, metadata: msg.metadata ?? {}, transient: msg.transient ?? {} }),
    typescriptVersion,
  });
}
