package org.lowrank.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.lowrank.random.Nonlinearity;
import org.lowrank.experiment.DeepNet;
import org.lowrank.experiment.Dl4jNet;
import org.lowrank.experiment.NetConfig;
import org.lowrank.linalg.Gemm;
import org.lowrank.optim.Sgd;

/**
 * Benchmark entry {@code train}: steps per second of full-batch gradient descent (MSE, float64, plain SGD lr 0.01,
 * bias-free) on the small deep nets of notebooks 04–07, on our fast path ({@link DeepNet}, one {@link Gemm} per
 * product), against PyTorch 1.13 doing the same ({@code bench/train_peer.py}), one thread on both sides, in the same
 * run. Cases: depth-8 and depth-32 linear 32×32 nets (N = 64), a depth-8 64-wide ReLU net (N = 128). The DL4J/ND4J
 * path ({@link Dl4jNet}, the cross-check of the fast path) is timed on the first case.
 *
 * <p>Timing: per case 1 s warm-up, then {@value #ROUNDS} windows of {@value #SECONDS} s, the best window counts;
 * the peer runs the same rule once before and once after the Java side (best of the two), both with the machine's
 * OpenBLAS variables as they are and with {@code OPENBLAS_CORETYPE}/{@code OPENBLAS_L2_SIZE} unset (peer only);
 * the ratio is taken against the faster peer figure. Prints {@code BENCH train <case> java=… peer=… unit=steps/s
 * ratio=…} lines and one {@code SUMMARY train} line (the smallest ratio over the cases; goal ≥ 1, aim 2).
 */
public final class TrainBench {
    static final double SECONDS = 1.0;
    static final int ROUNDS = 3;
    static final double LR = 0.01;

    record Case(String name, int depth, int width, int n, Nonlinearity act) {
        String peerSpec() {
            return name + ":" + depth + ":" + width + ":" + n + ":" + (act == Nonlinearity.RELU ? "relu" : "linear");
        }

        NetConfig config() {
            return new NetConfig(width, width, width, depth, act, NetConfig.Init.DEFAULT);
        }
    }

    static final List<Case> CASES = List.of(
            new Case("d8_w32_n64_linear", 8, 32, 64, Nonlinearity.LINEAR),
            new Case("d32_w32_n64_linear", 32, 32, 64, Nonlinearity.LINEAR),
            new Case("d8_w64_n128_relu", 8, 64, 128, Nonlinearity.RELU));

