// Driving a real JupyterLab page through its UI (menus, toolbar, keyboard), and reading its state. The server
// runs with --LabApp.expose_app_in_browser so a wait can ask the app (kernel status, dirty flag) instead of guessing
// from pixels; every action a student takes is still a click or a key press.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { Page } from "playwright-core";

export const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

/** Starts `npm start -- ARGS` (the README's command) and resolves with the log once it prints `base`. */
export function startServer(root: string, args: string[], base: string, env: NodeJS.ProcessEnv): Promise<{ server: ChildProcess; log: () => string; seconds: number }> {
  const t0 = performance.now();
  const server = spawn("npm", ["start", "--", ...args], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 300 s:\n${log.slice(-3000)}`)), 300_000);
    const onData = (b: Buffer) => {
      log += b;
      if (!seen && log.includes(`${base}/`)) { seen = true; void answering(); }
    };
    // The URL in the log is not enough: wait until the server answers HTTP (a refused connection once failed a
    // run), so a page opened next finds it, and a server that dies meanwhile is reported with its log.
    let seen = false;
    const answering = async () => {
      for (;;) {
        try { await fetch(`${base}/api/status`, { signal: AbortSignal.timeout(5000) }); break; } catch { /* not yet */ }
        if (server.exitCode !== null) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      clearTimeout(timer);
      resolve({ server, log: () => log, seconds: (performance.now() - t0) / 1000 });
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", onData);
    server.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log.slice(-3000)}`)); });
  });
}

type App = { shell: { currentWidget: any }; commands: { execute(id: string, args?: object): Promise<unknown> }; serviceManager: any };
declare global { interface Window { jupyterapp: App } }

/** Resolves when the current notebook's kernel is idle and no cell shows `[*]`. */
export async function waitIdle(page: Page, timeout = 240_000): Promise<void> {
  await page.waitForFunction(() => {
    const w = window.jupyterapp?.shell.currentWidget;
    return w?.sessionContext?.session?.kernel?.status === "idle" && ![...w.node.querySelectorAll(".jp-InputPrompt")].some((e: Element) => e.textContent?.includes("*"));
  }, null, { timeout, polling: 250 });
}

/** Clicks a menu of the menu bar, then one of its items (e.g. "Run", "Run All Cells"). */
export async function menu(page: Page, top: string, item: string): Promise<void> {
  await page.click(`.lm-MenuBar-itemLabel:text-is("${top}")`);
  await page.click(`.lm-Menu-itemLabel:text-is("${item}")`);
}

/** Plotly charts the page has drawn: a jupyterlab-plotly output holding plotly's SVG, or its saved PNG shown. */
export const chartsDrawn = (page: Page) => page.evaluate(() => [...document.querySelectorAll(".jp-RenderedPlotly")].map((el) => {
  if (el.querySelector(".main-svg")) return "svg";
  const img = el.querySelector("img.plot-img") as HTMLImageElement | null;
  return img && img.naturalWidth > 0 && getComputedStyle(img).display !== "none" ? "png" : "none";
}));

/** A new code cell after the last one, in edit mode, holding `code` typed key by key. */
export async function typeNewCell(page: Page, code: string): Promise<void> {
  await page.evaluate(() => { const nb = window.jupyterapp.shell.currentWidget.content; nb.activeCellIndex = nb.widgets.length - 1; nb.mode = "command"; nb.node.focus(); });
  await page.keyboard.press("b"); // command mode: insert a cell below
  await page.keyboard.press("Enter"); // edit mode
  await page.keyboard.type(code);
}

/** The text of every output of the last cell. */
export const lastCellOutput = (page: Page) => page.evaluate(() => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets;
  return (cells[cells.length - 1].node.querySelector(".jp-OutputArea")?.textContent ?? "") as string;
});

/** The source of the active cell. */
export const activeSource = (page: Page) => page.evaluate(() => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.getSource() as string);
