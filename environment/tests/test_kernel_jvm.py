"""The kernel's JVM: which JDK runs it, a clean start (no JDK warnings), memory sized from the container's
limit, JVM options from LOWRANK_JVM_OPTS, and the install modes of install-kernel.sh.

Run on another JDK with LOWRANK_JAVA_HOME=/path/to/jdk (what `make test` does for Java 25).
"""
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
TIMEOUT = 90


def launcher(kernel_json):
    return kernel_json.parent / "kernel.sh"


def jvm_options(kernel_json, **env):
    """The java command and options the launcher would use, under the given environment additions."""
    full = dict(os.environ)
    for k in ("MEM_LIMIT", "LOWRANK_JVM_OPTS", "LOWRANK_KERNEL_OPTS", "LOWRANK_CGROUP_ROOT"):
        full.pop(k, None)
    full.update(env)
    out = subprocess.run([str(launcher(kernel_json)), "--print-jvm-options"], env=full, check=True,
                         capture_output=True, text=True)
    return out.stdout.split("\n")[:-1], out.stderr


def option_mib(opts, prefix):
    values = [o[len(prefix):] for o in opts if o.startswith(prefix)]
    assert values, (prefix, opts)
    m = re.fullmatch(r"(\d+)([mg])", values[-1])
    return int(m.group(1)) * (1024 if m.group(2) == "g" else 1)


def expected_feature():
    home = os.environ.get("LOWRANK_JAVA_HOME")
    if not home:
        return None
    text = (Path(home) / "release").read_text()
    return int(re.search(r'JAVA_VERSION="(\d+)', text).group(1))


