// The display bridge (lib/plot/display.ts): `show` and the tslab API shim display through whatever host is
// installed on globalThis, and fall back to text without one. Serial: the host is process-wide.
import test from "ava";
import { bar, show } from "../../lib/plot/index.js";
import { DISPLAY_HOST, displayHost, setDisplayHost, type DisplayHost, type DisplayMessage } from "../../lib/plot/display.js";
import * as tslab from "../../lib/plot/tslab.js";

function recorder(extra: Partial<DisplayHost> = {}) {
  const shown: { msg: DisplayMessage; update: boolean }[] = [];
  setDisplayHost({ display: (msg, update = false) => shown.push({ msg, update }), ...extra });
  return shown;
}
test.afterEach.always(() => setDisplayHost(null));

test.serial("the host is found under the registered symbol, so every copy of the module shares it", (t) => {
  t.is(displayHost(), null);
  const host: DisplayHost = { display: () => {} };
  (globalThis as Record<symbol, unknown>)[Symbol.for("attention-kit.display-host")] = host;
  t.is(displayHost(), host);
  t.is(DISPLAY_HOST as symbol, Symbol.for("attention-kit.display-host"));
});

test.serial("show: a host that needs HTML gets plotly.js loaded before each chart, and HTML, plotly JSON and text per chart", (t) => {
  let loads = 0;
  const shown = recorder({ loadPlotly: () => { loads += 1; }, chartHtml: (_fig, id) => `<div id="${id}"></div>` });
  show(bar([0.7, 0.3], ["a", "b"]));
  show(bar([0.1], ["c"]));
  t.is(loads, 2);
  t.is(shown.length, 2);
  for (const { msg, update } of shown) {
    t.false(update);
    t.deepEqual(Object.keys(msg.data).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  }
  t.regex(shown[1].msg.data["text/plain"] as string, /c\s+0\.10/);
  t.regex(shown[1].msg.data["text/html"] as string, /id="attention-kit-chart-\d+-[0-9a-f]+"/);
});

test.serial("show: a front end that draws plotly's JSON (or a host without chartHtml) gets no HTML and no plotly.js", (t) => {
  let loads = 0;
  for (const host of [{ drawsPlotlyJson: () => true, chartHtml: () => "<div></div>", loadPlotly: () => { loads += 1; } }, {}]) {
    const shown = recorder(host);
    show(bar([0.5], ["x"]));
    t.is(shown.length, 1);
    t.deepEqual(Object.keys(shown[0].msg.data).sort(), ["application/vnd.plotly.v1+json", "text/plain"]);
  }
  t.is(loads, 0);
});

test("lib/plot bundles for a browser: no Node module in it", async (t) => {
  const { buildSync } = await import("esbuild");
  const out = buildSync({ entryPoints: [new URL("../../lib/plot/index.ts", import.meta.url).pathname], bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent" });
  const inputs = Object.keys(out.metafile.inputs);
  t.deepEqual(inputs.filter((f) => !f.startsWith("lib/")), [], "only lib files (a node: import fails the build)");
  t.true(inputs.includes("lib/plot/show.ts") && inputs.includes("lib/plot/display.ts"));
});

test.serial("tslab.display sends one MIME type; newDisplay updates its own display", (t) => {
  const shown = recorder({ typescriptVersion: "5.9.3" });
  tslab.display.html("<b>bold</b>");
  tslab.display.png(Uint8Array.of(1, 2, 3));
  const d = tslab.newDisplay();
  d.text("first");
  d.text("second");
  t.deepEqual(shown[0], { msg: { data: { "text/html": "<b>bold</b>" }, metadata: {}, transient: {} }, update: false });
  t.deepEqual(shown[1].msg.data, { "image/png": "AQID" });
  const id = shown[2].msg.transient?.display_id;
  t.truthy(id);
  t.deepEqual([shown[2].update, shown[3].update], [false, true]);
  t.is(shown[3].msg.transient?.display_id, id);
  t.is(tslab.versions.typescript, "5.9.3");
});

test.serial("tslab.display without a host says there is no notebook", (t) => {
  t.throws(() => tslab.display.text("x"), { message: /^tslab\.display: no notebook to display in/ });
});
