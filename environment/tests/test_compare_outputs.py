"""Tests of environment/compare_outputs.py (no kernel needed)."""
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "environment"))
import compare_outputs as co  # noqa: E402


def notebook(*cells):
    """A notebook whose code cells print the given texts (one stdout stream each; a dict is used as an output)."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# title"))
    for text in cells:
        cell = nbformat.v4.new_code_cell("code")
        out = text if isinstance(text, dict) else nbformat.v4.new_output("stream", name="stdout", text=text)
        cell.outputs = [out]
        nb.cells.append(cell)
    return nb


def test_identical_notebooks_match():
    nb = notebook("[CLAIM PASS] x: rho 1.234\n", "a | b\n--+--\n1 | 2\n")
    assert co.compare(nb, nb, "n.ipynb") == []


def test_a_changed_claim_value_is_reported_with_notebook_cell_and_both_values():
    a = notebook("[CLAIM PASS] C1: rho falls: 2.54 -> 1.13\n")
    b = notebook("[CLAIM PASS] C1: rho falls: 2.54 -> 1.14\n")
    diffs = co.compare(a, b, "02_random_networks.ipynb")
    assert len(diffs) == 1
    assert "02_random_networks.ipynb, cell 2" in diffs[0]
    assert "2.54 -> 1.13" in diffs[0] and "2.54 -> 1.14" in diffs[0]


def test_a_stale_accuracy_in_the_last_digit_fails():
    a = notebook("[FINDING] C9: test acc -0.019, Welch p = 0.092\n")
    b = notebook("[FINDING] C9: test acc -0.020, Welch p = 0.092\n")
    assert co.compare(a, b, "n") != []


def test_claim_verdict_change_fails():
    assert co.compare(notebook("[CLAIM PASS] c: err = 2.2e-15\n"), notebook("[CLAIM FAIL] c: err = 2.2e-15\n"), "n")


def test_timings_rates_and_progress_are_ignored():
    a = notebook("56 runs in 26 s\n",
                 "LR sweep: plain lr 0.300: validation acc 0.7100 (train loss 1.0955, 5 s)\n",
                 "[plain seed 1] epoch 1/8  iter 1/31  loss 2.5243  695 ex/s  ETA 11s\r"
                 "[plain seed 1] epoch 1/8  loss 1.6780  train acc 0.4680  test acc 0.4710  lr 0.100  763 ex/s  1s\n")
    b = notebook("56 runs in 31 s\n",
                 "LR sweep: plain lr 0.300: validation acc 0.7100 (train loss 1.0955, 12 s)\n",
                 "[plain seed 1] epoch 1/8  iter 7/31  loss 2.1000  300 ex/s  ETA 1m05s\r"
                 "[plain seed 1] epoch 1/8  loss 1.6780  train acc 0.4680  test acc 0.4710  lr 0.100  301 ex/s  1m02s\n")
    assert co.compare(a, b, "n") == []
    c = notebook("56 runs in 26 s\n",
                 "LR sweep: plain lr 0.300: validation acc 0.7250 (train loss 1.0955, 5 s)\n",
                 "[plain seed 1] epoch 1/8  loss 1.6780  train acc 0.4680  test acc 0.4710  lr 0.100  763 ex/s  1s\n")
    diffs = co.compare(a, c, "n")
    assert len(diffs) == 1 and "0.7100" in diffs[0] and "0.7250" in diffs[0]


def test_seconds_column_of_a_table_is_ignored_but_other_columns_are_not():
    head = "model | LR | train acc | seconds\n------+----+-----------+--------\n"
    a = notebook(head + "plain | 0.100 | 0.849 | 14\n")
    assert co.compare(a, notebook(head + "plain | 0.100 | 0.849 | 23\n"), "n") == []
    assert co.compare(a, notebook(head + "plain | 0.100 | 0.848 | 14\n"), "n") != []


def test_rounding_noise_magnitudes_get_the_stated_tolerance_only():
    a = notebook("[CLAIM PASS] collapse exact: max |diff| = 2.2e-15\n")
    assert co.compare(a, notebook("[CLAIM PASS] collapse exact: max |diff| = 4.4e-15\n"), "n") == []
    assert co.compare(a, notebook("[CLAIM PASS] collapse exact: max |diff| = 3.1e-13\n"), "n") != []   # factor > 10
    # not noise: a fixed-point number, or a scientific one >= 1e-4
    assert co.compare(notebook("p = 0.0350\n"), notebook("p = 0.0351\n"), "n") != []
    assert co.compare(notebook("p = 3.5e-02\n"), notebook("p = 3.6e-02\n"), "n") != []


def test_missing_or_extra_output_lines_fail():
    a = notebook("line 1\n", "line 2\n")
    diffs = co.compare(a, notebook("line 1\n"), "n")
    assert diffs and "line 2" in diffs[-1]


def test_stderr_and_images_are_not_compared():
    img_a = nbformat.v4.new_output("display_data", data={"image/png": "AAAA", "text/plain": "<image 640x420>"})
    img_b = nbformat.v4.new_output("display_data", data={"image/png": "BBBB", "text/plain": "<image 640x420>"})
    err_a = nbformat.v4.new_output("stream", name="stderr", text="WARN 12:00:01 thread-1 something\n")
    err_b = nbformat.v4.new_output("stream", name="stderr", text="WARN 12:00:07 thread-9 something\n")
    assert co.compare(notebook(img_a, err_a), notebook(img_b, err_b), "n") == []


def test_command_line_exit_status_and_message(tmp_path):
    committed, executed = tmp_path / "committed", tmp_path / "executed"
    committed.mkdir()
    executed.mkdir()
    nbformat.write(notebook("[CLAIM PASS] a: 1.00\n"), committed / "01_x.ipynb")
    nbformat.write(notebook("[CLAIM PASS] a: 1.00\n"), executed / "01_x.ipynb")
    script = [sys.executable, str(ROOT / "environment" / "compare_outputs.py"), "--committed", str(committed)]
    ok = subprocess.run(script + [str(executed / "01_x.ipynb")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    nbformat.write(notebook("[CLAIM PASS] a: 1.01\n"), executed / "01_x.ipynb")
    bad = subprocess.run(script + [str(executed / "01_x.ipynb")], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "01_x.ipynb, cell 2" in bad.stdout and "1.00" in bad.stdout and "1.01" in bad.stdout
    missing = subprocess.run(script + [str(executed / "nope.ipynb")], capture_output=True, text=True)
    assert missing.returncode == 2


def test_committed_notebooks_match_themselves():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert co.compare(nb, nb, path.name) == []


def test_machine_signature_names_cpu_isa_and_threads(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    sig = co.machine_signature()
    assert set(sig) == {"cpu", "isa", "native_threads"}
    assert sig["native_threads"] == "3"


def test_differences_bind_only_between_equal_machine_signatures():
    a, b = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    assert co.binding(a, b) == (True, "")              # no signature recorded: strict
    sig = {"cpu": "X", "isa": "avx2 fma", "native_threads": "2"}
    a.metadata["lowrank"] = {"executed_on": dict(sig)}
    b.metadata["lowrank"] = {"executed_on": dict(sig)}
    assert co.binding(a, b) == (True, "")
    b.metadata["lowrank"]["executed_on"]["isa"] = "avx2 avx512f fma"
    binds, why = co.binding(a, b)
    assert not binds and "isa" in why and "avx512f" in why
