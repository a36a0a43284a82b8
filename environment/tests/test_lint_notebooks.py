"""The notebook output lint (environment/lint_notebooks.py): each rule fails on its kind, clean outputs pass."""
import importlib.util
from pathlib import Path

import nbformat
import pytest

_spec = importlib.util.spec_from_file_location(
    "lint_notebooks", Path(__file__).resolve().parents[1] / "lint_notebooks.py")
lint_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint_notebooks)


def _stdout(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def _stderr(text):
    return nbformat.v4.new_output("stream", name="stderr", text=text)


def _result(text):
    return nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1)


def _nb(*outputs):
    """A markdown cell (cell 1, never linted) and one code cell (cell 2) with the given outputs."""
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("x")
    code.outputs = list(outputs)
    nb.cells = [nbformat.v4.new_markdown_cell("java.io.PrintStream@1a2b3c WARN in markdown is prose, not output"), code]
    return nb


CLEAN = _nb(
    _stdout("Scale: quick  (set LOWRANK_SCALE=paper for the paper's sizes)\n"),
    _stdout("[CLAIM PASS] C1: low-rho region larger for two layers: p = 3.4e-07 < 0.01\n"
            "[FINDING] C2b: spread of rho(K) with depth: grows at every step: false\n"
            "contact: someone@example.org; p@0.05 is not an object; a warning in prose; ERROR bars at 95%\n"
            "model | ERROR | seconds\n------+-------+--------\nplain | 0.012 | 3\n"
            "[plain seed 1] done: 8 epochs, test acc 0.772 (final line of a run)\n"
            "[plain seed 2] epoch 8/8  loss 0.7467  train acc 0.8420  test acc 0.7660\n"),
    _result("Claim checks: 5 passed, 0 failed"),
)


def test_clean_outputs_pass():
    assert lint_notebooks.lint(CLEAN, "clean.ipynb") == []


@pytest.mark.parametrize("text", [
    "java.io.PrintStream@1a2b3c",
    "result: org.lowrank.experiment.RunResult@7f31245a\n",
    "[D@6d06d69c",
    "[[I@1b6d3586 and more",
    "[Ljava.lang.String;@4554617c",
    "Foo$$Lambda$14/0x0000000800c0b840@5e9f23b4",
    "SomeClass@ff",
])
def test_default_tostring_fails(text):
    problems = lint_notebooks.lint(_nb(_result(text)), "a.ipynb")
    assert len(problems) == 1 and problems[0].startswith("a.ipynb, cell 2 (object-print): "), problems
    assert text.strip() in problems[0]


@pytest.mark.parametrize("text", [
    "WARN org.deeplearning4j.nn.conf.inputs.InputType - Assigning a size of zero. This is normally only valid\n",
    "[main] WARN org.nd4j.linalg.factory.Nd4jBackend - Skipped [JCublasBackend] backend (unavailable)\n",
    "17:42:46.123 [main] WARN  o.d.nn.conf.inputs.InputType - Assigning a size of zero\n",
    "17:42:46.123 [main] ERROR o.n.l.f.Nd4jBackend - could not load\n",
    "2024-01-01 12:00:01,234 WARN [main] org.foo.Bar: something\n",
    "ERROR 2024-01-01 12:00:01 org.foo.Bar failed\n",
    "WARNING: An illegal reflective access operation has occurred\n",
    "SEVERE: out of memory\n",
])
def test_log_line_at_warn_or_above_fails_on_stderr_and_stdout(text):
    for output in (_stderr(text), _stdout(text)):
        problems = lint_notebooks.lint(_nb(output), "a.ipynb")
        assert [p.split(":")[0] for p in problems] == ["a.ipynb, cell 2 (log-line)"], problems
        assert text.strip() in problems[0]


def test_info_and_debug_log_lines_pass():
    assert lint_notebooks.lint(_nb(_stderr(
        "INFO org.nd4j.linalg.factory.Nd4jBackend - Loaded [CpuBackend] backend\n"
        "17:42:46.123 [main] DEBUG o.d.nn.Foo - detail\n")), "a.ipynb") == []


def test_java_stack_trace_fails_with_each_frame():
    trace = ("Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
             "\tat org.lowrank.train.TrainingHarness.fit(TrainingHarness.java:123)\n"
             "\tat java.base/java.lang.Thread.run(Thread.java:833)\n"
             "Caused by: java.lang.ArithmeticException: / by zero\n"
             "\t... 3 more\n")
    problems = lint_notebooks.lint(_nb(_stderr(trace)), "a.ipynb")
    assert len(problems) == 5 and all("(stack-trace)" in p for p in problems), problems
    assert "a.ipynb, cell 2 (stack-trace): at org.lowrank.train.TrainingHarness.fit(TrainingHarness.java:123)" in problems


def test_stack_trace_in_an_error_output_is_found():
    err = nbformat.v4.new_output("error", ename="EvalException", evalue="boom",
                                 traceback=["java.lang.RuntimeException: boom",
                                            "\tat REPL.$JShell$12.do_it$($JShell$12.java:5)"])
    problems = lint_notebooks.lint(_nb(err), "a.ipynb")
    assert any("(stack-trace)" in p and "JShell$12.java:5" in p for p in problems), problems


def test_progress_lines_over_the_limit_fail_once_per_cell():
    limit = lint_notebooks.PROGRESS_LIMIT
    at_limit = "".join("[plain seed %d] epoch 8/8  loss 0.7  train acc 0.84\n" % s for s in range(limit))
    assert lint_notebooks.lint(_nb(_stdout(at_limit)), "a.ipynb") == []
    over = at_limit + "[plain seed 9] epoch 8/8  loss 0.7  train acc 0.84\n"
    problems = lint_notebooks.lint(_nb(_stdout(over)), "a.ipynb")
    assert problems == ["a.ipynb, cell 2 (progress): %d progress lines (limit %d), first: "
                        "[plain seed 0] epoch 8/8  loss 0.7  train acc 0.84" % (limit + 1, limit)]


def test_carriage_return_overwrites_count_as_progress():
    # one visible line in a terminal, five saved lines in the notebook
    text = "".join("\rtraining %d/5" % i for i in range(1, 6)) + "\n"
    problems = lint_notebooks.lint(_nb(_stdout(text)), "a.ipynb")
    assert len(problems) == 1 and "(progress): 5 progress lines" in problems[0], problems


def test_main_exit_status_and_report(tmp_path, capsys):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    nbformat.write(CLEAN, good)
    nbformat.write(_nb(_result("java.io.PrintStream@1a2b3c")), bad)
    assert lint_notebooks.main([str(good)]) == 0
    assert lint_notebooks.main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "outputs clean  good.ipynb" in out
    assert "bad.ipynb, cell 2 (object-print): java.io.PrintStream@1a2b3c" in out
    assert lint_notebooks.main([str(tmp_path / "missing.ipynb")]) == 2
