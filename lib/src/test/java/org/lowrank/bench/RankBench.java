package org.lowrank.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

import org.lowrank.random.Init;
import org.lowrank.random.ProductConfig;
import org.lowrank.random.RandomMatrices;
import org.lowrank.random.RankDistribution;

/**
 * Benchmark entry {@code rank}: the paper's ρ of 10,000 random 32×32 Gaussian matrices, and of 1,000 random
 * products at depth 16 (32×32, and the paper's 16×16), drawing the matrices included, against numpy doing the
 * same work (bench/rank_peer.py, batched numpy, run here in the same run). Each side: one warm-up, then the
 * best of {@value #REPEATS} runs. Java runs twice: on all cores (the library's default, parallel over draws)
 * and on one thread; numpy's batched SVD/matmul on these small matrices runs on one core.
 *
 * <p>Run: {@code make bench BENCH=rank} or {@code bench/run.sh rank} from the repository root
 * (system property {@code bench.dir} overrides the peer's folder, default {@code bench}).
 */
public final class RankBench {
    private static final int REPEATS = 3;

    private RankBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, Callable<RankDistribution>> cases = new LinkedHashMap<>();
        cases.put("rho_32x32_x10000", () -> RandomMatrices.productRanks(ProductConfig.of(32, 1, Init.NORMAL), 10_000, 1));
        cases.put("rho_product_32x32_depth16_x1000", () -> RandomMatrices.productRanks(ProductConfig.of(32, 16, Init.NORMAL), 1000, 2));
        cases.put("rho_product_16x16_depth16_x1000", () -> RandomMatrices.productRanks(ProductConfig.of(16, 16, Init.NORMAL), 1000, 3));

        Map<String, double[]> java = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            for (Map.Entry<String, Callable<RankDistribution>> c : cases.entrySet()) {
                double[] all = time(c.getValue());
                double[] single = time(() -> one.submit(c.getValue()).get());
                java.put(c.getKey(), new double[] {all[0], single[0], all[1]});
            }
        } finally {
            one.shutdown();
        }

        Map<String, double[]> peer = Peer.run("rank_peer.py", cores, Integer.toString(REPEATS));
        System.out.println("# java: " + cores + " cores; numpy: bench/rank_peer.py (batched, float64); seconds, best of " + REPEATS);
        double worst = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : java.entrySet()) {
            double[] j = e.getValue();
            double[] p = peer.get(e.getKey());
            if (p == null) throw new IllegalStateException("peer printed no result for " + e.getKey());
            // same work: both sides' mean ρ must agree (different random draws, so within sampling noise)
            if (Math.abs(j[2] - p[1]) > 0.05) {
                throw new IllegalStateException(e.getKey() + ": mean rho differs, java " + j[2] + " vs numpy " + p[1]);
            }
            System.out.printf(Locale.ROOT, "BENCH rank %s java=%.4f peer=%.4f unit=s ratio=%.2f (peer/java, >1 = java faster; all %d cores)%n",
                    e.getKey(), j[0], p[0], p[0] / j[0], cores);
            System.out.printf(Locale.ROOT, "BENCH rank %s_1thread java=%.4f peer=%.4f unit=s ratio=%.2f (peer/java, >1 = java faster; java on 1 thread)%n",
                    e.getKey(), j[1], p[0], p[0] / j[1]);
            System.out.printf(Locale.ROOT, "#   mean rho: java %.4f, numpy %.4f%n", j[2], p[1]);
            worst = Math.min(worst, p[0] / j[0]);
        }
        Peer.summary("rank", worst, 1.0, "numpy time / Java time on all cores, smallest over the cases");
    }

    /** {best seconds, mean ρ of the last run}. */
    private static double[] time(Callable<RankDistribution> work) throws Exception {
        work.call(); // warm-up (JIT, native workspaces)
        double best = Double.POSITIVE_INFINITY;
        RankDistribution last = null;
        for (int r = 0; r < REPEATS; r++) {
            long t = System.nanoTime();
            last = work.call();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return new double[] {best, last.mean()};
    }
}
