// Issue 18, class 2: a child has no network. As root each child gets empty network and IPC namespaces, so TCP
// to the grader's machine, UDP, DNS and listening reach nothing; a Unix socket file it makes is gone after it.
import test from "ava";
import { existsSync } from "node:fs";
import net from "node:net";
import dgram from "node:dgram";
import { gradeSubmission } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { isolatesNetwork } from "../../grader/sandbox.js";
import { finished, replaceBody, submission } from "../../grader/hostile.js";
import { FULL, points } from "./points.js";

/** maskedSoftmax that tries every way out, then throws what each attempt gave (the child awaits a promise). */
const escape = (tcpPort: number, udpPort: number, socketFile: string) => `  const g = (globalThis as any).process;
  const net = g.getBuiltinModule("node:net"), dgram = g.getBuiltinModule("node:dgram"), dns = g.getBuiltinModule("node:dns");
  const attempt = (what: string, f: (done: (r: string) => void) => void) => new Promise<string>((done) => {
    try { f((r) => done(\`\${what} \${r}\`)); } catch (e: any) { done(\`\${what} \${e.code ?? e.message}\`); }
  });
  const tries = [
    attempt("tcp", (done) => { const s = net.connect(${tcpPort}, "127.0.0.1", () => { s.write("every case I was given"); done("connected"); }); s.on("error", (e: any) => done(e.code)); }),
    attempt("udp", (done) => { const u = dgram.createSocket("udp4"); u.send("every case", ${udpPort}, "127.0.0.1", (e: any) => done(e ? e.code : "sent")); }),
    attempt("dns", (done) => { dns.promises.lookup("registry.npmjs.org").then(() => done("resolved"), (e: any) => done(e.code)); }),
    attempt("unix", (done) => { const s = net.createServer(); s.on("error", (e: any) => done(e.code)); s.listen(${JSON.stringify(socketFile)}, () => done("listening")); }),
    attempt("listen", (done) => { const s = net.createServer(); s.on("error", (e: any) => done(e.code)); s.listen(0, "0.0.0.0", () => done("listening")); }),
  ];
  return Promise.all(tries).then((r) => { throw new Error(r.join("; ")); }) as unknown as number[][];`;

test.serial(`a child reaches no network and leaves no socket behind: scores exactly ${FULL - points("maskedSoftmax")}`, async (t) => {
  if (!isolatesNetwork) {
    t.log(`not covered on this machine: ${process.getuid?.() === 0 ? "unshare --net is not allowed" : "not root"}; children can reach the network (grader/sandbox.ts prints the same note)`);
    t.pass();
    return;
  }
  let tcpBytes = 0, udpMessages = 0;
  const server = net.createServer((s) => s.on("data", (b) => { tcpBytes += b.length; })).listen(0, "127.0.0.1");
  const udp = dgram.createSocket("udp4").on("message", () => { udpMessages++; }).bind(0, "127.0.0.1");
  await Promise.all([new Promise((r) => server.once("listening", r)), new Promise((r) => udp.once("listening", r))]);
  const socketFile = `/tmp/attention-kit-leak-${process.pid}.sock`;
  try {
    const src = replaceBody(finished("02_self_attention.ts"), "maskedSoftmax", escape((server.address() as net.AddressInfo).port, udp.address().port, socketFile));
    const r = await gradeSubmission(submission({ "02_self_attention.ts": src }), { publicCases: loadPublicCases(), limits: { timeoutMs: 3000, memoryMb: 128 } });
    const out = r.exercises.find((e) => e.name === "maskedSoftmax")!.public.output;
    t.log(out.split("\n")[0]);
    t.regex(out, /threw: tcp (ENETUNREACH|ECONNREFUSED|EACCES); udp (ENETUNREACH|EPERM|EACCES); dns (ENOTFOUND|EAI_AGAIN|ECONNREFUSED)/);
    t.is(r.score, FULL - points("maskedSoftmax"));
    await new Promise((res) => setTimeout(res, 200)); // anything in flight would have arrived
    t.is(tcpBytes, 0);
    t.is(udpMessages, 0);
    t.false(existsSync(socketFile), `${socketFile} outlived the child`);
  } finally {
    server.close();
    udp.close();
  }
});
