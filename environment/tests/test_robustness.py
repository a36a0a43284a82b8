"""Robustness of the Java kernel: each case fails if it regresses.

Errors of every kind give a Jupyter error and leave the kernel usable; System.exit, endless loops,
OutOfMemoryError, floods of output, background threads and forged messages are all survived.
"""
import json
import threading
import time
import uuid

import pytest
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 60


class Kernel:
    """A running kernel with a helper that executes a cell and gathers its IOPub output."""

    def __init__(self, cwd):
        self.km, self.kc = start_new_kernel(kernel_name="java", startup_timeout=TIMEOUT, cwd=str(cwd))

    def execute(self, code, timeout=TIMEOUT, interrupt_after=None):
        msg_id = self.kc.execute(code)
        timer = None
        if interrupt_after is not None:
            timer = threading.Timer(interrupt_after, self.km.interrupt_kernel)
            timer.start()
        outputs = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            outputs.append(msg)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        if timer is not None:
            timer.cancel()
        return reply["content"], outputs

    def stdout(self, outputs):
        return "".join(m["content"]["text"] for m in outputs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def result(self, outputs):
        for m in outputs:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"]
        return None

    def errors(self, outputs):
        return [m["content"] for m in outputs if m["msg_type"] == "error"]

    def assert_works(self):
        reply, outputs = self.execute("21 * 2")
        assert reply["status"] == "ok", reply
        assert self.result(outputs)["text/plain"] == "42"

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("kernel-cwd")
    (cwd / "setup.jsh").write_text('// a setup file\nimport java.util.concurrent.atomic.*;\n'
                                   'AtomicInteger LOADED = new AtomicInteger(7);\n'
                                   'System.out.println("setup loaded");\n')
    k = Kernel(cwd)
    k.cwd = cwd
    yield k
    k.close()


def check_error(kernel, code, ename, in_value=None):
    reply, outputs = kernel.execute(code)
    assert reply["status"] == "error", reply
    assert reply["ename"] == ename, reply
    errs = kernel.errors(outputs)
    assert len(errs) == 1 and errs[0]["ename"] == ename
    if in_value is not None:
        assert in_value in reply["evalue"], reply["evalue"]
    assert reply["traceback"] and all(isinstance(line, str) for line in reply["traceback"])
    assert not any("\x1b[" in line for line in reply["traceback"]), "traceback should be plain text"
    kernel.assert_works()
    return reply


def test_syntax_error_is_reported_and_next_cell_works(kernel):
    reply = check_error(kernel, "int x = 1 +;", "CompilationException", "illegal start of expression")
    assert "int x = 1 +;" in "\n".join(reply["traceback"])


def test_compile_error_is_reported_and_next_cell_works(kernel):
    reply = check_error(kernel, 'int x = "text";', "CompilationException", "incompatible types")
    assert any(line.strip() == "^" for line in reply["traceback"]), reply["traceback"]


def test_runtime_exception_is_reported_and_next_cell_works(kernel):
    reply = check_error(kernel, 'void fail() { throw new IllegalStateException("bad state"); }\nfail();',
                        "java.lang.IllegalStateException", "bad state")
    assert reply["traceback"][0] == "java.lang.IllegalStateException: bad state"
    assert any("<cell>" in line for line in reply["traceback"]), reply["traceback"]


def test_error_stops_the_rest_of_the_cell(kernel):
    reply, outputs = kernel.execute('System.out.println("before");\nint z = 1 / 0;\nSystem.out.println("after");')
    assert reply["status"] == "error" and reply["ename"] == "java.lang.ArithmeticException"
    assert kernel.stdout(outputs) == "before\n"


def test_system_exit_does_not_end_the_kernel(kernel):
    check_error(kernel, "System.exit(1);", "java.lang.SecurityException", "System.exit(1)")
    assert kernel.km.is_alive()
    # from a background thread too
    reply, _ = kernel.execute("var t = new Thread(() -> System.exit(3)); t.start(); t.join();")
    assert reply["status"] == "ok"
    assert kernel.km.is_alive()
    kernel.assert_works()


def test_endless_loop_is_stopped_by_an_interrupt(kernel):
    start = time.monotonic()
    reply, outputs = kernel.execute("while (true) {}", timeout=30, interrupt_after=1.0)
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException", reply
    assert time.monotonic() - start < 20
    kernel.assert_works()
    # a blocked (sleeping) cell too
    reply, _ = kernel.execute("Thread.sleep(600_000);", timeout=30, interrupt_after=1.0)
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException", reply
    kernel.assert_works()


def test_a_million_lines_arrive_complete_and_in_order(kernel):
    reply, outputs = kernel.execute("for (int i = 0; i < 1_000_000; i++) System.out.println(i);", timeout=180)
    assert reply["status"] == "ok"
    lines = kernel.stdout(outputs).split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 1_000_000
    assert lines == [str(i) for i in range(1_000_000)]


def test_background_thread_output_is_delivered(kernel):
    code = ('Thread t = new Thread(() -> { for (int i = 0; i < 5; i++) { System.out.println("bg " + i);'
            ' try { Thread.sleep(50); } catch (InterruptedException e) { } } });\n'
            't.start();\nt.join();\nSystem.out.println("main done");')
    reply, outputs = kernel.execute(code)
    assert reply["status"] == "ok"
    assert kernel.stdout(outputs) == "".join("bg %d\n" % i for i in range(5)) + "main done\n"


def test_out_of_memory_error_leaves_the_kernel_usable(kernel):
    check_error(kernel, "{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }",
                "java.lang.OutOfMemoryError")
    # the heap is free again: a large allocation succeeds
    reply, outputs = kernel.execute("new long[40_000_000].length")
    assert reply["status"] == "ok", reply
    assert kernel.result(outputs)["text/plain"] == "40000000"


def test_message_with_wrong_hmac_is_not_executed(kernel):
    info = kernel.km.get_connection_info(session=False)
    forged = Session(key=b"not-the-key", signature_scheme=info["signature_scheme"], username="attacker")
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
    try:
        forged.send(sock, "execute_request", {
            "code": 'System.setProperty("forged.ran", "yes"); System.out.println("FORGED");',
            "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True})
        assert sock.poll(3000) == 0, "the kernel answered a message with a wrong signature"
    finally:
        sock.close()
    reply, outputs = kernel.execute('String.valueOf(System.getProperty("forged.ran"))')
    assert reply["status"] == "ok"
    assert kernel.result(outputs)["text/plain"] == "null"
    assert kernel.km.is_alive()


def test_load_runs_a_jsh_file_relative_to_the_working_directory(kernel):
    reply, outputs = kernel.execute("%load setup.jsh\nLOADED.incrementAndGet()")
    assert reply["status"] == "ok", reply
    assert "setup loaded" in kernel.stdout(outputs)
    assert kernel.result(outputs)["text/plain"] == "8"
    reply, _ = kernel.execute("%load no-such-file.jsh")
    assert reply["status"] == "error" and "no-such-file.jsh" in reply["evalue"]


def test_classpath_and_jars_magics_add_compiled_classes(kernel, tmp_path):
    import subprocess
    src = tmp_path / "src" / "demo"
    src.mkdir(parents=True)
    (src / "Greeter.java").write_text('package demo; public class Greeter { '
                                      'public static String hi() { return "hi from demo"; } }')
    classes = tmp_path / "classes"
    subprocess.run(["javac", "-d", str(classes), str(src / "Greeter.java")], check=True)
    reply, _ = kernel.execute("%classpath " + str(classes))
    assert reply["status"] == "ok", reply
    reply, outputs = kernel.execute("demo.Greeter.hi()")
    assert reply["status"] == "ok", reply
    assert kernel.result(outputs)["text/plain"] == "hi from demo"
    jar_dir = tmp_path / "jars"
    jar_dir.mkdir()
    (src / "Other.java").write_text('package demo; public class Other { public static int n() { return 5; } }')
    subprocess.run(["javac", "-d", str(tmp_path / "c2"), str(src / "Other.java")], check=True)
    subprocess.run(["jar", "cf", str(jar_dir / "other.jar"), "-C", str(tmp_path / "c2"), "."], check=True)
    reply, _ = kernel.execute("%jars " + str(jar_dir) + "/*.jar")
    assert reply["status"] == "ok", reply
    reply, outputs = kernel.execute("demo.Other.n()")
    assert kernel.result(outputs)["text/plain"] == "5"
    reply, _ = kernel.execute("%jars /nonexistent/*.jar")
    assert reply["status"] == "error" and "nothing matches" in reply["evalue"]


def test_maven_magic_resolves_from_the_local_repository(kernel):
    # commons-math3 is a dependency of the lib, so it is in ~/.m2 once the lib is built
    reply, outputs = kernel.execute("%maven org.apache.commons:commons-math3:3.6.1", timeout=240)
    assert reply["status"] == "ok", reply
    assert "Added 1 jar(s)" in kernel.stdout(outputs)
    reply, _ = kernel.execute("%maven not-a-coordinate")
    assert reply["status"] == "error" and "group:artifact" in reply["evalue"]


def test_lib_is_on_the_classpath_and_xchart_charts_render_as_png(kernel):
    reply, outputs = kernel.execute("org.lowrank.rank.RankMetrics.class.getSimpleName()")
    assert reply["status"] == "ok", reply
    assert kernel.result(outputs)["text/plain"] == "RankMetrics"
    reply, outputs = kernel.execute(
        "var chart = new org.knowm.xchart.XYChartBuilder().width(120).height(90).build();\n"
        "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nchart")
    assert reply["status"] == "ok", reply
    data = kernel.result(outputs)
    assert "image/png" in data and len(data["image/png"]) > 100


def test_unknown_magic_is_an_error(kernel):
    reply, _ = kernel.execute("%nosuchmagic x")
    assert reply["status"] == "error" and reply["ename"] == "UndefinedMagicException"
    kernel.assert_works()


def test_kernelspec_is_ijava_compatible_and_memory_capped(kernel_json):
    import subprocess
    spec = json.loads(kernel_json.read_text())
    assert kernel_json.parent.name == "java"
    assert spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    assert spec["env"]["OMP_WAIT_POLICY"] == "PASSIVE"
    launcher = (kernel_json.parent / "kernel.sh").read_text()
    assert "LOWRANK_JVM_OPTS" in launcher and "LOWRANK_KERNEL_OPTS" in launcher
    opts = subprocess.run([str(kernel_json.parent / "kernel.sh"), "--print-jvm-options"], check=True,
                          capture_output=True, text=True).stdout.split("\n")
    for opt in ("-Xmx", "-Dorg.bytedeco.javacpp.maxbytes=", "-Dorg.bytedeco.javacpp.maxphysicalbytes=",
                "-Djava.awt.headless=true"):
        assert any(o.startswith(opt) for o in opts), opt


def _kernel_memory_kib(kernel):
    """VmRSS and VmHWM (peak RSS) of the kernel process, in KiB (Linux /proc)."""
    pid = kernel.km.provisioner.process.pid  # the launcher script execs java: same pid
    values = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def test_off_heap_memory_is_capped_below_2_gib(kernel):
    """ND4J arrays live off the Java heap; JavaCPP's maxphysicalbytes from the kernelspec stops them."""
    reply, _ = kernel.execute("{ var hog = new ArrayList<org.nd4j.linalg.api.ndarray.INDArray>(); while (true)"
                              " hog.add(org.nd4j.linalg.factory.Nd4j.create("
                              "org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1000, 1000)); }", timeout=120)
    assert reply["status"] == "error" and reply["ename"] == "java.lang.OutOfMemoryError", reply
    peak = _kernel_memory_kib(kernel)["VmHWM"]
    assert peak < 2 * 1024 * 1024, "kernel peak RSS %d MiB" % (peak // 1024)
    kernel.assert_works()


def test_parallel_streams_use_ordinary_worker_threads(kernel):
    """The common pool's workers must be ordinary ones (a security manager, which the kernel once used as its
    exit guard, makes innocuous workers that drop ThreadLocals after every task)."""
    reply, outputs = kernel.execute("java.util.concurrent.ForkJoinPool.commonPool()"
                                    ".submit(() -> String.valueOf(Thread.currentThread().getThreadGroup())).get()")
    assert reply["status"] == "ok", reply
    assert "Innocuous" not in kernel.result(outputs)["text/plain"]
    reply, outputs = kernel.execute("java.util.stream.IntStream.range(0, 1000).parallel().sum()")
    assert kernel.result(outputs)["text/plain"] == "499500"


def test_thread_local_state_survives_across_statements_and_cells(kernel):
    # Libraries keep per-thread state (ND4J's random generator is thread-local): every snippet runs on the
    # same cell thread, so a seed set in one statement or cell governs the next one.
    reply, outputs = kernel.execute(
        "ThreadLocal<String> tl = new ThreadLocal<>();\n"
        "tl.set(\"kept\");\n"
        "String first = Thread.currentThread().getName() + \"#\" + Thread.currentThread().getId();")
    assert reply["status"] == "ok", reply
    reply, outputs = kernel.execute("tl.get() + \" \" + first.equals(Thread.currentThread().getName() + \"#\" + Thread.currentThread().getId())")
    assert reply["status"] == "ok", reply
    assert kernel.result(outputs)["text/plain"] == '"kept true"' or "kept true" in kernel.result(outputs)["text/plain"]


def test_same_seed_gives_the_same_numbers_across_cells(kernel):
    seeded = ("org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(42L);\n"
              "double v = org.nd4j.linalg.factory.Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 4, 4).sumNumber().doubleValue();\n"
              "System.out.println(v);")
    _, first = kernel.execute(seeded)
    _, second = kernel.execute(seeded)
    assert kernel.stdout(first).strip() and kernel.stdout(first) == kernel.stdout(second)


def test_cell_thread_keeps_serving_after_a_hard_stop(kernel):
    reply, _ = kernel.execute("while (true) {}", interrupt_after=1.0)
    assert reply["status"] in ("error", "abort"), reply
    reply, outputs = kernel.execute("ThreadLocal<Integer> t2 = new ThreadLocal<>(); t2.set(7);")
    assert reply["status"] == "ok", reply
    reply, outputs = kernel.execute("t2.get()")
    assert reply["status"] == "ok" and "7" in kernel.result(outputs)["text/plain"], (reply, outputs)