class StartedKernel:
    """A kernel whose stderr (the server log) is captured in a file."""

    def __init__(self, env=None):
        self.log = tempfile.NamedTemporaryFile(prefix="kernel-stderr-", suffix=".log", delete=False)
        self.km = KernelManager(kernel_name="java")
        full = dict(os.environ)
        full.update(env or {})
        t0 = time.monotonic()
        self.km.start_kernel(stderr=self.log, env=full)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.start_seconds = time.monotonic() - t0

    def value(self, code):
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT, output_hook=self._hook)
        assert reply["content"]["status"] == "ok", reply["content"]
        return self._result

    _result = None
    cell_stderr = ""

    def _hook(self, msg):
        if msg["msg_type"] == "execute_result":
            self._result = msg["content"]["data"]["text/plain"]
        elif msg["msg_type"] == "stream" and msg["content"]["name"] == "stderr":
            self.cell_stderr += msg["content"]["text"]

    def rss_kib(self):
        with open("/proc/%d/status" % self.km.provisioner.process.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        self.log.close()
        text = Path(self.log.name).read_text()
        os.unlink(self.log.name)
        return text


def test_kernel_starts_without_jdk_warnings_on_this_jdk(kernel_json):
    k = StartedKernel()
    try:
        banner = k.kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]["banner"]
        feature = int(k.value("Runtime.version().feature()"))
        # the Vector API module is there for the lib, and ND4J runs (loads its native code) without warnings
        assert k.value('ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()') == "true"
        assert k.value("org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber().intValue()") == "4"
        print("Java %d: kernel ready after %.1f s, RSS after first ND4J cell %d MiB"
              % (feature, k.start_seconds, k.rss_kib() // 1024))
    finally:
        log = k.close()
    assert "Java " + str(feature) in banner or "Java %d." % feature in banner, banner
    if expected_feature() is not None:
        assert feature == expected_feature(), "LOWRANK_JAVA_HOME asks for Java %d" % expected_feature()
    offending = [line for line in log.splitlines() if "WARNING" in line.upper() or "deprecat" in line.lower()]
    assert not offending, "kernel stderr at start:\n" + log
    # JDK warnings raised once ND4J loads (native access, sun.misc.Unsafe) would land in the cell's stderr
    assert "WARNING" not in k.cell_stderr.upper(), k.cell_stderr


def test_default_memory_options_without_a_limit(kernel_json, tmp_path):
    (tmp_path / "memory.max").write_text("max\n")
    opts, _ = jvm_options(kernel_json, LOWRANK_CGROUP_ROOT=str(tmp_path))
    # no limit: sized as for a 2 GiB container (Binder), which keeps notebooks 09 and 10 under 1.5 GB RSS
    assert option_mib(opts, "-Xmx") == 594
    assert option_mib(opts, "-Dorg.bytedeco.javacpp.maxbytes=") == 594
    assert option_mib(opts, "-Dorg.bytedeco.javacpp.maxphysicalbytes=") == 1382
    assert "-Djava.security.manager=allow" not in opts


@pytest.mark.parametrize("source", ["cgroup2", "cgroup1", "MEM_LIMIT"])
def test_memory_is_sized_from_a_container_limit(kernel_json, tmp_path, source):
    limit = 2 * 1024 * MIB
    env = {"LOWRANK_CGROUP_ROOT": str(tmp_path)}
    if source == "cgroup2":
        (tmp_path / "memory.max").write_text("%d\n" % limit)
    elif source == "cgroup1":
        (tmp_path / "memory").mkdir()
        (tmp_path / "memory" / "memory.limit_in_bytes").write_text("%d\n" % limit)
    else:
        env["MEM_LIMIT"] = str(limit)
    opts, _ = jvm_options(kernel_json, **env)
    heap = option_mib(opts, "-Xmx")
    off = option_mib(opts, "-Dorg.bytedeco.javacpp.maxbytes=")
    physical = option_mib(opts, "-Dorg.bytedeco.javacpp.maxphysicalbytes=")
    # a quarter of 2 GiB stays free for the Jupyter server; JavaCPP's cap is 90% of the rest (native memory it
    # does not see takes the other 10%), and heap and off-heap arrays share the cap
    assert physical == 1382
    assert heap + off <= physical and heap >= 560 and off >= 560


def test_the_smallest_limit_wins_and_limits_above_the_machine_are_ignored(kernel_json, tmp_path):
    (tmp_path / "memory.max").write_text("%d\n" % (4096 * MIB))
    opts, _ = jvm_options(kernel_json, LOWRANK_CGROUP_ROOT=str(tmp_path), MEM_LIMIT=str(1024 * MIB))
    assert option_mib(opts, "-Dorg.bytedeco.javacpp.maxphysicalbytes=") == 576  # 90% of 1 GiB - 384 MiB
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:        2097152 kB\n")  # a 2 GiB machine: a 4 GiB limit means nothing
    full = dict(os.environ, LOWRANK_CGROUP_ROOT=str(tmp_path), LOWRANK_MEMINFO=str(meminfo))
    full.pop("MEM_LIMIT", None)
    full.pop("LOWRANK_JVM_OPTS", None)
    full.pop("LOWRANK_KERNEL_OPTS", None)
    out = subprocess.run([str(launcher(kernel_json)), "--print-jvm-options"], env=full, check=True,
                         capture_output=True, text=True).stdout.split("\n")
    assert option_mib(out, "-Xmx") == 594


def test_a_malformed_mem_limit_is_reported_and_ignored(kernel_json, tmp_path):
    opts, err = jvm_options(kernel_json, LOWRANK_CGROUP_ROOT=str(tmp_path), MEM_LIMIT="2G")
    assert option_mib(opts, "-Xmx") == 594
    assert "MEM_LIMIT" in err


def test_jvm_options_variable_comes_last_and_the_old_name_still_works(kernel_json, tmp_path):
    opts, _ = jvm_options(kernel_json, LOWRANK_CGROUP_ROOT=str(tmp_path), LOWRANK_KERNEL_OPTS="-Xmx3g -Da=1",
                          LOWRANK_JVM_OPTS="-Xmx5g -Db=2")
    assert opts[-4:] == ["-Xmx3g", "-Da=1", "-Xmx5g", "-Db=2"]
    assert option_mib(opts, "-Xmx") == 5 * 1024  # the JVM takes the last -Xmx


def test_a_running_kernel_honours_mem_limit_and_jvm_opts(kernel_json):
    k = StartedKernel({"MEM_LIMIT": str(2 * 1024 * MIB), "LOWRANK_JVM_OPTS": "-Dlowrank.probe=seen"})
    try:
        max_heap_mib = int(k.value("Runtime.getRuntime().maxMemory() >> 20"))
        probe = k.value('System.getProperty("lowrank.probe")')
        physical = k.value('System.getProperty("org.bytedeco.javacpp.maxphysicalbytes")')
    finally:
        k.close()
    assert 500 <= max_heap_mib <= 595, max_heap_mib  # -Xmx594m (the JVM reports a little less)
    assert "seen" in probe
    assert "1382m" in physical


def _python_with(module):
    for py in ("/usr/bin/python3", "python3"):
        if subprocess.run([py, "-c", "import " + module], capture_output=True).returncode == 0:
            return py
    pytest.skip("no python with " + module)


def test_install_modes_write_where_jupyter_looks(tmp_path):
    py = _python_with("jupyter_core")
    paths = subprocess.run([py, "-c", "import sys, jupyter_core.paths as p; print(p.jupyter_data_dir());"
                                      " print(sys.prefix); print(p.SYSTEM_JUPYTER_PATH[0])"],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    script = str(ROOT / "environment" / "install-kernel.sh")
    expected = {"--user": Path(paths[0]), "--sys-prefix": Path(paths[1]) / "share" / "jupyter",
                "--system": Path(paths[2])}
    for mode, base in expected.items():
        out = subprocess.run([script, mode, "--dry-run"], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert Path(out.stdout.strip()) == base / "kernels" / "java", mode
    # a real --prefix install: display name as in the committed notebooks, bash launcher
    out = subprocess.run([script, "--prefix", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    import json
    spec = json.loads((tmp_path / "kernels" / "java" / "kernel.json").read_text())
    assert spec["display_name"] == "Java"
    nb = json.loads((ROOT / "notebooks" / "00_getting_started.ipynb").read_text())
    assert nb["metadata"]["kernelspec"]["display_name"] == spec["display_name"]
    assert nb["metadata"]["kernelspec"]["name"] == "java"
    bad = subprocess.run([script, "--nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "usage" in bad.stderr
