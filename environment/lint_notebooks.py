#!/usr/bin/python3
"""Lint the saved outputs of notebooks: what a reader should never see in a committed notebook.

Usage:
  lint_notebooks.py NOTEBOOK...

Every text output of every code cell (stdout, stderr, results' text/plain, error outputs and their tracebacks) is
checked line by line for:
  * object-print  an object's default toString, `SomeClass@1a2b3c` (java.lang.Object#toString: class name, '@',
                  identity hash in hex), arrays included (`[D@1b2c3d`, `[Ljava.lang.String;@1b2c3d`): a stray
                  expression value such as `System.out.printf(...)`'s PrintStream;
  * log-line      a library log line at WARN or above (WARN, WARNING, ERROR, FATAL, SEVERE) in the usual layouts:
                  slf4j-simple / DL4J (`WARN org.deeplearning4j... - msg`, `[main] WARN o.d.x.Y - msg`),
                  logback / log4j (`12:00:01.234 [main] WARN  o.d.x.Y - msg`, `2024-01-01 12:00:01,234 WARN ...`),
                  java.util.logging (`WARNING: msg`, `SEVERE: msg`);
  * stack-trace   a Java stack trace (`at pkg.Class.method(File.java:12)`, `Caused by: ...`,
                  `Exception in thread "..." ...`);
  * progress      more than PROGRESS_LIMIT (= 3) progress lines in one cell: lines with `epoch N/M`, `iter N/M`,
                  `ETA`, a percentage bar, or text a carriage return overwrote (a terminal shows only the last
                  segment; a saved notebook keeps them all). Progress is to be collapsed to a final line per run.

Each violation is printed as `NOTEBOOK, cell N (RULE): LINE`, cells counted from 1 over all cells (markdown
included), as compare_outputs.py counts them. Exit status: 0 when no notebook has a violation, 1 otherwise,
2 on a missing notebook.
"""
import re
import sys
from pathlib import Path

import nbformat

PROGRESS_LIMIT = 3

# class name (optionally package-qualified, nested with '$', hidden-class suffix '/0x…') '@' identity hash (hex)
_JAVA_ID = r"[A-Za-z_$][\w$]*"
OBJECT_PRINT = re.compile(
    r"(?<![\w$.@/])"
    r"(?:(?:" + _JAVA_ID + r"\.)*[A-Z][\w$]*(?:/0x[0-9a-f]+)?"        # java.io.PrintStream, Foo$$Lambda$14/0x…
    r"|\[+(?:[ZBCSIJFD]|L[\w$.]+;))"                                  # [D, [[I, [Ljava.lang.String;
    r"@[0-9a-f]{1,16}(?![\w@])")

_LEVEL = r"(?:WARN|WARNING|ERROR|FATAL|SEVERE)"
_LOGGER = r"[A-Za-z_$][\w$]*(?:\.[\w$]+)+"                           # a dotted logger name: o.d.nn.conf.InputType
_TIME = r"\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?"
_DATE = r"\d{4}-\d{2}-\d{2}[ T]" + _TIME
LOG_LINE = [
    re.compile(r"^\s*(?:\[[^\]]*\]\s+)?" + _LEVEL + r"\s+(?:\[[^\]]*\]\s+)?" + _LOGGER + r"\s*(?:-|:)\s"),  # slf4j-simple, DL4J
    re.compile(r"^\s*(?:" + _DATE + r"|" + _TIME + r")\s+(?:\[[^\]]*\]\s+)?" + _LEVEL + r"\b"),           # logback, log4j
    re.compile(r"^\s*" + _LEVEL + r"\s+(?:" + _DATE + r"|" + _TIME + r")\b"),                             # log4j, level first
    re.compile(r"^\s*(?:WARNING|SEVERE):\s"),                                                              # java.util.logging
]

STACK_TRACE = [
    re.compile(r"^\s*at\s+(?:[\w$.]+/)?[\w$.]+\.[\w$<>]+\((?:[^()]*\.java:\d+|Native Method|Unknown Source)\)"),
    re.compile(r"^\s*Caused by:\s+[\w$.]+(?:Exception|Error|Throwable)\b"),
    re.compile(r"^\s*Exception in thread \"[^\"]*\"\s+[\w$.]+"),
    re.compile(r"^\s*\.\.\. \d+ more\s*$"),
]

PROGRESS = [
    re.compile(r"\bepoch \d+/\d+"),
    re.compile(r"\biter(?:ation)? \d+/\d+"),
    re.compile(r"\bETA\b"),
    re.compile(r"\d{1,3}%\s*\|"),                                     # tqdm-like bars: " 45%|####   |"
    re.compile(r"\[[=#>\-. ]{10,}\]"),                                # [=====>      ]
]


def _texts(output):
    """The text of one output: stream text, a result's text/plain, or an error's name, value and traceback."""
    kind = output.get("output_type")
    if kind == "stream":
        return [output.get("text", "")]
    if kind in ("execute_result", "display_data"):
        return [output.get("data", {}).get("text/plain", "")]
    if kind == "error":
        return ["%s: %s" % (output.get("ename", ""), output.get("evalue", ""))] + list(output.get("traceback", []))
    return []


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def lint_cell_outputs(outputs):
    """[(rule, line)] for one code cell's outputs, in output order (the progress rule reported once, with its count)."""
    found, progress = [], []
    for output in outputs:
        for text in _texts(output):
            text = _ANSI.sub("", text)
            for physical in re.split(r"\r\n|\n", text):
                segments = physical.split("\r")
                visible = [s for s in segments if s.strip()]
                # segments a carriage return overwrote: progress by construction
                for seg in visible[:-1]:
                    progress.append(seg.strip())
                if not visible:
                    continue
                line = visible[-1]
                if OBJECT_PRINT.search(line):
                    found.append(("object-print", line.strip()))
                if any(p.search(line) for p in LOG_LINE):
                    found.append(("log-line", line.strip()))
                if any(p.search(line) for p in STACK_TRACE):
                    found.append(("stack-trace", line.strip()))
                if any(p.search(line) for p in PROGRESS) or len(visible) > 1:
                    progress.append(line.strip())
    if len(progress) > PROGRESS_LIMIT:
        found.append(("progress", "%d progress lines (limit %d), first: %s" % (len(progress), PROGRESS_LIMIT, progress[0])))
    return found


def lint(nb, name):
    """Violations of one notebook as printable lines: 'NAME, cell N (RULE): LINE'."""
    out = []
    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for rule, line in lint_cell_outputs(cell.get("outputs", [])):
            out.append("%s, cell %d (%s): %s" % (name, n, rule, line))
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    bad = 0
    for arg in argv:
        path = Path(arg)
        if not path.is_file():
            print("lint_notebooks: no such notebook: %s" % path, file=sys.stderr)
            return 2
        problems = lint(nbformat.read(path, as_version=4), path.name)
        if problems:
            bad += 1
            print("OUTPUT LINT  %s (%d problem(s))" % (path.name, len(problems)))
            for p in problems:
                print("  " + p)
        else:
            print("outputs clean  %s" % path.name)
    if bad:
        print("%d of %d notebook(s) have saved outputs a reader should not see (object prints, library log lines at "
              "WARN or above, stack traces, more than %d progress lines per cell): fix the cell, re-run, commit."
              % (bad, len(argv), PROGRESS_LIMIT))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
