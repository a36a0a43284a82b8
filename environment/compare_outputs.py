#!/usr/bin/python3
"""Compare the text outputs of re-executed notebooks with the committed ones.

Usage:
  compare_outputs.py --committed DIR EXECUTED.ipynb...
  compare_outputs.py COMMITTED.ipynb EXECUTED.ipynb

Every text output of every code cell (stdout, results' text/plain, errors) is split into lines and compared
line by line with the committed notebook's, in order: claim checks, findings, tables and every other printed
value. Excluded, because they measure the machine and not the computation:
  * timings: "in 26 s", "(…, 5 s)", Progress durations ("11s", "1m05s", "2h03m"), "763 ex/s", and the
    "seconds" column of tables;
  * in-place progress lines ("epoch 1/8  iter 7/31 …"): which iterations are shown depends on the clock;
  * stderr (library log lines such as DL4J's WARN lines, with thread names and timestamps);
  * images (they are drawn from the numbers that are compared).

What must be equal, and why (README.md, "Reproducibility"):
  * Everything else, exactly, character for character. The notebooks are deterministic for a fixed number of
    native threads on a given CPU type: two runs on the same machine give identical notebooks (measured: see
    README.md). `make test` runs on a machine of the kind the notebooks were committed on (2 cores, 2 native
    threads), so any difference is a stale notebook or lost determinism, and fails.
  * One tolerance: rounding-noise magnitudes, i.e. numbers printed in scientific notation whose absolute value
    is below 1e-4 (collapse errors such as "max |diff| = 2.2e-15"). Their value is the sum of floating-point
    rounding errors, which depends on whether the CPU's BLAS/oneDNN kernels use FMA and how wide their vectors
    are, even when each run is deterministic. They must both be below 1e-4 and within a factor of 10 of each
    other. The claim check that bounds them is a separate PASS/FAIL line and is compared exactly.
Not tolerated: the accuracies, losses and ranks of DL4J training (notebooks 08, 09). On another CPU type they
can differ (chaotic training amplifies last-bit differences of CPU-specific kernels), but any tolerance wide
enough to absorb that (0.03 in accuracy) would also let a stale notebook pass after a lib change.

Where the comparison binds: run_notebooks.py records in each executed notebook's metadata ("lowrank" ->
"executed_on") the machine signature that decides the native kernels: the CPU model, its vector-ISA flags and
the native thread count. When the committed notebook carries a signature and the re-executing machine's differs,
bit-identical outputs are not promised (ND4J's OpenBLAS and oneDNN choose their kernels by CPU), so differences
are printed but do not fail; rerun `make run` on that machine to compare like with like. A committed notebook
without a signature is compared strictly.

Exit status: 0 when every notebook matches, 1 on any difference (each printed as notebook, cell, line, committed
value and re-executed value), 2 on bad arguments.
"""
import argparse
import difflib
import math
import os
import re
import sys
from pathlib import Path

import nbformat

# --- what is excluded -----------------------------------------------------------------------------------------
PROGRESS_LINE = re.compile(r"\bepoch \d+/\d+\s+iter \d+/\d+\b")            # in-place progress (clock-driven)
TIMINGS = [
    (re.compile(r"\b\d+(?:\.\d+)? ?(?:ms|µs|us)\b"), "<time>"),
    (re.compile(r"\b\d+(?:\.\d+)? s\b"), "<time>"),                        # "in 26 s", ", 5 s)"
    (re.compile(r"\b\d+h\d\dm\b|\b\d+m\d\ds\b|\b\d+s\b"), "<time>"),       # Progress.duration: 11s, 1m05s, 2h03m
    (re.compile(r"\b\d+(?:\.\d+)? ex/s\b"), "<rate>"),
    (re.compile(r"\bETA \S+"), "ETA <time>"),
]
TIME_COLUMNS = {"seconds", "s", "time", "time (s)", "wall (s)"}

# --- the one tolerance ------------------------------------------------------------------------------------------
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
NOISE_BOUND = 1e-4
NOISE_FACTOR = 10.0


# --- where the comparison binds ------------------------------------------------------------------------------------
ISA_PREFIXES = ("sse4", "avx", "fma", "amx")


def machine_signature():
    """What decides the native kernels' results: CPU model, vector-ISA flags, native thread count."""
    model, flags = "unknown", []
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "model name" and model == "unknown":
                    model = value.strip()
                elif key == "flags" and not flags:
                    flags = sorted(fl for fl in value.split() if fl.startswith(ISA_PREFIXES))
    except OSError:
        pass
    threads = os.environ.get("OMP_NUM_THREADS") or str(os.cpu_count())
    return {"cpu": model, "isa": " ".join(flags), "native_threads": threads}


def signature_of(nb):
    """The machine signature recorded in a notebook's metadata by run_notebooks.py, or None."""
    return nb.metadata.get("lowrank", {}).get("executed_on")


def binding(committed_nb, executed_nb):
    """(True, "") when differences must fail; (False, why) when the two ran on machines of different signatures."""
    a, b = signature_of(committed_nb), signature_of(executed_nb)
    if a is None or b is None or a == b:
        return True, ""
    keys = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    return False, "committed on another machine signature (%s: %s vs %s)" % (
        ", ".join(keys), "; ".join(str(a.get(k)) for k in keys), "; ".join(str(b.get(k)) for k in keys))


