#!/usr/bin/python3
"""Execute notebooks headless on the Java kernel and report claim checks.

Usage:
  run_notebooks.py [--in-place | --out DIR] [--timeout SECONDS] [--kernel NAME] [--max-rss-mib MIB]
                   [--compare-with DIR] [--write-claims-table FILE] NOTEBOOK...
  run_notebooks.py --claims-table-only --write-claims-table FILE NOTEBOOK...

Each notebook runs top to bottom with nbclient in its own folder (so `%load setup.jsh` works).
Claim checks are the lines `[CLAIM PASS] ...` / `[CLAIM FAIL] ...` printed by org.lowrank.notebook.Claims.
A notebook fails when a cell raises an error, prints an error output, or any claim check fails.
The scale is LOWRANK_SCALE (quick by default), passed to the kernel through the environment.
The table gives each notebook's seconds and its kernel's peak RSS in MiB: the kernel's process tree sampled
every 0.1 s from /proc (psutil), and the kernel process's own high-water mark (VmHWM) read after every cell,
whichever is larger. The goal is <= 1536 MiB (Binder and small JupyterHub pods stop a user at 2 GB);
--max-rss-mib makes a notebook over the given peak fail.
With --compare-with DIR (make test: the committed notebooks/), the text outputs of each executed notebook are
compared with DIR's copy by compare_outputs.py (timings excluded; see that script for what must be equal), with
OMP_NUM_THREADS=2 unless set (the committed outputs' thread count); any difference fails the run.
With --write-claims-table FILE (make run: README.md) the claims table is written into FILE between the lines
CLAIMS_TABLE_BEGIN and CLAIMS_TABLE_END (below), from the executed notebooks' own [CLAIM PASS] / [CLAIM FAIL] /
[FINDING] lines: one row per notebook and paper claim label (the label that starts a check's name: C1, C2a, §7;
names without one form their notebook's unlabelled row), and one verdict column per scale. A line tagged with a
scale after its marker (`[CLAIM PASS] @paper C5: ...`, printed by Claims.at(Scale.PAPER) for a notebook's committed
results of that scale) counts for that scale's column; an untagged line for the scale the notebooks were executed
at (LOWRANK_SCALE, quick by default; --claims-table-only reads committed notebooks, which are quick). Each verdict
cell gives the verdict derived from that scale's counts (checks passed, findings, findings marked "DOES NOT HOLD" by
org.lowrank.notebook.Claims) and the counts, "–" where the scale has no lines for the claim; the last column has the
line that decides each scale's verdict. --claims-table-only writes the table from the notebooks' saved outputs
without executing them.
Exit status: 0 when every notebook passed, 1 otherwise.
"""
import argparse
import os
import re
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError, CellTimeoutError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_outputs  # noqa: E402  (environment/compare_outputs.py, for --compare-with)

PASS, FAIL, FINDING = "[CLAIM PASS]", "[CLAIM FAIL]", "[FINDING]"
DOES_NOT_HOLD = "DOES NOT HOLD"       # org.lowrank.notebook.Claims.DOES_NOT_HOLD
CLAIMS_TABLE_BEGIN = ("<!-- claims-table:begin (written by environment/run_notebooks.py --write-claims-table "
                      "from the notebooks' claim lines; do not edit by hand) -->")
CLAIMS_TABLE_END = "<!-- claims-table:end -->"
CLAIM_LABEL = re.compile(r"^(C\d+[a-z]?|§\d+(?:\.\d+)*)(?=[\s:,(]|$)")
SCALE_TAG = re.compile(r"^@([a-z][a-z0-9_-]*)(?:\s+|$)")   # org.lowrank.notebook.Claims.AtScale: "[CLAIM PASS] @paper C5: ..."
QUICK = "quick"
SCALE_COLUMNS = ("quick", "medium", "paper")   # column order; "quick" and "paper" always shown, others when present
EVIDENCE_CHARS = 160
RSS_GOAL_MIB = 1536
MIB = 1 << 20


def high_water_mark_bytes(pid):
    """The peak resident set size of one process (VmHWM in /proc/PID/status), or 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PeakRss:
    """Peak RSS of a process and its descendants, sampled in a background thread while it runs.

    Sampling catches a tree whose members peak together; high_water_mark_bytes (the kernel's own exact peak)
    catches a spike shorter than the interval. `peak_bytes` is the larger of the two seen so far.
    """

    def __init__(self, interval=0.1):
        self.interval = interval
        self.peak_bytes = 0
        self._pid = None
        self._stop = threading.Event()
        self._thread = None

    def tree_rss_bytes(self):
        try:
            root = psutil.Process(self._pid)
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:  # exited between listing and reading
                pass
        return total

    def sample(self):
        if self._pid is not None:
            self.peak_bytes = max(self.peak_bytes, self.tree_rss_bytes(), high_water_mark_bytes(self._pid))

    def start(self, pid):
        self._pid = pid
        self.sample()
        self._thread = threading.Thread(target=self._run, name="peak-rss", daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def peak_mib(self):
        return self.peak_bytes / MIB


def kernel_pid(client):
    """The PID of the kernel process nbclient started (jupyter_client >= 7 keeps it on the provisioner)."""
    provisioner = getattr(client.km, "provisioner", None)
    pid = getattr(provisioner, "pid", None)
    if pid is None and getattr(client.km, "kernel", None) is not None:
        pid = client.km.kernel.pid
    return pid


def claim_lines(nb):
    """All claim-check lines and error outputs in an executed notebook."""
    passed, failed, errors = [], [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                for line in out.text.splitlines():
                    if line.startswith(PASS):
                        passed.append(line)
                    elif line.startswith(FAIL):
                        failed.append(line)
            elif out.output_type == "error":
                errors.append(f"{out.ename}: {out.evalue}")
    return passed, failed, errors


def claim_records(nb, untagged_scale=QUICK):
    """[(kind, scale, text)] of the claim and finding lines of an executed notebook, in order: kind is 'pass', 'fail'
    or 'finding'; scale the line's tag (`[CLAIM PASS] @paper C5: ...` -> 'paper'), else `untagged_scale`; text the
    line without its marker and tag."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            if o.output_type != "stream" or o.get("name") == "stderr":
                continue
            for line in o.text.splitlines():
                for tag, kind in ((PASS, "pass"), (FAIL, "fail"), (FINDING, "finding")):
                    if line.startswith(tag):
                        text = line[len(tag):].strip()
                        m = SCALE_TAG.match(text)
                        out.append((kind, m.group(1) if m else untagged_scale, text[m.end():] if m else text))
    return out


def _cell(text):
    """Text for one markdown table cell: pipes escaped, one line, shortened at a word to EVIDENCE_CHARS."""
    text = " ".join(text.split())
    if len(text) > EVIDENCE_CHARS:
        cut = text.rfind(" ", 0, EVIDENCE_CHARS)
        text = text[:cut if cut > EVIDENCE_CHARS // 2 else EVIDENCE_CHARS].rstrip(" ,;:") + " …"
    return text.replace("|", "\\|")


def _verdict(passed, failed, not_holding):
    """The verdict from the counts: any failed check: does not reproduce; checks pass but a finding does not hold:
    partly; all checks pass: reproduces; no checks: does not hold / reported, not asserted."""
    if failed:
        return "**does not reproduce**"
    if passed and not_holding:
        return "partly"
    if passed:
        return "reproduces"
    return "does not hold (not asserted)" if not_holding else "reported, not asserted"


def _scale_cell(recs):
    """One scale's verdict cell for one claim: the verdict and the counts it follows from; '–' without lines."""
    if not recs:
        return "–"
    passed = sum(k == "pass" for k, _ in recs)
    failed = sum(k == "fail" for k, _ in recs)
    findings = sum(k == "finding" for k, _ in recs)
    not_holding = sum(k == "finding" and DOES_NOT_HOLD in t for k, t in recs)
    counts = []
    if passed + failed:
        counts.append("%d of %d checks pass" % (passed, passed + failed))
    if findings:
        counts.append("%d finding%s" % (findings, "" if findings == 1 else "s"))
    if not_holding:
        counts.append("%d do%s not hold" % (not_holding, "es" if not_holding == 1 else ""))
    return "%s (%s)" % (_verdict(passed, failed, not_holding), ", ".join(counts))


def _deciding(recs):
    """The line that decides a verdict: the first failed check, else the first finding that does not hold, else the
    first check, else the first finding."""
    first = lambda kind: next((t for k, t in recs if k == kind), None)
    not_holding = next((t for k, t in recs if k == "finding" and DOES_NOT_HOLD in t), None)
    return first("fail") or not_holding or first("pass") or first("finding") or ""


def claims_table(notebooks, untagged_scale=QUICK):
    """The markdown lines of the claims table for [(name, executed notebook)], rows in notebook and line order, one
    verdict column per scale (quick and paper always, others when a line is tagged with them); untagged lines count
    for `untagged_scale`, the scale the notebooks were executed at."""
    parsed = [(Path(name).stem, nb, claim_records(nb, untagged_scale)) for name, nb in notebooks]
    seen = {scale for _, _, recs in parsed for _, scale, _ in recs} | {QUICK, "paper"}
    scales = [s for s in SCALE_COLUMNS if s in seen] + sorted(seen - set(SCALE_COLUMNS))
    lines = ["| notebook | claim | %s | deciding line |" % " | ".join("verdict: " + s for s in scales),
             "|---|---|%s---|" % ("---|" * len(scales))]
    dash = " | ".join("–" for _ in scales[1:])
    for stem, nb, recs in parsed:
        _, _, errors = claim_lines(nb)
        groups = {}
        for kind, scale, text in recs:
            m = CLAIM_LABEL.match(text)
            groups.setdefault(m.group(1) if m else "", {}).setdefault(scale, []).append((kind, text))
        if errors:
            lines.append("| `%s` | – | **error** | %s | %s |" % (stem, dash, _cell(errors[0])))
        if not groups and not errors:
            lines.append("| `%s` | – | no claim lines (not executed?) | %s | |" % (stem, dash))
        for label, by_scale in groups.items():
            present = [s for s in scales if s in by_scale]
            deciding = [_cell(_deciding(by_scale[s])) for s in present]
            lines.append("| `%s` | %s | %s | %s |" % (
                stem, label or "–", " | ".join(_scale_cell(by_scale.get(s, [])) for s in scales),
                deciding[0] if len(present) == 1 else "<br>".join("%s: %s" % (s, d) for s, d in zip(present, deciding))))
    return lines


_ROW_NOTEBOOK = re.compile(r"^\| `([^`]+)` \|")


def write_claims_table(path: Path, table_lines):
    """Writes the table between CLAIMS_TABLE_BEGIN and CLAIMS_TABLE_END in `path`. Rows of notebooks that are not in
    `table_lines` (a run of some notebooks only) are kept from the table already there; rows are in notebook order."""
    text = path.read_text(encoding="utf-8")
    begin, end = text.find(CLAIMS_TABLE_BEGIN), text.find(CLAIMS_TABLE_END)
    if begin < 0 or end < begin:
        raise ValueError("%s has no claims-table markers; add the lines\n%s\n%s\nwhere the table goes"
                         % (path, CLAIMS_TABLE_BEGIN, CLAIMS_TABLE_END))
    head = text[:begin + len(CLAIMS_TABLE_BEGIN)]
    rows = {}
    for line in text[len(head):end].splitlines() + table_lines[2:]:
        m = _ROW_NOTEBOOK.match(line)
        if m:
            rows.setdefault(m.group(1), [])
    new = {}
    for line in table_lines[2:]:
        new.setdefault(_ROW_NOTEBOOK.match(line).group(1), []).append(line)
    for line in text[len(head):end].splitlines():
        m = _ROW_NOTEBOOK.match(line)
        if m and m.group(1) not in new:
            rows[m.group(1)].append(line)
    kept = [stem for stem in rows if stem not in new and rows[stem]]
    old_header = next((line for line in text[len(head):end].splitlines() if line.startswith("| notebook |")), None)
    if kept and old_header is not None and old_header != table_lines[0]:
        raise ValueError("%s: the claims table's columns change (%s -> %s), so the rows kept for notebooks that did not "
                         "run (%s) would not fit; write the whole table from the notebooks' outputs:\n"
                         "  python3 environment/run_notebooks.py --claims-table-only --write-claims-table %s "
                         "notebooks/*.ipynb" % (path, old_header, table_lines[0], ", ".join(sorted(kept)), path))
    rows.update(new)
    body = table_lines[:2] + [line for stem in sorted(rows) for line in rows[stem]]
    path.write_text(head + "\n" + "\n".join(body) + "\n" + text[end:], encoding="utf-8")


def run_one(path: Path, out_path: Path, kernel: str, timeout: int):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    rss = PeakRss()
    client.on_notebook_start = lambda **_: rss.start(kernel_pid(client))
    client.on_cell_executed = lambda **_: rss.sample()   # the kernel's VmHWM before it is shut down
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        failure = f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}"
    finally:
        rss.stop()
    seconds = time.monotonic() - started
    out_path.parent.mkdir(parents=True, exist_ok=True)
    nb.metadata.setdefault("lowrank", {})["executed_on"] = compare_outputs.machine_signature()
    nbformat.write(nb, out_path)
    passed, failed, errors = claim_lines(nb)
    if failure and not errors:
        errors.append(failure)
    return seconds, rss.peak_mib, passed, failed, errors


def format_table(rows):
    """rows: (name, seconds, peak MiB, claims passed, claims failed, status) -> the printed table's lines."""
    name_w = max(len("notebook"), *(len(r[0]) for r in rows))
    lines = [f"{'notebook':<{name_w}}  {'seconds':>8}  {'peak MiB':>8}  {'claims passed':>13}  {'failed':>6}  status",
             f"{'-' * name_w}  {'-' * 8}  {'-' * 8}  {'-' * 13}  {'-' * 6}  ------"]
    for name, seconds, mib, npass, nfail, status in rows:
        lines.append(f"{name:<{name_w}}  {seconds:8.1f}  {mib:8.0f}  {npass:13d}  {nfail:6d}  {status}")
    over = [f"{r[0]} ({r[2]:.0f})" for r in rows if r[2] > RSS_GOAL_MIB]
    lines.append(f"peak kernel RSS: goal <= {RSS_GOAL_MIB} MiB; "
                 + (f"over it: {', '.join(over)}" if over else "every notebook within it"))
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--in-place", action="store_true", help="write executed notebooks over the sources")
    where.add_argument("--out", type=Path, help="folder for the executed copies")
    where.add_argument("--claims-table-only", action="store_true",
                       help="execute nothing: write --write-claims-table from the notebooks' saved outputs")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell (default 1800)")
    ap.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    ap.add_argument("--max-rss-mib", type=float, default=None,
                    help="fail a notebook whose kernel's peak RSS exceeds this many MiB (default: report only)")
    ap.add_argument("--compare-with", type=Path, help="folder of committed notebooks to compare outputs with")
    ap.add_argument("--write-claims-table", type=Path, metavar="FILE",
                    help="write the claims table of the executed notebooks into FILE (make run: README.md) "
                         "between its claims-table marker lines")
    ap.add_argument("notebooks", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if args.claims_table_only:
        if args.write_claims_table is None:
            ap.error("--claims-table-only needs --write-claims-table FILE")
        missing = [p for p in args.notebooks if not p.is_file()]
        if missing:
            print(f"error: notebook not found: {missing[0]}", file=sys.stderr)
            return 2
        write_claims_table(args.write_claims_table,
                           claims_table([(p.name, nbformat.read(p, as_version=4)) for p in args.notebooks]))
        print(f"claims table of {len(args.notebooks)} notebook(s) written into {args.write_claims_table}")
        return 0
    if args.compare_with is not None and "OMP_NUM_THREADS" not in os.environ:
        os.environ["OMP_NUM_THREADS"] = "2"   # committed outputs: 2 native threads (README, "Reproducibility")
        print("OMP_NUM_THREADS=2 (the committed outputs' native thread count)", flush=True)

    scale = os.environ.get("LOWRANK_SCALE", "") or "quick"
    print(f"Executing {len(args.notebooks)} notebook(s) at scale '{scale}' on kernel '{args.kernel}'", flush=True)
    rows, ok, executed = [], True, []
    for nb_path in args.notebooks:
        if not nb_path.is_file():
            print(f"error: notebook not found: {nb_path}", file=sys.stderr)
            return 2
        out_path = nb_path if args.in_place else args.out / nb_path.name
        print(f"-> {nb_path.name} ...", flush=True)
        seconds, peak_mib, passed, failed, errors = run_one(nb_path, out_path, args.kernel, args.timeout)
        executed.append(out_path)
        if args.max_rss_mib is not None and peak_mib > args.max_rss_mib:
            errors.append(f"kernel peak RSS {peak_mib:.0f} MiB exceeds --max-rss-mib {args.max_rss_mib:g}")
        good = not failed and not errors
        ok &= good
        for line in failed:
            print(f"   {line}")
        for err in errors:
            print(f"   ERROR {err}")
        if args.compare_with is not None:
            committed = args.compare_with / nb_path.name
            if committed.is_file():
                committed_nb, executed_nb = nbformat.read(committed, as_version=4), nbformat.read(out_path, as_version=4)
                diffs = compare_outputs.compare(committed_nb, executed_nb, nb_path.name)
                binds, why = compare_outputs.binding(committed_nb, executed_nb)
            else:
                diffs, binds, why = [f"no committed copy {committed}"], True, ""
            if diffs and not binds:
                print(f"   outputs differ from the committed ones, not binding: {why}")
            for d in diffs:
                print(f"   OUTPUT DIFFERS {d}")
            good &= not diffs or not binds
            ok &= good
        rows.append((nb_path.name, seconds, peak_mib, len(passed), len(failed), "ok" if good else "FAILED"))
        print(f"   {seconds:.1f} s, peak kernel RSS {peak_mib:.0f} MiB, "
              f"claims {len(passed)} passed / {len(failed)} failed", flush=True)

    print()
    print("\n".join(format_table(rows)))
    total_pass = sum(r[3] for r in rows)
    total_fail = sum(r[4] for r in rows)
    notebooks_failed = sum(1 for r in rows if r[5] != "ok")
    print(f"notebooks: {len(rows) - notebooks_failed} passed, {notebooks_failed} failed; "
          f"claim checks: {total_pass} passed, {total_fail} failed")
    if args.write_claims_table is not None:
        write_claims_table(args.write_claims_table,
                           claims_table([(p.name, nbformat.read(p, as_version=4)) for p in executed], untagged_scale=scale))
        print(f"claims table of {len(executed)} notebook(s) written into {args.write_claims_table}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