    private TrainBench() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        String load0 = Peer.loadAverage();
        System.out.println("# train: GEMM back end " + Gemm.backend() + ", load average before " + load0);
        String[] peerArgs = new String[CASES.size() + 2];
        peerArgs[0] = Double.toString(SECONDS);
        peerArgs[1] = Integer.toString(ROUNDS);
        for (int i = 0; i < CASES.size(); i++) peerArgs[i + 2] = CASES.get(i).peerSpec();
        Map<String, double[]> asIs1 = Peer.run("train_peer.py", threads, false, peerArgs);
        Map<String, double[]> unset1 = Peer.run("train_peer.py", threads, true, peerArgs);
        Map<String, double[]> java = new LinkedHashMap<>();
        for (Case c : CASES) java.put(c.name(), fastPath(c));
        Case first = CASES.get(0);
        double[] dl4j = dl4jPath(first);
        Map<String, double[]> asIs2 = Peer.run("train_peer.py", threads, false, peerArgs);
        Map<String, double[]> unset2 = Peer.run("train_peer.py", threads, true, peerArgs);
        double worst = Double.POSITIVE_INFINITY, worstCpu = Double.POSITIVE_INFINITY;
        double[] peerFirst = null;
        for (Case c : CASES) {
            double[] a1 = asIs1.get(c.name()), a2 = asIs2.get(c.name()), u1 = unset1.get(c.name()), u2 = unset2.get(c.name());
            double asIs = Math.max(a1[0], a2[0]), unset = Math.max(u1[0], u2[0]);
            double peer = Math.max(asIs, unset), peerCpu = Math.max(Math.max(a1[1], a2[1]), Math.max(u1[1], u2[1]));
            double[] j = java.get(c.name());
            if (c == first) peerFirst = new double[] {peer, peerCpu};
            System.out.printf(Locale.ROOT, "BENCH train fast_%s java=%.1f peer=%.1f unit=steps/s ratio=%.2f "
                    + "(java/peer, >1 = java faster; by thread CPU time %.2f = %.1f/%.1f; peer as-is %.1f, OPENBLAS_CORETYPE/L2_SIZE unset %.1f; %d thread)%n",
                    c.name(), j[0], peer, j[0] / peer, j[1] / peerCpu, j[1], peerCpu, asIs, unset, threads);
            worst = Math.min(worst, j[0] / peer);
            worstCpu = Math.min(worstCpu, j[1] / peerCpu);
        }
        System.out.printf(Locale.ROOT, "BENCH train dl4j_%s java=%.1f peer=%.1f unit=steps/s ratio=%.2f (DL4J path, the cross-check; by thread CPU time %.2f)%n",
                first.name(), dl4j[0], peerFirst[0], dl4j[0] / peerFirst[0], dl4j[1] / peerFirst[1]);
        double[] jf = java.get(first.name());
        System.out.printf(Locale.ROOT, "BENCH train fast_vs_dl4j java=%.1f peer=%.1f unit=steps/s ratio=%.2f (fast path / DL4J path, %s; by thread CPU time %.2f)%n",
                jf[0], dl4j[0], jf[0] / dl4j[0], first.name(), jf[1] / dl4j[1]);
        System.out.println("# load average before: " + load0 + "; after: " + Peer.loadAverage() + " (shared machine)");
        System.out.printf(Locale.ROOT, "# smallest ratio by wall clock %.2f, by thread CPU time %.2f%n", worst, worstCpu);
        Peer.summary("train", worst, worstCpu, 1.0, "fast path / PyTorch, smallest over " + CASES.size() + " small deep nets; aim 2");
    }

    static double[] data(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = r.nextGaussian();
        return a;
    }

    static double[] fastPath(Case c) {
        NetConfig cfg = c.config();
        Random r = new Random(1);
        double[] x = data(r, c.n() * c.width()), y = data(r, c.n() * c.width());
        DeepNet net = new DeepNet(cfg, 7);
        double[][] g = net.newGradients();
        Sgd sgd = new Sgd(LR);
        double[] empty = new double[0];
        return bestRate(() -> {
            net.lossAndGradient(x, y, c.n(), g);
            for (int i = 0; i < cfg.depth(); i++) sgd.step(net.layer(i), g[i], empty, cfg.rows(i), cfg.cols(i), 1);
        });
    }

    static double[] dl4jPath(Case c) {
        NetConfig cfg = c.config();
        Random r = new Random(1);
        double[] x = data(r, c.n() * c.width()), y = data(r, c.n() * c.width());
        Dl4jNet net = new Dl4jNet(new DeepNet(cfg, 7), new org.nd4j.linalg.learning.config.Sgd(LR), x, y, c.n());
        return bestRate(net::step);
    }

    /**
     * 1 s warm-up, then the best of {@link #ROUNDS} windows of {@link #SECONDS}: {steps per wall-clock second,
     * steps per second of this thread's CPU time}.
     */
    static double[] bestRate(Runnable step) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) 1e9;
        while (System.nanoTime() < deadline) step.run();
        double best = 0, bestCpu = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int steps = 0;
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            while (System.nanoTime() - t0 < SECONDS * 1e9) {
                step.run();
                steps++;
            }
            best = Math.max(best, steps / ((System.nanoTime() - t0) / 1e9));
            bestCpu = Math.max(bestCpu, steps / (Math.max(1, mx.getCurrentThreadCpuTime() - c0) / 1e9));
        }
        return new double[] {best, bestCpu};
    }
}
