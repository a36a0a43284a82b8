package org.lowrank.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.expand.Expand;
import org.lowrank.train.SmallCnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark entry {@code cnn}: training examples/s of the C9 CNN ({@link SmallCnn}, channels 32-64-128-128,
 * hidden 128, 1×28×28 input, batch 64, SGD Nesterov + weight decay) plain and with every layer expanded (depth 2,
 * 4), in DL4J and in PyTorch 1.13 ({@code bench/cnn_peer.py}, same model, batch and native thread count), and the
 * peak resident memory (VmHWM) of this training JVM. DL4J runs with its oneDNN helpers
 * ({@code Expand.enableOneDnnHelpers()}).
 *
 * <p>The plain case is SmallCnn's depth 1, every layer a depth-1 expanded layer, so plain and expanded run the
 * same layer code ({@code ExpandedLayerImpl}); {@code plain_dl4j_layers} is the same architecture with DL4J's own
 * ConvolutionLayer/DenseLayer ({@code SmallCnn.inferenceConfiguration}, what a collapsed network is), for comparison.
 *
 * <p>Timing (both sides): 3 untimed warm-up steps, then {@value #STEPS} steps timed one by one; the fastest step counts,
 * by wall clock and by the thread's CPU time (less sensitive to the load of a shared machine). The peer runs once
 * before and once after the Java cases; per case its better run counts.
 *
 * <p>Run: {@code make bench BENCH=cnn} or {@code bench/run.sh cnn} from the repository root. Threads: ND4J's
 * OpenMP pool size (set {@code OMP_NUM_THREADS}); the peer is given the same number.
 */
public final class CnnBench {
    private static final int STEPS = 20, BATCH = 64;
    private static final SmallCnn CNN = new SmallCnn(new int[]{32, 64, 128, 128}, 128, 28, 28, 1, 10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CnnBench() {}

    public static void main(String[] args) throws Exception {
        boolean onednn = Expand.enableOneDnnHelpers(); // the lib's fast CPU path for conv/pool/BN
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        String load0 = Peer.loadAverage();
        Map<String, double[]> peer = Peer.run("cnn_peer.py", threads, Integer.toString(threads), Integer.toString(STEPS)); // {case -> {examples/s, params, cpu examples/s}}, "rss" -> {peak MB}
        Map<String, double[]> java = new LinkedHashMap<>();
        java.put("plain", run(config(1)));
        java.put("expanded_d2", run(config(2)));
        java.put("expanded_d4", run(config(4)));
        double[] dl4jLayers = run(CNN.inferenceConfiguration(0, 0.01, 5e-4, 1_000_000));
        double jvmPeakMb = vmHwmMb();
        for (Map.Entry<String, double[]> e : Peer.run("cnn_peer.py", threads, Integer.toString(threads), Integer.toString(STEPS)).entrySet()) {
            double[] p = peer.get(e.getKey()), q = e.getValue();
            if (p == null || p.length < 3) { peer.put(e.getKey(), q); continue; }
            peer.put(e.getKey(), new double[]{Math.max(p[0], q[0]), p[1], Math.max(p[2], q[2])});
        }

        System.out.println("# DL4J vs PyTorch 1.13, " + threads + " native thread(s), batch " + BATCH + ", fastest of " + STEPS
                + " timed steps; examples/s; DL4J oneDNN helpers " + (onednn ? "on" : "off (not available)"));
        System.out.println("# load average before: " + load0 + "; after: " + Peer.loadAverage() + " (shared machine)");
        double worst = Double.POSITIVE_INFINITY, worstCpu = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : java.entrySet()) {
            double[] j = e.getValue(), p = peer.get(e.getKey());
            if (p == null) throw new IllegalStateException("peer printed no result for " + e.getKey());
            if ((long) j[1] != (long) p[1]) {
                throw new IllegalStateException(e.getKey() + ": not the same model, " + (long) j[1] + " params in DL4J vs " + (long) p[1] + " in PyTorch");
            }
            worst = Math.min(worst, j[0] / p[0]);
            worstCpu = Math.min(worstCpu, j[2] / p[2]);
            System.out.printf(Locale.ROOT, "BENCH cnn %s java=%.1f peer=%.1f unit=examples/s ratio=%.2f (java/peer, >1 = java faster; %d params; by thread CPU time: java %.1f peer %.1f ratio %.2f)%n",
                    e.getKey(), j[0], p[0], j[0] / p[0], (long) j[1], j[2], p[2], j[2] / p[2]);
        }
        double[] pp = peer.get("plain");
        System.out.printf(Locale.ROOT, "BENCH cnn plain_dl4j_layers java=%.1f peer=%.1f unit=examples/s ratio=%.2f (java/peer; DL4J's own layers, SmallCnn's inference architecture; by thread CPU time: %.2f)%n",
                dl4jLayers[0], pp[0], dl4jLayers[0] / pp[0], dl4jLayers[2] / pp[2]);
        double worstCost = 0, worstCostCpu = 0;
        for (String d : new String[]{"expanded_d2", "expanded_d4"}) {
            // step cost of the expanded net over the plain one; java/peer <= 1: DL4J's expansion overhead no worse than PyTorch's
            double jc = java.get("plain")[0] / java.get(d)[0], pc = pp[0] / peer.get(d)[0];
            double jcc = java.get("plain")[2] / java.get(d)[2], pcc = pp[2] / peer.get(d)[2];
            worstCost = Math.max(worstCost, jc / pc);
            worstCostCpu = Math.max(worstCostCpu, jcc / pcc);
            System.out.printf(Locale.ROOT, "BENCH cnn %s_cost_over_plain java=%.2f peer=%.2f unit=x ratio=%.2f (java/peer of expanded/plain step cost, <=1 = DL4J's overhead no worse than PyTorch's; by thread CPU time: java %.2f peer %.2f ratio %.2f)%n",
                    d, jc, pc, jc / pc, jcc, pcc, jcc / pcc);
        }
        System.out.printf(Locale.ROOT, "BENCH cnn peak_rss java=%.0f peer=%.0f unit=MB ratio=%.2f (java/peer; VmHWM of the training JVM and of the peer)%n",
                jvmPeakMb, peer.get("rss")[0], jvmPeakMb / peer.get("rss")[0]);
        Peer.summary("cnn", worst, worstCpu, 0.8, String.format(Locale.ROOT,
                "DL4J / PyTorch training throughput, smallest over plain, d2, d4; aim 1.0; expanded/plain cost over PyTorch's,"
                        + " largest: %.2f by wall clock, %.2f by thread CPU time (goal <= 1: %s / %s)", worstCost, worstCostCpu,
                worstCost <= 1 ? "met" : "NOT met", worstCostCpu <= 1 ? "met" : "NOT met"));
    }

    private static MultiLayerConfiguration config(int depth) {
        return CNN.configuration(depth, 0, 0.01, 5e-4, 1_000_000);
    }

    /** {examples/s by wall clock, params, examples/s by thread CPU time}, fastest step each. */
    private static double[] run(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(0);
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, BATCH, 1, 28, 28);
        INDArray y = Nd4j.zeros(BATCH, 10);
        for (int i = 0; i < BATCH; i++) y.putScalar(i, i % 10, 1.0);
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < 3; i++) net.fit(ds);
        double best = Double.POSITIVE_INFINITY, bestCpu = Double.POSITIVE_INFINITY;
        for (int i = 0; i < STEPS; i++) {
            long c = THREADS.getCurrentThreadCpuTime(), t = System.nanoTime();
            net.fit(ds);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            bestCpu = Math.min(bestCpu, (THREADS.getCurrentThreadCpuTime() - c) / 1e9);
        }
        if (!Double.isFinite(net.score())) throw new IllegalStateException(conf + ": loss " + net.score());
        return new double[]{BATCH / best, net.numParams(), BATCH / bestCpu};
    }

    /** Peak resident set size of this JVM in MB (Linux /proc/self/status VmHWM), NaN elsewhere. */
    static double vmHwmMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return Double.NaN;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return Double.NaN;
    }
}
