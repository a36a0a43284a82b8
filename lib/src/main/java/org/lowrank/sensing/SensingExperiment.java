package org.lowrank.sensing;

import java.util.ArrayList;
import java.util.List;

/**
 * A grid of sensing runs: for every measurement count m and seed, one problem, fitted by the factorized model at
 * every depth (same problem, independent init per depth drawn from the seed) and by the nuclear-norm baseline.
 *
 * @param kind    Gaussian sensing or completion
 * @param n       matrix side
 * @param rank    target rank
 * @param ms      measurement counts
 * @param depths  factorization depths
 * @param seeds   number of seeds (0..seeds−1), ≥ 2 so that confidence intervals exist
 * @param model   factorization settings (its depth is replaced by each of {@code depths})
 * @param nuclear the baseline, or null for none
 */
public record SensingExperiment(MeasurementKind kind, int n, int rank, int[] ms, int[] depths, int seeds,
                                FactorizationConfig model, NuclearNorm nuclear) {
    public SensingExperiment {
        if (ms == null || ms.length == 0) throw new IllegalArgumentException("ms must be non-empty");
        if (depths == null || depths.length == 0) throw new IllegalArgumentException("depths must be non-empty");
        if (seeds < 2) throw new IllegalArgumentException("seeds = " + seeds + ": must be at least 2");
        if (model == null) throw new IllegalArgumentException("model must not be null");
        for (int m : ms) if (m < 1 || m > n * n) throw new IllegalArgumentException("ms contains " + m + ": each must lie in 1..n² = " + n * n);
        ms = ms.clone();
        depths = depths.clone();
    }

    /** All runs, in (m, seed, method) order; the baseline (depth 0) last per (m, seed). */
    public List<SensingRun> run() {
        List<SensingRun> out = new ArrayList<>();
        for (int m : ms)
            for (int s = 0; s < seeds; s++) {
                SensingProblem p = new SensingProblem(kind, n, rank, m, s);
                for (int d : depths) out.add(DeepFactorization.fit(p, model.withDepth(d), 1_000_003L * (s + 1) + d));
                if (nuclear != null) out.add(nuclear.fit(p));
            }
        return out;
    }

    /** Final errors of {@code depth} (0 = nuclear norm) at {@code m}, indexed by seed. */
    public static double[] errors(List<SensingRun> runs, int depth, int m) {
        return runs.stream().filter(r -> r.depth() == depth && r.m() == m).sorted(java.util.Comparator.comparingLong(SensingRun::seed))
                .mapToDouble(SensingRun::error).toArray();
    }
}
