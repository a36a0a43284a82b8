"""Start-up time and idle RSS of the installed 'java' kernel, on the default JDK and on each JDK given.

    JUPYTER_PATH=build/jupyter /usr/bin/python3 environment/tests/measure_kernel_start.py [JDK_HOME...]

Prints, per JDK and start: seconds until the kernel answers kernel_info, and VmRSS 5 s after a `1 + 1` cell.
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def main(homes, starts=2):
    for home in [""] + homes:
        for _ in range(starts):
            env = dict(os.environ)
            if home:
                env["LOWRANK_JAVA_HOME"] = home
            km = KernelManager(kernel_name="java")
            t0 = time.monotonic()
            km.start_kernel(env=env)
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=180)
                ready = time.monotonic() - t0
                kc.execute_interactive("1 + 1", timeout=180, output_hook=lambda msg: None)
                time.sleep(5)
                print("%-40s ready after %5.1f s, idle VmRSS %d MiB"
                      % (home or "default JDK", ready, rss_mib(km.provisioner.process.pid)), flush=True)
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main(sys.argv[1:])
