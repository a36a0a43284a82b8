# Body of the kernel launcher `kernel.sh`. environment/install-kernel.sh writes kernel.sh as two lines
#   installed_java_home='...'  class_path='...'
# followed by this file. Usage: kernel.sh CONNECTION_FILE | kernel.sh --print-jvm-options
#
# At every kernel start it
#   * picks the JDK: $LOWRANK_JAVA_HOME if set, else the one the kernel was installed with (Java 17 or later);
#   * sizes the heap and ND4J/JavaCPP's off-heap caps from the container's memory limit (cgroup v2 memory.max
#     of this process's cgroup and its ancestors, cgroup v1 memory.limit_in_bytes, or $MEM_LIMIT in bytes,
#     the smallest wins), leaving room for the Jupyter server; without a limit the fixed defaults below;
#   * adds the JVM options the JDK needs to start without warnings, then $LOWRANK_KERNEL_OPTS (older name,
#     still read) and $LOWRANK_JVM_OPTS, last so they win (split on white space);
#   * drops the one line the JVM prints for --add-modules jdk.incubator.vector from the kernel's stderr.
# Test hooks: LOWRANK_CGROUP_ROOT (default /sys/fs/cgroup), LOWRANK_MEMINFO (default /proc/meminfo).

MIB=1048576

# The smallest memory limit that applies to this process, in bytes; empty when there is none.
memory_limit_bytes() {
    local root=${LOWRANK_CGROUP_ROOT:-/sys/fs/cgroup} limit="" v cg dir
    consider() {  # a candidate limit in bytes (anything not a plain number means "no limit")
        case "$1" in ''|*[!0-9]*) return ;; esac
        if [ -z "$limit" ] || [ "$1" -lt "$limit" ]; then limit=$1; fi
    }
    # cgroup v2: memory.max of our cgroup, then of each ancestor up to the root
    cg=$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null | head -n 1)
    dir=$root${cg%/}
    while :; do
        if [ -r "$dir/memory.max" ]; then read -r v < "$dir/memory.max" && consider "$v"; fi
        [ "$dir" = "$root" ] || [ -z "$dir" ] && break
        dir=${dir%/*}
        case "$dir" in "$root"*) ;; *) break ;; esac
    done
    # cgroup v1: a container's own memory cgroup is mounted at the root of the hierarchy; on a host, ours is
    # at the path /proc/self/cgroup names
    cg=$(sed -n 's/^[0-9]*:[^:]*\bmemory\b[^:]*://p' /proc/self/cgroup 2>/dev/null | head -n 1)
    for dir in "$root/memory" "$root/memory${cg%/}"; do
        if [ -r "$dir/memory.limit_in_bytes" ]; then read -r v < "$dir/memory.limit_in_bytes" && consider "$v"; fi
    done
    if [ -n "${MEM_LIMIT:-}" ]; then
        case "$MEM_LIMIT" in
            *[!0-9]*) echo "kernel: MEM_LIMIT='$MEM_LIMIT' is not a number of bytes; ignored" >&2 ;;
            *) consider "$MEM_LIMIT" ;;
        esac
    fi
    # "no limit" in cgroup v1 is a huge number; so is any limit above the machine's memory
    if [ -n "$limit" ]; then
        local total_kib
        total_kib=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' "${LOWRANK_MEMINFO:-/proc/meminfo}" 2>/dev/null)
        if [ -n "$total_kib" ] && [ "$limit" -ge $((total_kib * 1024)) ]; then limit=""; fi
    fi
    echo "$limit"
}

# JVM memory options for a limit of $1 bytes (empty: no limit, sized as for a 2 GiB container such as Binder's).
# Room for the Jupyter server and the kernel's own overhead: a quarter of the limit, at least
# min(384 MiB, half the limit); the rest is the kernel's budget. JavaCPP refuses allocations (after a GC) once the
# process passes maxphysicalbytes, 90% of the budget: the other 10% is native memory JavaCPP does not see (OpenBLAS
# and oneDNN buffers, JIT code, thread stacks). Heap and JavaCPP arrays get 43% of that each. Measured (2 GiB
# sizing: heap 594m, arrays 594m, cap 1382m): notebook 09 peaks at 1483 MiB RSS; with heap 844m, arrays 691m and
# cap 1536m it peaked at 1636 MiB, over Binder's share (environment/kernel/README.md).
memory_options() {
    local total=$(( ${1:-$((2048 * MIB))} / MIB )) reserve floor budget physical heap off
    reserve=$((total / 4))
    floor=$((total / 2 < 384 ? total / 2 : 384))
    [ "$reserve" -ge "$floor" ] || reserve=$floor
    budget=$((total - reserve))
    physical=$((budget * 90 / 100))
    heap=$((physical * 43 / 100)) off=$((physical * 43 / 100))
    [ "$heap" -ge 64 ] || heap=64
    [ "$off" -ge 64 ] || off=64
    echo "-Xmx${heap}m -Dorg.bytedeco.javacpp.maxbytes=${off}m -Dorg.bytedeco.javacpp.maxphysicalbytes=${physical}m"
}

# The feature release (17, 21, 25, ...) of the JDK in $1, from its `release` file.
java_feature() {
    local v
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    if [ -z "$v" ]; then
        v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "${v:-17}"
}

java_home=${LOWRANK_JAVA_HOME:-$installed_java_home}
java=$java_home/bin/java
if [ ! -x "$java" ]; then
    echo "kernel: no java at $java (set LOWRANK_JAVA_HOME to a JDK 17 or later)" >&2
    exit 1
fi
feature=$(java_feature "$java_home")

# shellcheck disable=SC2207
opts=(-Xss4m -XX:MaxMetaspaceSize=384m $(memory_options "$(memory_limit_bytes)")
      -Djava.awt.headless=true -Dfile.encoding=UTF-8
      # the Vector API, for the lib's SIMD kernels
      --add-modules jdk.incubator.vector
      # JavaCPP (ND4J's native code) loads libraries: Java 22+ warns without this
      --enable-native-access=ALL-UNNAMED)
if [ "$feature" -ge 23 ]; then
    # ND4J and JavaCPP use sun.misc.Unsafe's memory access: Java 24+ warns without this (option since 23)
    opts+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2206
opts+=(${LOWRANK_KERNEL_OPTS:-} ${LOWRANK_JVM_OPTS:-})

if [ "${1:-}" = --print-jvm-options ]; then
    printf '%s\n' "$java" "${opts[@]}"
    exit 0
fi

# The JVM announces incubator modules on stderr at start; that one line is noise in the server log.
exec 2> >(grep --line-buffered -vxF 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
exec "$java" "${opts[@]}" -cp "$class_path" org.lowrank.kernel.KernelMain "$@"
