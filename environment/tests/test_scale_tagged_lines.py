"""Scale-tagged claim lines (`[CLAIM PASS] @paper C1: ...`, org.lowrank.notebook.Claims.at) through the output lint,
the output comparison and the runner's pass/fail count: tagged lines are claim lines like the others (no kernel)."""
import importlib.util
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "environment"))
import compare_outputs as co  # noqa: E402


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "environment" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lint_notebooks = _load("lint_notebooks")
run_notebooks = _load("run_notebooks")

TAGGED = ("[CLAIM PASS] @paper C1: low-rho region larger for two layers: mean fraction 0.533 (two) vs 0.245 (one), "
          "larger in 188/200 draws, one-sided Wilcoxon p = 1.2e-33 < 0.01\n"
          "[FINDING] @paper C2b: spread of rho(K) grows at every depth step, RELU NORMAL: DOES NOT HOLD: std 0.056 -> 0.247\n"
          "[CLAIM FAIL] @paper C6: fits: 3 of 5\n")


def _nb(text):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("Report.print(Claims.at(Scale.PAPER), lines);")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), cell]
    return nb


def test_the_lint_accepts_tagged_claim_lines():
    assert lint_notebooks.lint(_nb(TAGGED), "n.ipynb") == []
    # and still flags a violation beside them
    assert lint_notebooks.lint(_nb(TAGGED + "java.io.PrintStream@1b2c3d\n"), "n.ipynb") != []


def test_the_comparison_compares_tagged_lines_exactly():
    assert co.compare(_nb(TAGGED), _nb(TAGGED), "n.ipynb") == []
    changed = TAGGED.replace("0.533 (two)", "0.534 (two)")
    diffs = co.compare(_nb(TAGGED), _nb(changed), "n.ipynb")
    assert len(diffs) == 1 and "@paper C1" in diffs[0]
    assert co.compare(_nb(TAGGED), _nb(TAGGED.replace("@paper", "@quick")), "n.ipynb") != []


def test_the_runner_counts_tagged_checks_and_fails_on_a_tagged_failure():
    passed, failed, errors = run_notebooks.claim_lines(_nb(TAGGED))
    assert len(passed) == 1 and passed[0].startswith("[CLAIM PASS] @paper C1:")
    assert failed == ["[CLAIM FAIL] @paper C6: fits: 3 of 5"] and errors == []
