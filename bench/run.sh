#!/usr/bin/env bash
# Runs benchmark entries: bench/run.sh ENTRY [ENTRY...]  (make bench builds first).
# Entry `foo` is the Java main org.lowrank.bench.FooBench (lib test sources); it runs its own peer
# (bench/foo_peer.py with Debian's /usr/bin/python3) in the same run and prints BENCH lines with ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp="lib/target/test-classes:lib/target/lowrank.jar:lib/target/dependency/*"
status=0
for entry in "$@"; do
  cls="org.lowrank.bench.${entry^}Bench"
  if [[ ! -f "lib/target/test-classes/${cls//.//}.class" ]]; then
    echo "BENCH $entry: no benchmark class $cls (entries: rank expand train cnn sweep)" >&2
    status=1
    continue
  fi
  echo "== bench $entry =="
  OMP_WAIT_POLICY=PASSIVE java -Xmx4g --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp" "$cls" || status=1
done
exit $status
