package org.lowrank.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a benchmark's Python peer ({@code bench/NAME} with Debian's {@code /usr/bin/python3}) in the same run and
 * reads its result lines {@code PEER <case> key=value key=value ...}; other output is ignored, stderr passes through.
 */
final class Peer {
    private Peer() {}

    /** The machine's load average ({@code /proc/loadavg}: 1, 5, 15 min), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Prints the summary line of an entry measured both by wall clock and by thread CPU time: {@code SUMMARY entry
     * ratio=<wall> cpu_ratio=<cpu> goal=… met=<by wall clock> cpu_met=<by CPU time> (what) load=…}. On a machine
     * loaded beyond its cores the wall-clock ratio mostly measures the scheduler's share; the CPU-time ratio is the
     * cost of the computation itself.
     */
    static void summary(String entry, double ratio, double cpuRatio, double goal, String what) {
        System.out.printf(java.util.Locale.ROOT, "SUMMARY %s ratio=%.2f cpu_ratio=%.2f goal>=%.2f met=%s cpu_met=%s (%s) load=%s%n", entry,
                ratio, cpuRatio, goal, ratio >= goal ? "yes" : "NO", cpuRatio >= goal ? "yes" : "NO", what, loadAverage());
    }

    /** Prints the entry's summary line: {@code SUMMARY entry ratio=… goal=… met=yes|no (what) load=…}. */
    static void summary(String entry, double ratio, double goal, String what) {
        System.out.printf(java.util.Locale.ROOT, "SUMMARY %s ratio=%.2f goal>=%.2f met=%s (%s) load=%s%n", entry, ratio, goal,
                ratio >= goal ? "yes" : "NO", what, loadAverage());
    }

    /**
     * Runs {@code bench/script args...} with {@code OMP_NUM_THREADS=threads} and {@code OMP_WAIT_POLICY=PASSIVE}
     * (the same thread settings as the Java side) and returns {case -> values in the order printed}.
     */
    static Map<String, double[]> run(String script, int threads, String... args) throws IOException, InterruptedException {
        return run(script, threads, false, args);
    }

    /**
     * As {@link #run(String, int, String...)}; with {@code untuned} the peer's environment (only the peer's) drops
     * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE}, which some machines set for older OpenBLAS builds and
     * which slow a current OpenBLAS (PyTorch's), so the peer runs at its best.
     */
    static Map<String, double[]> run(String script, int threads, boolean untuned, String... args) throws IOException, InterruptedException {
        Path path = Path.of(System.getProperty("bench.dir", "bench"), script);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("peer script " + path.toAbsolutePath() + " not found; run from the repository root");
        }
        String[] command = new String[args.length + 2];
        command[0] = "/usr/bin/python3";
        command[1] = path.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        if (untuned) {
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
        }
        Process p = pb.start();
        Map<String, double[]> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("PEER ")) continue;
                String[] f = line.trim().split("\\s+");
                double[] v = new double[f.length - 2];
                for (int i = 2; i < f.length; i++) v[i - 2] = Double.parseDouble(f[i].substring(f[i].indexOf('=') + 1));
                out.put(f[1], v);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) throw new IllegalStateException("peer " + script + " exited with " + rc);
        return out;
    }
}
