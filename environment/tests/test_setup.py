"""The setup a new user meets: package check, `make help`, Maven's output (no kernel or browser needed)."""
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENSURE = ROOT / "environment" / "ensure-packages.sh"


def _ensure(tmp_path, *packages, options=("--check",)):
    listing = tmp_path / "apt.txt"
    listing.write_text("# a comment\n\n" + "\n".join(packages) + "\n")
    return subprocess.run([str(ENSURE), *options, str(listing)], capture_output=True, text=True, timeout=60)


def test_ensure_packages_is_silent_and_succeeds_when_everything_is_installed(tmp_path):
    # dpkg and bash are essential on every Debian system; the check must not need root for them.
    result = _ensure(tmp_path, "dpkg", "bash  # trailing comment")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_ensure_packages_names_what_is_missing_and_the_command_to_install_it(tmp_path):
    result = _ensure(tmp_path, "dpkg", "lowrank-no-such-package")
    assert result.returncode == 1
    assert "Missing Debian packages: lowrank-no-such-package" in result.stderr
    assert "apt-get install -y --no-install-recommends lowrank-no-such-package" in result.stderr
    assert "dpkg" not in result.stderr.split("Missing Debian packages:")[1].splitlines()[0]


def test_ensure_packages_rejects_an_unreadable_list_and_a_malformed_line(tmp_path):
    result = subprocess.run([str(ENSURE), "--check", str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert result.returncode == 2 and "cannot read package list" in result.stderr
    result = _ensure(tmp_path, "dpkg", "bash peers extra")
    assert result.returncode == 2 and "bad line" in result.stderr


def test_a_grouped_package_is_needed_only_with_its_group(tmp_path):
    lines = ("dpkg", "lowrank-no-such-package   peers  # optional")
    assert _ensure(tmp_path, *lines).returncode == 0
    with_peers = _ensure(tmp_path, *lines, options=("--check", "--with", "peers"))
    assert with_peers.returncode == 1 and "Missing Debian packages: lowrank-no-such-package" in with_peers.stderr
    assert _ensure(tmp_path, *lines, options=("--list",)).stdout == "dpkg\n"
    assert _ensure(tmp_path, *lines, options=("--list", "--with", "peers")).stdout == "dpkg\nlowrank-no-such-package\n"
    assert _ensure(tmp_path, "# nothing", options=("--list",)).stdout == ""


def test_every_listed_package_exists_in_the_apt_sources():
    names = subprocess.run([str(ENSURE), "--list", "--with", "peers"], capture_output=True, text=True).stdout.split()
    for needed in ("jupyter-client", "jupyter-nbconvert", "chromium", "chromium-driver", "python3-selenium",
                   "python3-psutil", "python3-torch"):
        assert needed in names
    known = subprocess.run(["apt-cache", "show", "--no-all-versions", "dpkg"], capture_output=True, text=True)
    if "Package: dpkg" not in known.stdout:   # e.g. the Binder image, which drops /var/lib/apt/lists
        pytest.skip("no apt package lists on this machine (run apt-get update to check the names)")
    result = subprocess.run(["apt-cache", "show", "--no-all-versions", *names], capture_output=True, text=True)
    found = set(re.findall(r"^Package: (\S+)$", result.stdout, re.M))
    assert set(names) <= found, f"not in the apt sources: {sorted(set(names) - found)}"


def _make(*args):
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args],
                          capture_output=True, text=True, timeout=120)


def test_make_help_lists_every_phony_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    listed = [line.split()[1] for line in _make("help").stdout.splitlines() if line.startswith("make ")]
    assert sorted(listed) == sorted(phony)
    assert {"kernel", "lib", "deps"} <= set(listed)


def test_a_first_build_shows_maven_transfers_and_later_builds_are_quiet(tmp_path):
    first = _make("-n", "lib", f"M2_REPO={tmp_path / 'empty'}").stdout
    (tmp_path / "filled" / "org" / "nd4j" / "nd4j-native").mkdir(parents=True)
    later = _make("-n", "lib", f"M2_REPO={tmp_path / 'filled'}").stdout
    mvn_first = [line for line in first.splitlines() if line.startswith("mvn ")]
    mvn_later = [line for line in later.splitlines() if line.startswith("mvn ")]
    assert mvn_first and all(" -q" not in line and "-ntp" not in line for line in mvn_first), first
    assert "First build: Maven downloads" in first and "First build" not in later
    assert mvn_later and all(" -q" in line and "-ntp" in line for line in mvn_later), later
    assert all(" -B" in line and "-Dstyle.color=never" in line for line in mvn_first + mvn_later)


def test_maven_output_under_the_makefile_settings_has_no_escape_codes(tmp_path):
    probe = tmp_path / "probe.mk"
    probe.write_text("print-maven-opts:\n\t@echo \"$$MAVEN_OPTS\"\n")
    opts = subprocess.run(["make", "-s", "-C", str(ROOT), "-f", "Makefile", "-f", str(probe), "print-maven-opts"],
                          capture_output=True, text=True).stdout.strip()
    assert "-Djansi.noreset=true" in opts
    result = subprocess.run(["mvn", "-B", "-Dstyle.color=never", "-ntp", "-o", "-f",
                             str(ROOT / "environment" / "kernel" / "pom.xml"), "validate"],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "MAVEN_OPTS": opts})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr

