#!/usr/bin/env bash
# Runs benchmark entries: bench/run.sh ENTRY [ENTRY...]  (make bench builds first).
# Entry `foo` is the Java main org.lowrank.bench.FooBench (lib test sources); it runs its own peer
# (bench/foo_peer.py with Debian's /usr/bin/python3) in the same run and prints BENCH lines with ratios and one
# SUMMARY line (ratio, goal, met or not). The load average is printed before and after each entry (shared machines),
# and the SUMMARY lines of all entries are repeated at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp="lib/target/test-classes:lib/target/lowrank.jar:lib/target/dependency/*"
status=0
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
for entry in "$@"; do
  cls="org.lowrank.bench.${entry^}Bench"
  if [[ ! -f "lib/target/test-classes/${cls//.//}.class" ]]; then
    echo "BENCH $entry: no benchmark class $cls (entries: rank expand mlp train cnn sweep)" >&2
    echo "SUMMARY $entry missing" >> "$summary"
    status=1
    continue
  fi
  echo "== bench $entry (load average $(load)) =="
  # jdk.incubator.vector: the Vector API back end of org.lowrank.linalg.Gemm (the fast path's GEMM)
  if ! OMP_WAIT_POLICY=PASSIVE java -Xmx4g --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp" "$cls" \
      2> >(grep -v '^WARNING: Using incubator modules' >&2) | tee >(grep '^SUMMARY' >> "$summary"); then
    echo "SUMMARY $entry failed" >> "$summary"
    status=1
  fi
  echo "== end $entry (load average $(load)) =="
done
echo "== summary (load average $(load); $(getconf _NPROCESSORS_ONLN) cores) =="
sleep 0.2  # let the tee'd process substitution flush
cat "$summary"
exit $status
