package org.lowrank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.train.SmallCnn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark entry {@code cnn}: training examples/s of the C9 CNN ({@link SmallCnn}, channels 32-64-128-128,
 * hidden 128, 1×28×28 input, batch 64, SGD Nesterov + weight decay) plain and with every layer expanded (depth 2,
 * 4), in DL4J and in PyTorch 1.13 ({@code bench/cnn_peer.py}, same model, batch and native thread count), and the
 * peak resident memory (VmHWM) of this training JVM. Each case: 3 warm-up steps, then {@value #STEPS} timed steps
 * on one fixed random batch. DL4J runs with its oneDNN helpers ({@code Expand.enableOneDnnHelpers()}).
 *
 * <p>Run: {@code make bench BENCH=cnn} or {@code bench/run.sh cnn} from the repository root. Threads: ND4J's
 * OpenMP pool size (set {@code OMP_NUM_THREADS}); the peer is given the same number.
 */
public final class CnnBench {
    private static final int STEPS = 20, BATCH = 64;
    private static final SmallCnn CNN = new SmallCnn(new int[]{32, 64, 128, 128}, 128, 28, 28, 1, 10);

    private CnnBench() {}

    public static void main(String[] args) throws Exception {
        boolean onednn = org.lowrank.expand.Expand.enableOneDnnHelpers(); // the lib's fast CPU path for conv/pool/BN
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        Map<String, double[]> java = new LinkedHashMap<>();
        java.put("plain", run(1));
        java.put("expanded_d2", run(2));
        java.put("expanded_d4", run(4));
        double jvmPeakMb = vmHwmMb();

        Map<String, double[]> peer = Peer.run("cnn_peer.py", threads, Integer.toString(threads), Integer.toString(STEPS)); // {case -> {examples/s, params}}, "rss" -> {peak MB}
        System.out.println("# DL4J vs PyTorch 1.13, " + threads + " native thread(s), batch " + BATCH + ", " + STEPS
                + " timed steps; examples/s; DL4J oneDNN helpers " + (onednn ? "on" : "off (not available)"));
        double worst = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : java.entrySet()) {
            double[] j = e.getValue(), p = peer.get(e.getKey());
            worst = Math.min(worst, j[0] / p[0]);
            if (p == null) throw new IllegalStateException("peer printed no result for " + e.getKey());
            if ((long) j[1] != (long) p[1]) {
                throw new IllegalStateException(e.getKey() + ": not the same model, " + (long) j[1] + " params in DL4J vs " + (long) p[1] + " in PyTorch");
            }
            System.out.printf(Locale.ROOT, "BENCH cnn %s java=%.1f peer=%.1f unit=examples/s ratio=%.2f (java/peer, >1 = java faster; %d params)%n",
                    e.getKey(), j[0], p[0], j[0] / p[0], (long) j[1]);
        }
        double jp = java.get("expanded_d4")[0] / java.get("plain")[0], pp = peer.get("expanded_d4")[0] / peer.get("plain")[0];
        System.out.printf(Locale.ROOT, "BENCH cnn expanded_d4_over_plain java=%.2f peer=%.2f unit=throughput_ratio ratio=%.2f (java/peer: DL4J's relative cost of expansion vs PyTorch's, >1 = java cheaper)%n",
                jp, pp, jp / pp);
        System.out.printf(Locale.ROOT, "BENCH cnn peak_rss java=%.0f peer=%.0f unit=MB ratio=%.2f (java/peer; VmHWM of the training JVM and of the peer)%n",
                jvmPeakMb, peer.get("rss")[0], jvmPeakMb / peer.get("rss")[0]);
        Peer.summary("cnn", worst, 0.8, "DL4J / PyTorch training throughput, smallest over plain, d2, d4; aim 1.0");
    }

    /** {examples/s, params}. */
    private static double[] run(int depth) {
        MultiLayerNetwork net = CNN.network(depth, 0, 0.01, 5e-4, 1_000_000);
        Nd4j.getRandom().setSeed(0);
        INDArray x = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, BATCH, 1, 28, 28);
        INDArray y = Nd4j.zeros(BATCH, 10);
        for (int i = 0; i < BATCH; i++) y.putScalar(i, i % 10, 1.0);
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < 3; i++) net.fit(ds);
        long t = System.nanoTime();
        for (int i = 0; i < STEPS; i++) net.fit(ds);
        double secs = (System.nanoTime() - t) / 1e9;
        if (!Double.isFinite(net.score())) throw new IllegalStateException("depth " + depth + ": loss " + net.score());
        return new double[]{BATCH * STEPS / secs, net.numParams()};
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
