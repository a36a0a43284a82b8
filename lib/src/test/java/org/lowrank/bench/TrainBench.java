package org.lowrank.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.lowrank.experiment.DeepNet;
import org.lowrank.experiment.Dl4jNet;
import org.lowrank.experiment.NetConfig;
import org.lowrank.optim.Sgd;

/**
 * Benchmark entry {@code train}: steps per second of full-batch gradient descent on a depth-8 32×32 bias-free linear
 * network (N = 64 inputs, MSE, float64, one thread), on our fast path ({@link DeepNet}) and on the DL4J/ND4J path
 * ({@link Dl4jNet} with ND4J's own {@code Sgd} updater), against PyTorch 1.13 doing the same
 * ({@code bench/train_peer.py}, {@code torch.set_num_threads(1)}), in the same run.
 * Prints {@code BENCH train <case> java=<steps/s> peer=<steps/s> unit=steps/s ratio=<java/peer> (higher: Java faster)}.
 */
public final class TrainBench {
    static final int DEPTH = 8, WIDTH = 32, N = 64;
    static final double LR = 0.01, SECONDS = 3;

    private TrainBench() {}

    public static void main(String[] args) throws Exception {
        NetConfig cfg = NetConfig.linear(WIDTH, DEPTH, NetConfig.Init.DEFAULT);
        Random r = new Random(1);
        double[] x = new double[N * WIDTH], y = new double[N * WIDTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
        double fast = fastPath(cfg, x, y);
        double dl4j = dl4jPath(cfg, x, y);
        double peer = peer();
        line("fast_d8_32x32", fast, peer);
        line("dl4j_d8_32x32", dl4j, peer);
        System.out.printf(Locale.ROOT, "BENCH train fast_vs_dl4j java=%.1f peer=%.1f unit=steps/s ratio=%.2f (fast path / DL4J path)%n", fast, dl4j, fast / dl4j);
    }

    static void line(String name, double java, double peer) {
        System.out.printf(Locale.ROOT, "BENCH train %s java=%.1f peer=%.1f unit=steps/s ratio=%.2f (java/peer, higher: Java faster)%n",
                name, java, peer, java / peer);
    }

    static double fastPath(NetConfig cfg, double[] x, double[] y) {
        DeepNet net = new DeepNet(cfg, 7);
        double[][] g = net.newGradients();
        Sgd sgd = new Sgd(LR);
        double[] empty = new double[0];
        long deadline = System.nanoTime() + (long) 1e9; // warm-up 1 s
        while (System.nanoTime() < deadline) step(net, sgd, g, empty, x, y, cfg);
        int steps = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < SECONDS * 1e9) {
            step(net, sgd, g, empty, x, y, cfg);
            steps++;
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    static void step(DeepNet net, Sgd sgd, double[][] g, double[] st, double[] x, double[] y, NetConfig cfg) {
        net.lossAndGradient(x, y, N, g);
        for (int i = 0; i < cfg.depth(); i++) sgd.step(net.layer(i), g[i], st, cfg.rows(i), cfg.cols(i), 1);
    }

    static double dl4jPath(NetConfig cfg, double[] x, double[] y) {
        Dl4jNet net = new Dl4jNet(new DeepNet(cfg, 7), new org.nd4j.linalg.learning.config.Sgd(LR), x, y, N);
        long deadline = System.nanoTime() + (long) 1e9;
        while (System.nanoTime() < deadline) net.step();
        int steps = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < SECONDS * 1e9) {
            net.step();
            steps++;
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }

    static double peer() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "bench/train_peer.py", Integer.toString(DEPTH), Integer.toString(WIDTH),
                Integer.toString(N), Double.toString(LR), Double.toString(SECONDS)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("peer failed: " + out);
        for (String l : out.split("\n")) if (l.startsWith("steps_per_s=")) return Double.parseDouble(l.substring(12).trim());
        throw new IllegalStateException("peer printed no steps_per_s: " + out);
    }
}
