"""Drives the project kernel over Jupyter's protocol for the ava tests (test/kernel/kernel.test.ts).

Usage: /usr/bin/python3 test/kernel/client.py SCRIPT.json   (JUPYTER_PATH must show .jupyter/)
SCRIPT: {"cwd": DIR, "steps": [STEP...]}. A step is {"op": "execute", "code": ..., "stop_on_error": bool,
"wait": bool} (wait=false sends without waiting; replies are collected by the next waiting step),
{"op": "history", ...history args}, {"op": "is_complete", "code"}, {"op": "kernel_info"},
{"op": "complete"/"inspect", "code", "cursor_pos"}, {"op": "shell", "cmd": [...]} (runs a command, e.g. to
rewrite a file under the kernel), {"op": "interrupt_after", "code", "seconds"}, {"op": "comm_info"} or
{"op": "sleep", "seconds"}, {"op": "execute_input", "code", "answers": [...]} (answers each input_request
on the stdin channel in turn; the prompts are the step's "prompts") or {"op": "shutdown"} (shutdown_request,
then reports whether the process exited within 10 s).
Prints one JSON list: per step, the reply content and the iopub messages (type + content) of its request.
"""
import json, subprocess, sys, time
from jupyter_client.manager import start_new_kernel

TIMEOUT = 60

_shell, _iopub = {}, {}  # messages read while waiting for another request's, by parent msg_id

def _next(get, store, msg_id, timeout):
    while not store.get(msg_id):
        m = get(timeout=timeout)
        store.setdefault(m["parent_header"].get("msg_id"), []).append(m)
    return store[msg_id].pop(0)

def collect(kc, msg_id, timeout=TIMEOUT):
    """Shell reply and iopub messages for msg_id, until its idle status."""
    reply = _next(kc.get_shell_msg, _shell, msg_id, timeout)
    iopub = []
    while True:
        m = _next(kc.get_iopub_msg, _iopub, msg_id, timeout)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
        if m["msg_type"] != "status":
            iopub.append({"type": m["msg_type"], "content": m["content"]})
    return {"reply": reply["content"], "iopub": iopub}

def main():
    script = json.load(open(sys.argv[1]))
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="tslab-attention", cwd=script["cwd"], startup_timeout=60)
    out = [{"started_s": time.perf_counter() - t0}]
    pending = []
    try:
        for step in script["steps"]:
            op = step["op"]
            if op == "execute":
                msg_id = kc.execute(step["code"], stop_on_error=step.get("stop_on_error", True), allow_stdin=step.get("allow_stdin", True))
                pending.append(msg_id)
                if step.get("wait", True):
                    for mid in pending:
                        out.append(collect(kc, mid))
                    pending = []
            elif op == "interrupt_after":
                msg_id = kc.execute(step["code"])
                time.sleep(step["seconds"])
                km.interrupt_kernel()
                out.append(collect(kc, msg_id))
            elif op == "history":
                args = {k: v for k, v in step.items() if k != "op"}
                out.append(collect(kc, kc.history(**args)))
            elif op == "is_complete":
                out.append(collect(kc, kc.is_complete(step["code"])))
            elif op == "kernel_info":
                out.append(collect(kc, kc.kernel_info()))
            elif op == "complete":
                out.append(collect(kc, kc.complete(step["code"], step.get("cursor_pos"))))
            elif op == "inspect":
                out.append(collect(kc, kc.inspect(step["code"], step.get("cursor_pos"))))
            elif op == "comm_info":
                out.append(collect(kc, kc.comm_info()))
            elif op == "shutdown":
                kc.shutdown()
                t = time.perf_counter()
                while km.is_alive() and time.perf_counter() - t < 10:
                    time.sleep(0.05)
                out.append({"reply": {"exited": not km.is_alive(), "seconds": time.perf_counter() - t}, "iopub": []})
            elif op == "sleep":
                time.sleep(step["seconds"])
                out.append({"reply": {}, "iopub": []})
            elif op == "execute_input":
                msg_id = kc.execute(step["code"], allow_stdin=True)
                prompts = []
                for answer in step["answers"]:
                    req = kc.get_stdin_msg(timeout=TIMEOUT)
                    prompts.append(req["content"])
                    kc.input(answer)
                done = collect(kc, msg_id)
                done["prompts"] = prompts
                out.append(done)
            elif op == "shell":
                subprocess.run(step["cmd"], check=True)
                out.append({"reply": {}, "iopub": []})
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=False)
    print(json.dumps(out))

if __name__ == "__main__":
    main()
