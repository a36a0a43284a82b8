#!/usr/bin/env bash
# Registers the Java kernel (kernelspec "java", display name "Java") with Jupyter.
#
#   environment/install-kernel.sh --prefix DIR   writes DIR/kernels/java/ (use with JUPYTER_PATH=DIR; what `make kernel` does)
#   environment/install-kernel.sh --user         the user's Jupyter data dir (~/.local/share/jupyter)
#   environment/install-kernel.sh --sys-prefix   the Python environment that runs Jupyter (sys.prefix/share/jupyter,
#                                                e.g. /opt/conda on a JupyterHub image)
#   environment/install-kernel.sh --system       system-wide (/usr/local/share/jupyter), for every user of a hub
#   ... --dry-run                                 only print the folder it would write
#   ... --backend cuda                           kernelspec "java-cuda" on the CUDA build of the lib's dependencies
#                                                (lib/target/dependency-cuda/, from `make kernel BACKEND=cuda`; docs/gpu.md)
#
# It builds nothing: it expects, relative to the repository root,
#   environment/kernel/target/java-kernel.jar   (mvn -q -B -f environment/kernel/pom.xml package)
#   lib/target/lowrank.jar, lib/target/dependency/*.jar   (mvn -q -B -f lib/pom.xml package)
# The lib and its dependencies go on the kernel JVM's class path, so notebooks use them with no magic; they are
# referenced where they are, so the repository must stay in place (and be readable by the hub's users).
#
# The JDK is $JAVA_HOME's (else the `java` on PATH), Java 17 or later; LOWRANK_JAVA_HOME picks another at run
# time. JVM options, memory sizing from the container's limit: environment/kernel/launcher.sh and the kernel
# README. Absolute paths (java, the jars) are computed here, at install time; nothing machine-specific is committed.
set -euo pipefail

usage() {
    echo "usage: $0 --prefix DIR | --user | --sys-prefix | --system  [--dry-run] [--backend cpu|cuda]" >&2
    exit 2
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=""
prefix=""
dry_run=0
backend=cpu
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || usage; mode=prefix; prefix=$2; shift 2 ;;
        --prefix=*) mode=prefix; prefix=${1#--prefix=}; shift ;;
        --user) mode=user; shift ;;
        --sys-prefix) mode=sys-prefix; shift ;;
        --system) mode=system; shift ;;
        --dry-run) dry_run=1; shift ;;
        --backend) [ $# -ge 2 ] || usage; backend=$2; shift 2 ;;
        --backend=*) backend=${1#--backend=}; shift ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
[ -n "$mode" ] || usage
# The CPU kernelspec is "java", display name "Java": what the committed notebooks carry, so opening one changes nothing.
case "$backend" in
    cpu) name=java; display="Java"; depdir=dependency; build_opt="" ;;
    cuda) name=java-cuda; display="Java (CUDA)"; depdir=dependency-cuda; build_opt=" BACKEND=cuda" ;;
    *) echo "--backend $backend; allowed: cpu, cuda" >&2; exit 2 ;;
esac

kernel_jar=$root/environment/kernel/target/java-kernel.jar
lib_jar=$root/lib/target/lowrank.jar
deps=$root/lib/target/$depdir
missing=0
for f in "$kernel_jar" "$lib_jar"; do
    if [ ! -f "$f" ]; then echo "missing $f" >&2; missing=1; fi
done
if [ ! -d "$deps" ]; then echo "missing $deps/" >&2; missing=1; fi
if [ $missing = 1 ]; then
    echo "build first:  make kernel$build_opt" >&2
    exit 1
fi

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_home=$(cd "$JAVA_HOME" && pwd -P)
else
    java=$(command -v java || true)
    [ -n "$java" ] || { echo "java not found (install Java 17 or later, or set JAVA_HOME)" >&2; exit 1; }
    java_home=$(dirname "$(dirname "$(readlink -f "$java")")")
fi
bash=$(command -v bash)

# A Python that has jupyter_core (Jupyter's own one for --sys-prefix: the one running `jupyter`).
jupyter_python() {
    local py jup
    jup=$(command -v jupyter || true)
    if [ -n "$jup" ]; then
        py=$(sed -n '1s/^#! *\([^ ]*\).*/\1/p' "$jup")
        if [ -n "$py" ] && [ -x "$py" ] && "$py" -c 'import jupyter_core' 2>/dev/null; then echo "$py"; return; fi
    fi
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import jupyter_core' 2>/dev/null; then command -v "$py"; return; fi
    done
    echo "no Python with jupyter_core found (install Jupyter)" >&2
    exit 1
}

case "$mode" in
    prefix)
        [ $dry_run = 1 ] || mkdir -p "$prefix"
        dest=$(realpath -m "$prefix")/kernels/$name ;;
    user)
        dest=$("$(jupyter_python)" -c 'import jupyter_core.paths as p; print(p.jupyter_data_dir())')/kernels/$name ;;
    sys-prefix)
        dest=$("$(jupyter_python)" -c 'import os, sys; print(os.path.join(sys.prefix, "share", "jupyter"))')/kernels/$name ;;
    system)
        dest=$("$(jupyter_python)" -c 'import jupyter_core.paths as p; print(p.SYSTEM_JUPYTER_PATH[0])')/kernels/$name ;;
esac
if [ $dry_run = 1 ]; then echo "$dest"; exit 0; fi
mkdir -p "$dest"

{
    echo "#!$bash"
    echo "# Generated by environment/install-kernel.sh; the rest is environment/kernel/launcher.sh."
    printf "installed_java_home=%q\n" "$java_home"
    printf "class_path=%q\n" "$kernel_jar:$lib_jar:$deps/*"
    cat "$root/environment/kernel/launcher.sh"
} > "$dest/kernel.sh"
chmod 755 "$dest/kernel.sh"

cat > "$dest/kernel.json" <<EOF
{
  "argv": ["$bash", "$dest/kernel.sh", "{connection_file}"],
  "display_name": "$display",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"OMP_WAIT_POLICY": "PASSIVE", "LOWRANK_BACKEND": "$backend"},
  "metadata": {"debugger": false}
}
EOF
chmod 644 "$dest/kernel.json"
echo "installed kernelspec '$name' (Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$java_home/release" 2>/dev/null)) in $dest"