def _table_time_columns(header):
    """Indices of timing columns of a ComparisonTable header line ("a | b | seconds"), or None if not a header."""
    if " | " not in header:
        return None
    cols = [c.strip().lower() for c in header.split("|")]
    idx = {i for i, c in enumerate(cols) if c in TIME_COLUMNS}
    return idx or None


def normalize(text):
    """The comparable lines of one output text: progress dropped, timings masked, trailing blanks stripped."""
    lines, time_cols = [], None
    for raw in re.split(r"\r\n|\r|\n", text):
        line = raw.rstrip()
        if not line.strip():
            time_cols = None
            continue
        if PROGRESS_LINE.search(line):
            continue
        header_cols = _table_time_columns(line)
        if header_cols is not None:
            time_cols = header_cols                                         # a header row with a timing column
        elif time_cols and " | " in line:
            cells = line.split("|")
            for i in time_cols:
                if i < len(cells):
                    cells[i] = " <time> " if i < len(cells) - 1 else " <time>"
            line = "|".join(cells).rstrip()
        for pattern, repl in TIMINGS:
            line = pattern.sub(repl, line)
        lines.append(line)
    return lines


def output_lines(nb):
    """[(cell number, line)] of every text output of the code cells (cell numbers count all cells from 1)."""
    out = []
    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                if o.get("name") == "stderr":
                    continue
                text = o.text
            elif o.output_type in ("execute_result", "display_data"):
                data = o.get("data", {})
                if any(k.startswith("image/") for k in data):
                    continue
                text = data.get("text/plain", "")
            elif o.output_type == "error":
                text = "ERROR %s: %s" % (o.get("ename", ""), o.get("evalue", ""))
            else:
                continue
            out.extend((n, line) for line in normalize(text))
    return out


def _is_noise(token):
    if "e" not in token.lower():
        return False
    try:
        return abs(float(token)) < NOISE_BOUND
    except ValueError:
        return False


def lines_match(committed, executed):
    """Equal, or equal up to rounding-noise magnitudes (see the module doc)."""
    if committed == executed:
        return True
    a, b = NUMBER.split(committed), NUMBER.split(executed)
    if a != b:                                                              # the text around the numbers differs
        return False
    for x, y in zip(NUMBER.findall(committed), NUMBER.findall(executed)):
        if x == y:
            continue
        if not (_is_noise(x) and _is_noise(y)):
            return False
        fx, fy = abs(float(x)), abs(float(y))
        if fx == 0 or fy == 0 or max(fx, fy) / min(fx, fy) > NOISE_FACTOR:
            return False
    return True


def _shape(line):
    """A line with its numbers masked: what aligns two outputs before their numbers are compared."""
    return NUMBER.sub("#", line)


def compare(committed_nb, executed_nb, name):
    """Human-readable differences between two notebooks' outputs (empty when they match).

    The two line lists are aligned first (difflib, on the lines with their numbers masked), so that a line added or
    removed is reported once instead of shifting every later line; aligned lines are then compared by lines_match.
    """
    a, b = output_lines(committed_nb), output_lines(executed_nb)
    pad = " " * len(name)
    diffs = []
    matcher = difflib.SequenceMatcher(None, [_shape(l) for _, l in a], [_shape(l) for _, l in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (ca, la), (cb, lb) in zip(a[i1:i2], b[j1:j2]):
                if not lines_match(la, lb):
                    diffs.append("%s, cell %d: committed   %s\n%s  cell %d: re-executed %s" % (name, ca, la, pad, cb, lb))
            continue
        for ca, la in a[i1:i2]:
            diffs.append("%s, cell %d: committed only   %s" % (name, ca, la))
        for cb, lb in b[j1:j2]:
            diffs.append("%s, cell %d: re-executed only %s" % (name, cb, lb))
    return diffs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--committed", type=Path, help="folder of the committed notebooks (same file names)")
    ap.add_argument("notebooks", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if args.committed is None:
        if len(args.notebooks) != 2:
            ap.error("give --committed DIR, or exactly two notebooks: COMMITTED EXECUTED")
        pairs = [(args.notebooks[0], args.notebooks[1])]
    else:
        pairs = [(args.committed / p.name, p) for p in args.notebooks]
    failed = 0
    for committed, executed in pairs:
        for p in (committed, executed):
            if not p.is_file():
                print("compare_outputs: no such notebook: %s" % p, file=sys.stderr)
                return 2
        committed_nb, executed_nb = nbformat.read(committed, as_version=4), nbformat.read(executed, as_version=4)
        diffs = compare(committed_nb, executed_nb, executed.name)
        binds, why = binding(committed_nb, executed_nb)
        if diffs and not binds:
            print("OUTPUT DIFFERS  %s (%d line(s)), not binding: %s" % (executed.name, len(diffs), why))
            for d in diffs:
                print("  " + d)
        elif diffs:
            failed += 1
            print("OUTPUT DIFFERS  %s (%d line(s))" % (executed.name, len(diffs)))
            for d in diffs:
                print("  " + d)
        else:
            print("outputs equal   %s" % executed.name)
    if failed:
        print("%d of %d notebook(s) differ from the committed outputs. Same machine kind and OMP_NUM_THREADS=2 "
              "should give identical outputs: a difference there is a stale notebook (re-run `make run` and commit) "
              "or lost determinism; on another CPU type DL4J training numbers may differ (see README.md)."
              % (failed, len(pairs)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
