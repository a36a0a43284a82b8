"""Unit tests of the notebook runner's bookkeeping (no kernel needed)."""
import importlib.util
from pathlib import Path

import nbformat

_spec = importlib.util.spec_from_file_location(
    "run_notebooks", Path(__file__).resolve().parents[1] / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_notebooks)


def _nb(*outputs):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = list(outputs)
    nb.cells = [nbformat.v4.new_markdown_cell("[CLAIM FAIL] in markdown is not a check"), cell]
    return nb


def test_counts_pass_and_fail_lines_in_streams():
    nb = _nb(nbformat.v4.new_output("stream", name="stdout",
                                    text="[CLAIM PASS] a: ok\nnoise\n[CLAIM FAIL] b: no\n[CLAIM PASS] c\n"))
    passed, failed, errors = run_notebooks.claim_lines(nb)
    assert len(passed) == 2 and failed == ["[CLAIM FAIL] b: no"] and errors == []


def test_error_outputs_are_reported():
    nb = _nb(nbformat.v4.new_output("error", ename="EvalException", evalue="boom", traceback=[]))
    passed, failed, errors = run_notebooks.claim_lines(nb)
    assert errors == ["EvalException: boom"] and passed == [] and failed == []


def test_claim_text_must_start_the_line():
    nb = _nb(nbformat.v4.new_output("stream", name="stdout", text="say [CLAIM PASS] x\n"))
    assert run_notebooks.claim_lines(nb) == ([], [], [])


def test_missing_notebook_is_a_usage_error(tmp_path):
    assert run_notebooks.main(["--out", str(tmp_path), str(tmp_path / "nope.ipynb")]) == 2


# --- peak kernel RSS -------------------------------------------------------------------------------------

_HOLD = """
import subprocess, sys, time
block = bytearray({mib} << 20)          # bytearray(n) is zero-filled, so every page is touched
for i in range(0, len(block), 4096):
    block[i] = 1
{child}
print("ready", flush=True)
time.sleep(30)
"""


def _holder(mib, child_mib=None):
    """A Python process holding `mib` MiB resident (and a child holding `child_mib`), ready when it says so."""
    import subprocess
    import sys
    child = ""
    if child_mib is not None:
        child_code = _HOLD.format(mib=child_mib, child="")
        child = (f"c = subprocess.Popen([sys.executable, '-c', {child_code!r}], stdout=subprocess.PIPE, text=True)\n"
                 "assert c.stdout.readline().strip() == 'ready'")
    proc = subprocess.Popen([sys.executable, "-c", _HOLD.format(mib=mib, child=child)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _end(proc):
    import psutil
    for p in psutil.Process(proc.pid).children(recursive=True) + [psutil.Process(proc.pid)]:
        p.kill()
    proc.wait()


def test_peak_rss_sums_the_kernel_process_tree():
    proc = _holder(120, child_mib=80)
    try:
        rss = run_notebooks.PeakRss(interval=0.05)
        rss.start(proc.pid)
        import time
        time.sleep(0.3)
        rss.stop()
    finally:
        _end(proc)
    assert 200 <= rss.peak_mib < 260, rss.peak_mib     # 120 + 80 MiB + two interpreters of ~10 MiB


def test_high_water_mark_keeps_a_peak_that_was_freed():
    import subprocess
    import sys
    code = ("import time\nb = bytearray(150 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
            "del b\nprint('freed', flush=True)\ntime.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "freed"
        rss = run_notebooks.PeakRss()
        rss.start(proc.pid)
        rss.stop()
        current = run_notebooks.PeakRss()
        current._pid = proc.pid
        now_mib = current.tree_rss_bytes() / run_notebooks.MIB
    finally:
        proc.kill()
        proc.wait()
    assert now_mib < 60, now_mib                      # the 150 MiB are gone from the current RSS ...
    assert rss.peak_mib >= 150, rss.peak_mib          # ... but the peak remembers them


def test_peak_rss_of_a_vanished_process_is_zero_not_an_error():
    rss = run_notebooks.PeakRss()
    rss.start(2 ** 22 + 12345)                        # above pid_max's default: no such process
    rss.stop()
    assert rss.peak_bytes == 0 and run_notebooks.high_water_mark_bytes(2 ** 22 + 12345) == 0


def test_table_shows_seconds_and_peak_mib_and_flags_notebooks_over_the_goal():
    lines = run_notebooks.format_table([("00_a.ipynb", 12.34, 812.4, 5, 0, "ok"),
                                        ("09_b.ipynb", 234.0, 1780.2, 6, 1, "FAILED")])
    header = lines[0].split()
    assert header[:4] == ["notebook", "seconds", "peak", "MiB"]
    assert lines[2].split() == ["00_a.ipynb", "12.3", "812", "5", "0", "ok"]
    assert lines[3].split() == ["09_b.ipynb", "234.0", "1780", "6", "1", "FAILED"]
    assert lines[-1] == "peak kernel RSS: goal <= 1536 MiB; over it: 09_b.ipynb (1780)"
    assert run_notebooks.format_table([("00_a.ipynb", 1.0, 700.0, 1, 0, "ok")])[-1].endswith(
        "every notebook within it")


def test_max_rss_mib_fails_a_notebook_over_it_and_is_off_by_default(tmp_path, monkeypatch, capsys):
    nb_path = tmp_path / "00_a.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), nb_path)
    monkeypatch.setattr(run_notebooks, "run_one",
                        lambda *a: (3.0, 1700.0, ["[CLAIM PASS] x"], [], []))
    assert run_notebooks.main(["--out", str(tmp_path / "out"), str(nb_path)]) == 0
    assert run_notebooks.main(["--out", str(tmp_path / "out"), "--max-rss-mib", "1536", str(nb_path)]) == 1
    out = capsys.readouterr().out
    assert "ERROR kernel peak RSS 1700 MiB exceeds --max-rss-mib 1536" in out
    assert "over it: 00_a.ipynb (1700)" in out
