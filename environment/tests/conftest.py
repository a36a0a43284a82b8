"""Tests of the Java kernel over the Jupyter protocol.

Run (from the repository root, after building the kernel and the lib):

    mvn -q -B -f environment/kernel/pom.xml package && mvn -q -B -f lib/pom.xml package
    /usr/bin/python3 -m pytest environment/tests

The kernelspec used is the one named ``java`` on ``JUPYTER_PATH`` when that variable points at an
installed one (``make`` installs into build/jupyter); otherwise this conftest installs it with
environment/install-kernel.sh into a temporary prefix and points ``JUPYTER_PATH`` there.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_TMP = None


def installed_kernelspec():
    """The kernel.json of the 'java' kernelspec on JUPYTER_PATH, or None."""
    for entry in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
        if entry and (Path(entry) / "kernels" / "java" / "kernel.json").is_file():
            return Path(entry) / "kernels" / "java" / "kernel.json"
    return None


KERNEL_TEST_FILES = {"test_kernel_protocol.py", "test_robustness.py", "test_kernel_jvm.py",
                     "test_kernel_features.py", "test_browser.py", "test_reproducibility.py"}


def pytest_collection_finish(session):
    """Installs the kernelspec when a test that starts the kernel was collected (others need no jars)."""
    global _TMP
    if installed_kernelspec() is not None:
        return
    if not any(Path(str(item.fspath)).name in KERNEL_TEST_FILES for item in session.items):
        return
    _TMP = tempfile.TemporaryDirectory(prefix="java-kernelspec-")
    result = subprocess.run([str(ROOT / "environment" / "install-kernel.sh"), "--prefix", _TMP.name],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise pytest.UsageError("could not install the Java kernelspec:\n" + result.stdout + result.stderr)
    os.environ["JUPYTER_PATH"] = _TMP.name + (os.pathsep + os.environ["JUPYTER_PATH"]
                                              if os.environ.get("JUPYTER_PATH") else "")
    sys.stderr.write("Java kernelspec installed for the tests in %s\n" % _TMP.name)


def pytest_sessionfinish(session, exitstatus):
    if _TMP is not None:
        _TMP.cleanup()


@pytest.fixture(scope="session")
def kernel_json():
    path = installed_kernelspec()
    assert path is not None, "no 'java' kernelspec on JUPYTER_PATH"
    return path
