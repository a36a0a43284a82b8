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
