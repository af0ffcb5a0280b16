"""Drives the csdlab kernel over the Jupyter protocol with jupyter_client and prints one
"OK <check>" line per behaviour it proved; exits non-zero with "FAIL <check>: <why>" otherwise.
The kernelspec must be findable (JUPYTER_PATH / JUPYTER_DATA_DIR)."""
import sys
import time
import queue

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def fail(check, why):
    print("FAIL %s: %s" % (check, why), flush=True)
    sys.exit(1)


def run(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, list of iopub messages of this request)."""
    msg_id = kc.execute(code)
    return collect(kc, msg_id, timeout)


def collect(kc, msg_id, timeout=TIMEOUT):
    outputs = []
    deadline = time.time() + timeout
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            raise RuntimeError("no idle status within %ss for %s" % (timeout, msg_id))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


def wait_for_stream(kc, msg_id, check, what):
    """Waits until the cell msg_id has printed something (so it is running), or fails check."""
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            return
    fail(check, what)


def of_type(outputs, kind):
    return [m["content"] for m in outputs if m["msg_type"] == kind]


def main():
    km, kc = start_new_kernel(kernel_name="csdlab", startup_timeout=TIMEOUT)
    try:
        reply, outputs = run(kc, 'int x = 6 * 7;\nSystem.out.println("hello from java");\nx')
        streams = "".join(c["text"] for c in of_type(outputs, "stream") if c["name"] == "stdout")
        results = of_type(outputs, "execute_result")
        if reply["status"] != "ok" or "hello from java" not in streams or not results \
                or results[0]["data"]["text/plain"] != "42":
            fail("execute", "reply=%s streams=%r results=%s" % (reply, streams, results))
        print("OK execute", flush=True)

        reply, outputs = run(kc, 'class Fancy implements HtmlRenderable {\n'
                                 '  public String toHtml() { return "<b>fancy</b>"; }\n'
                                 '  public String toString() { return "fancy"; }\n'
                                 '}\nnew Fancy()')
        results = of_type(outputs, "execute_result")
        if not results or results[0]["data"].get("text/html") != "<b>fancy</b>" \
                or results[0]["data"].get("text/plain") != "fancy":
            fail("html", "reply=%s results=%s" % (reply, results))
        print("OK html", flush=True)

        reply, outputs = run(kc, 'int fine = 1;\nint broken = "text";')
        errors = of_type(outputs, "error")
        if reply["status"] != "error" or not errors or errors[0]["ename"] != "CompilationError" \
                or "Compilation error at line 2, column 14:" not in errors[0]["traceback"]:
            fail("compile error", "reply=%s errors=%s" % (reply, errors))
        print("OK compile error", flush=True)

        reply, outputs = run(kc, 'var id = Displays.sink().show("first");\n'
                                 'Displays.sink().update(id, "second");')
        shown = of_type(outputs, "display_data")
        updated = of_type(outputs, "update_display_data")
        if not shown or not updated or shown[0]["data"]["text/plain"] != "first" \
                or updated[0]["data"]["text/plain"] != "second" \
                or shown[0]["transient"]["display_id"] != updated[0]["transient"]["display_id"]:
            fail("display", "shown=%s updated=%s" % (shown, updated))
        print("OK display", flush=True)

        msg_id = kc.execute('System.out.println("looping");\nwhile (true) {}')
        wait_for_stream(kc, msg_id, "interrupt", "the looping cell never started")
        time.sleep(0.5)
        km.interrupt_kernel()
        reply, outputs = collect(kc, msg_id)
        errors = of_type(outputs, "error")
        if reply["status"] != "error" or not errors or errors[0]["ename"] != "CellInterrupted":
            fail("interrupt", "reply=%s errors=%s" % (reply, errors))
        reply, outputs = run(kc, "1 + 1")
        results = of_type(outputs, "execute_result")
        if reply["status"] != "ok" or not results or results[0]["data"]["text/plain"] != "2":
            fail("interrupt", "the cell after the interrupt: reply=%s results=%s" % (reply, results))
        print("OK interrupt", flush=True)

        code = 'int unused = 0;\n"hi".toUpp'
        kc.complete(code, len(code))
        reply = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        if reply["status"] != "ok" or "toUpperCase(" not in reply["matches"] \
                or reply["cursor_start"] != code.index("toUpp") or reply["cursor_end"] != len(code):
            fail("complete", "reply=%s" % reply)
        print("OK complete", flush=True)

        kc.is_complete("for (int i = 0; i < 3; i++) {")
        unfinished = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        kc.is_complete("int z = 1;")
        finished = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        if unfinished["status"] != "incomplete" or finished["status"] != "complete":
            fail("is_complete", "unfinished=%s finished=%s" % (unfinished, finished))
        print("OK is_complete", flush=True)

        code = '"abc".substring('
        kc.inspect(code, len(code))
        reply = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        if reply["status"] != "ok" or not reply["found"] or "substring" not in reply["data"]["text/plain"]:
            fail("inspect", "reply=%s" % reply)
        print("OK inspect", flush=True)

        # the lab's own javadoc (Lab.compare's), not only its signature
        reply, outputs = run(kc, 'var lab = Lab.create();')
        if reply["status"] != "ok":
            fail("inspect javadoc", "creating the lab: reply=%s outputs=%s" % (reply, outputs))
        code = 'lab.compare('
        kc.inspect(code, len(code))
        reply = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        text = reply.get("data", {}).get("text/plain", "")
        if reply["status"] != "ok" or not reply["found"] or "Lab.compare(Run onHost, Run offloaded)" not in text \
                or "The host run beside the offloaded one" not in text:
            fail("inspect javadoc", "reply=%s" % reply)
        print("OK inspect javadoc", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
