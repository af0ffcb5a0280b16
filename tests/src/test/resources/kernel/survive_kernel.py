"""Drives one csdlab kernel through the cells that used to end or wedge it (issue 11) and prints one
"OK <check>" line per survival it proved; exits non-zero with "FAIL <check>: <why>" otherwise.
The kernelspec must be installed with a small heap (the test uses 320m)."""
import sys
import time

from drive_kernel import TIMEOUT, collect, fail, of_type, run, wait_for_stream
from jupyter_client.manager import start_new_kernel


def error_text(outputs):
    return "\n".join("\n".join(e["traceback"]) for e in of_type(outputs, "error"))


def stream_text(outputs, name=None):
    return "".join(c["text"] for c in of_type(outputs, "stream") if name is None or c["name"] == name)


def still_answers(kc, check):
    reply, outputs = run(kc, "1 + 1")
    results = of_type(outputs, "execute_result")
    if reply["status"] != "ok" or not results or results[0]["data"]["text/plain"] != "2":
        fail(check, "1 + 1 afterwards: reply=%s outputs=%s" % (reply, outputs))
    # A ping missed while the collector worked marks the heart as not beating until the next answer.
    deadline = time.time() + 10
    while not kc.hb_channel.is_beating() and time.time() < deadline:
        time.sleep(0.2)
    if not kc.hb_channel.is_beating():
        fail(check, "the heartbeat stopped")


def interrupt(kc):
    """Sends interrupt_request on the control channel and waits for its reply, so that the next cell
    cannot start before the kernel has handled the interrupt."""
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    while True:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


def value_of(kc, code, check):
    reply, outputs = run(kc, code)
    results = of_type(outputs, "execute_result")
    if reply["status"] != "ok" or not results:
        fail(check, "%s: reply=%s outputs=%s" % (code, reply, outputs))
    return results[0]["data"]["text/plain"]


def main():
    km, kc = start_new_kernel(kernel_name="csdlab", startup_timeout=TIMEOUT)
    kc.hb_channel.unpause()   # the client's heartbeat starts paused; is_beating() is false until it pings
    time.sleep(2)
    try:
        reply, outputs = run(kc, 'int kept = 7;\nSystem.exit(0);\nkept = 8;')
        text = error_text(outputs)
        if reply["status"] != "error" or "System.exit(0) was called in cell code; the kernel does not exit from" \
                " cell code; restart the kernel to start afresh" not in text or "at line 2 of this cell" not in text:
            fail("exit", "reply=%s error=%s" % (reply, text))
        still_answers(kc, "exit")
        if value_of(kc, "kept", "exit") != "7":
            fail("exit", "the line after System.exit ran")
        print("OK exit", flush=True)

        reply, outputs = run(kc, 'var hoard = new ArrayList<String>();\n'
                                 'while (true) { hoard.add("x".repeat(4096) + hoard.size()); }')
        text = error_text(outputs)
        # Stopped when the heap stays nearly full after collections, or by the OutOfMemoryError itself.
        if reply["status"] != "error" or ("java.lang.OutOfMemoryError" not in text and "% full after garbage" not in text) \
                or "Out of memory: the kernel's heap limit is 320 MiB" not in text or "--heap" not in text \
                or "this cell's variables hoard were set to null" not in text:
            fail("out of memory", "reply=%s error=%s" % (reply, text))
        still_answers(kc, "out of memory")
        reply, outputs = run(kc, 'long[] huge = new long[100_000_000];')
        huge = error_text(outputs)
        if reply["status"] != "error" or "java.lang.OutOfMemoryError: Java heap space" not in huge \
                or "Out of memory: the kernel's heap limit is 320 MiB" not in huge:
            fail("out of memory", "one 800 MB array: reply=%s error=%s" % (reply, huge))
        still_answers(kc, "out of memory")
        print("OK out of memory (%s)" % text.splitlines()[0], flush=True)
        print("OK out of memory", flush=True)

        run(kc, 'Thread spinner = new Thread(() -> { while (true) {} }, "spinner");\nspinner.start();')
        reply, outputs = run(kc, "%threads")
        listing = "".join(r["data"]["text/plain"] for r in of_type(outputs, "execute_result"))
        if "spinner (RUNNABLE" not in listing:
            fail("threads", "%%threads: reply=%s outputs=%s" % (reply, outputs))
        interrupt(kc)
        alive = value_of(kc, "for (int i = 0; i < 300 && spinner.isAlive(); i++) Thread.sleep(50);\nspinner.isAlive()",
                         "threads")
        if alive != "false":
            fail("threads", "the spinning thread still runs after the interrupt")
        run(kc, 'Thread again = new Thread(() -> { while (true) {} }, "again");\nagain.start();')
        reply, outputs = run(kc, "%threads stop")
        stopped = "".join(r["data"]["text/plain"] for r in of_type(outputs, "execute_result"))
        if "Stopped 1 thread: again." not in stopped or value_of(kc, "again.isAlive()", "threads") != "false":
            fail("threads", "%%threads stop: %s" % stopped)
        still_answers(kc, "threads")
        print("OK threads", flush=True)

        reply, outputs = run(kc, 'int down(int n) { return down(n + 1) + 1; }\ndown(0)')
        text = error_text(outputs)
        if reply["status"] != "error" or "java.lang.StackOverflowError" not in text \
                or "... the frame above repeated" not in text or len(text) > 2000:
            fail("stack overflow", "%d characters: %s" % (len(text), text[:3000]))
        still_answers(kc, "stack overflow")
        print("OK stack overflow (%d characters)" % len(text), flush=True)
        print("OK stack overflow", flush=True)

        msg_id = kc.execute('for (long i = 0; ; i++) System.out.println("flood line " + i);')
        wait_for_stream(kc, msg_id, "print flood", "the printing cell never printed")
        time.sleep(1.0)
        km.interrupt_kernel()
        reply, outputs = collect(kc, msg_id)
        printed = stream_text(outputs, "stdout")
        dropped = stream_text(outputs, "stderr")
        messages = len(of_type(outputs, "stream"))
        if reply["status"] != "error" or len(printed.encode()) > (1 << 20) + 200 \
                or "this cell's output reached its budget of 1024 KiB" not in printed \
                or "of this cell's output were dropped" not in dropped:
            fail("print flood", "reply=%s printed=%d bytes, stderr=%r" % (reply, len(printed), dropped[-500:]))
        still_answers(kc, "print flood")
        print("OK print flood (%d bytes in %d stream messages)" % (len(printed.encode()), messages), flush=True)
        print("OK print flood", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
