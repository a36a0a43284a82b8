package org.lowrank.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.lowrank.sensing.DeepFactorization;
import org.lowrank.sensing.FactorizationConfig;
import org.lowrank.sensing.MeasurementKind;
import org.lowrank.sensing.RankMeasures;
import org.lowrank.sensing.SensingProblem;
import org.lowrank.sensing.SensingRun;

/**
 * Notebook 13's driver for ablations of the deep factorization on matrix sensing: several named model variants
 * (width, weight decay, init, ...) fitted to the same problems, paired by seed. Seed s gives one problem
 * ({@code SensingProblem(kind, n, rank, m, s)}) and the init seed {@code 1_000_003·(s+1) + depth}, the same as
 * {@code SensingExperiment}, so variants of equal depth start from the same Gaussian draws. Runs go in parallel
 * (each run is deterministic, so the numbers do not depend on the thread count).
 *
 * @param kind  Gaussian sensing or completion
 * @param n     matrix side
 * @param rank  target rank
 * @param m     measurements
 * @param seeds seeds 0..seeds−1, ≥ 2
 */
public record FactorizationAblation(MeasurementKind kind, int n, int rank, int m, int seeds) {
    public FactorizationAblation {
        if (kind == null) throw new IllegalArgumentException("kind is null: must be GAUSSIAN or COMPLETION");
        if (seeds < 2) throw new IllegalArgumentException("seeds = " + seeds + ": must be at least 2 (confidence intervals, paired tests)");
        if (m < 1 || m > n * n) throw new IllegalArgumentException("m = " + m + ": must lie in 1..n² = " + n * n);
    }

    /** What is compared between variants. */
    public enum Metric {
        /** ρ of the final product. */
        RHO,
        /** ρ of the product at initialization. */
        RHO_INIT,
        /** Final ρ minus initial ρ: what training did to the rank. */
        RHO_CHANGE,
        /** log10 of the final relative reconstruction error. */
        LOG10_ERROR
    }

    /**
     * Every variant's runs, indexed by seed, and their end-to-end products W_e (n×n, row-major) at init and trained
     * ({@link DeepFactorization.WithProducts}; empty when built from runs alone).
     */
    public record Result(Map<String, List<SensingRun>> runs, Map<String, List<DeepFactorization.WithProducts>> products) {
        /** Runs without their products ({@link #measures} is then unavailable). */
        public Result(Map<String, List<SensingRun>> runs) {
            this(runs, Map.of());
        }

        /**
         * {@link RankMeasures#ofMatrix} of variant {@code name}'s end-to-end product at init ({@code trained} false) or
         * trained, one row {@code {ρ, stable rank, ‖W‖_*∕‖W‖₂, numerical rank at relTol}} per seed (NaN for a diverged run).
         */
        public double[][] measures(String name, boolean trained, double relTol) {
            List<DeepFactorization.WithProducts> ps = products.get(name);
            if (ps == null) throw new IllegalArgumentException("no products for variant '" + name + "'; variants with products: " + products.keySet());
            return ps.stream().map(p -> {
                double[] w = trained ? p.trained() : p.initial();
                if (w == null) { double[] nan = new double[RankMeasures.NAMES.length]; java.util.Arrays.fill(nan, Double.NaN); return nan; }
                int side = (int) Math.round(Math.sqrt(w.length));
                return RankMeasures.ofMatrix(w, side, side, relTol);
            }).toArray(double[][]::new);
        }

        /** The metric of variant {@code name}, one value per seed (NaN for a diverged run). */
        public double[] values(String name, Metric metric) {
            List<SensingRun> rs = runs.get(name);
            if (rs == null) throw new IllegalArgumentException("no variant named '" + name + "'; variants: " + runs.keySet());
            return rs.stream().mapToDouble(r -> switch (metric) {
                case RHO -> r.rho();
                case RHO_INIT -> r.trace().get(0).rho();
                case RHO_CHANGE -> r.rho() - r.trace().get(0).rho();
                case LOG10_ERROR -> Math.log10(r.error());
            }).toArray();
        }

        /** Mean and 95% interval over seeds. */
        public Stats.MeanCi meanCi(String name, Metric metric) {
            return Stats.meanCi95(values(name, metric));
        }

        /** One-sided paired t-test p-value for mean(a − b) &lt; 0 on {@code metric}. */
        public double pairedLess(String a, String b, Metric metric) {
            return Stats.pairedLess(values(a, metric), values(b, metric));
        }

        /** Two-sided paired t-test p-value for equal means of {@code metric}. */
        public double pairedTwoSided(String a, String b, Metric metric) {
            return Stats.pairedTwoSided(values(a, metric), values(b, metric));
        }

        /** Number of diverged runs over all variants. */
        public long diverged() {
            return runs.values().stream().flatMap(List::stream).filter(SensingRun::diverged).count();
        }
    }

    /** Fits every variant (name → configuration, in the given order) on every seed's problem. */
    public Result run(Map<String, FactorizationConfig> variants) {
        if (variants == null || variants.isEmpty()) throw new IllegalArgumentException("variants is empty: need at least one");
        List<String> names = new ArrayList<>(variants.keySet());
        SensingProblem[] problems = IntStream.range(0, seeds).parallel().mapToObj(s -> new SensingProblem(kind, n, rank, m, s))
                .toArray(SensingProblem[]::new);
        int total = names.size() * seeds;
        DeepFactorization.WithProducts[] out = new DeepFactorization.WithProducts[total];
        IntStream.range(0, total).parallel().forEach(i -> {
            int v = i / seeds, s = i % seeds;
            FactorizationConfig c = variants.get(names.get(v));
            out[i] = DeepFactorization.fitKeepingProducts(problems[s], c, 1_000_003L * (s + 1) + c.depth());
        });
        Map<String, List<SensingRun>> byName = new LinkedHashMap<>();
        Map<String, List<DeepFactorization.WithProducts>> productsByName = new LinkedHashMap<>();
        for (int v = 0; v < names.size(); v++) {
            List<DeepFactorization.WithProducts> ps = List.of(java.util.Arrays.copyOfRange(out, v * seeds, (v + 1) * seeds));
            productsByName.put(names.get(v), ps);
            byName.put(names.get(v), ps.stream().map(DeepFactorization.WithProducts::run).toList());
        }
        return new Result(byName, productsByName);
    }
}
