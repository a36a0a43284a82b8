package org.lowrank.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.linalg.Gemm;

/**
 * Benchmark entry {@code sweep}: wall-clock seconds of a {@value #RUNS}-run sweep (16 seeds of a depth-8 32×32
 * linear net, {@value #STEPS} full-batch SGD steps each, rank-4 target, N = 64 train and test inputs; the runner also
 * measures ρ of the end-to-end matrix at init and at the end), run by {@link Runner} serially (1 thread) and in
 * parallel on all cores, against PyTorch running the same sweep the way its users do: a Python loop in one process
 * with torch's default threads ({@code bench/sweep_peer.py}; best of the peer with the machine's OpenBLAS variables
 * and with them unset). Each side warms up first (Java: one short sweep; peer: one run), then each Java variant is
 * timed twice, alternating, best counts. Prints {@code BENCH sweep …} lines (ratio = peer seconds / Java seconds,
 * > 1: Java faster) and one {@code SUMMARY sweep} line (parallel Java vs the PyTorch loop; goal ≥ 1).
 */
public final class SweepBench {
    static final int RUNS = 16, DEPTH = 8, WIDTH = 32, N = 64, STEPS = 1000;
    static final double LR = 0.01;

    private SweepBench() {}

    static List<RunSpec> specs(String group, int steps) {
        TaskSpec task = new TaskSpec(WIDTH, WIDTH, 4, TaskSpec.Spectrum.GAUSSIAN, N, N, 0);
        List<RunSpec> out = new ArrayList<>();
        for (int seed = 0; seed < RUNS; seed++) {
            out.add(new RunSpec(group, task, NetConfig.linear(WIDTH, DEPTH, NetConfig.Init.DEFAULT), new OptimizerSpec("SGD", LR), steps, 0, seed, false));
        }
        return out;
    }

    static double time(int threads) {
        long t0 = System.nanoTime();
        new Runner(null, threads).run(specs("bench", STEPS));
        return (System.nanoTime() - t0) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String load0 = Peer.loadAverage();
        System.out.println("# sweep: " + RUNS + " runs, " + cores + " cores, GEMM back end " + Gemm.backend() + ", load average before " + load0);
        String[] peerArgs = {Integer.toString(RUNS), Integer.toString(DEPTH), Integer.toString(WIDTH), Integer.toString(N),
                Integer.toString(STEPS), Double.toString(LR)};
        Map<String, double[]> asIs = Peer.run("sweep_peer.py", cores, false, peerArgs);
        new Runner(null, cores).run(specs("warm-up", STEPS / 4));
        double serial = Double.POSITIVE_INFINITY, parallel = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 2; round++) {
            serial = Math.min(serial, time(1));
            parallel = Math.min(parallel, time(cores));
        }
        Map<String, double[]> unset = Peer.run("sweep_peer.py", cores, true, peerArgs);
        double peer = Math.min(asIs.get("sweep")[0], unset.get("sweep")[0]);
        System.out.printf(Locale.ROOT, "BENCH sweep serial_1thread java=%.3f peer=%.3f unit=s ratio=%.2f (peer/java, >1 = java faster; peer: python loop, %d threads; as-is %.3f, OpenBLAS variables unset %.3f)%n",
                serial, peer, peer / serial, cores, asIs.get("sweep")[0], unset.get("sweep")[0]);
        System.out.printf(Locale.ROOT, "BENCH sweep parallel_%dcores java=%.3f peer=%.3f unit=s ratio=%.2f (peer/java, >1 = java faster)%n",
                cores, parallel, peer, peer / parallel);
        System.out.printf(Locale.ROOT, "BENCH sweep parallel_over_serial java=%.3f peer=%.3f unit=s ratio=%.2f (serial/parallel speed-up of the Java runner on %d cores)%n",
                parallel, serial, serial / parallel, cores);
        System.out.println("# load average before: " + load0 + "; after: " + Peer.loadAverage() + " (shared machine)");
        Peer.summary("sweep", peer / parallel, 1.0, String.format(Locale.ROOT,
                "parallel Java sweep / PyTorch loop, %d runs on %d cores; Java parallel/serial speed-up %.2f", RUNS, cores, serial / parallel));
    }
}
