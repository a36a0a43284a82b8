package org.lowrank.sensing;

import java.util.ArrayList;
import java.util.List;

import org.lowrank.optim.FirstOrder;

/**
 * Optimizer comparison on one sensing setting: per optimizer and depth, the learning rate is picked from a grid by the
 * final error on separate tuning seeds, then the picked rate is run on the evaluation seeds (the same problems and
 * inits for every optimizer, so results pair by seed).
 *
 * @param kind        measurement kind
 * @param n           matrix side
 * @param rank        target rank
 * @param m           measurements
 * @param model       factorization settings (depth replaced per run; stepSize unused: the optimizer's rate is used)
 * @param tuneSeeds   seeds used only for picking the rate (problem seeds 1000, 1001, …)
 * @param evalSeeds   evaluation seeds (problem seeds 0, 1, …)
 */
public record OptimizerSweep(MeasurementKind kind, int n, int rank, int m, FactorizationConfig model, int tuneSeeds, int evalSeeds) {
    public OptimizerSweep {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        if (tuneSeeds < 1) throw new IllegalArgumentException("tuneSeeds = " + tuneSeeds + ": must be at least 1");
        if (evalSeeds < 2) throw new IllegalArgumentException("evalSeeds = " + evalSeeds + ": must be at least 2");
    }

    /** The rate picked for one optimizer and depth, with every grid point's mean log10 tuning error. */
    public record Tuning(String optimizer, int depth, double[] grid, double[] meanLogError, int bestIndex) {
        public double bestRate() { return grid[bestIndex]; }
        /** Whether the best rate is inside the grid (not at either end). */
        public boolean interior() { return bestIndex > 0 && bestIndex < grid.length - 1; }
    }

    /** Outcome: the tunings and the evaluation runs (method = "depth N, Name"). */
    public record Result(List<Tuning> tunings, List<SensingRun> runs) {}

    /**
     * Runs the sweep for {@code optimizers} (each at the rates {@code rates[i]}) at every depth. A diverged tuning run
     * counts as log10 error +∞ for its rate.
     */
    public Result run(List<FirstOrder> optimizers, double[][] rates, int[] depths) {
        if (optimizers.size() != rates.length)
            throw new IllegalArgumentException("rates has " + rates.length + " grids for " + optimizers.size() + " optimizers");
        List<Tuning> tunings = new ArrayList<>();
        List<SensingRun> runs = new ArrayList<>();
        for (int o = 0; o < optimizers.size(); o++) {
            FirstOrder base = optimizers.get(o);
            for (int d : depths) {
                FactorizationConfig cfg = model.withDepth(d);
                double[] score = new double[rates[o].length];
                for (int i = 0; i < rates[o].length; i++) {
                    double sum = 0;
                    for (int s = 0; s < tuneSeeds; s++) {
                        SensingRun r = DeepFactorization.fit(new SensingProblem(kind, n, rank, m, 1000 + s), cfg,
                                base.withLearningRate(rates[o][i]), 7_000_003L * (s + 1) + d);
                        sum += r.diverged() ? Double.POSITIVE_INFINITY : Math.log10(r.error());
                    }
                    score[i] = sum / tuneSeeds;
                }
                int best = 0;
                for (int i = 1; i < score.length; i++) if (score[i] < score[best]) best = i;
                tunings.add(new Tuning(base.name(), d, rates[o].clone(), score, best));
                FirstOrder picked = base.withLearningRate(rates[o][best]);
                for (int s = 0; s < evalSeeds; s++)
                    runs.add(DeepFactorization.fit(new SensingProblem(kind, n, rank, m, s), cfg, picked, 1_000_003L * (s + 1) + d));
            }
        }
        return new Result(tunings, runs);
    }

    /** Final values of {@code f} for runs whose method is {@code "depth d, name"}, by seed. */
    public static double[] values(List<SensingRun> runs, String name, int depth, java.util.function.ToDoubleFunction<SensingRun> f) {
        String method = "depth " + depth + ", " + name;
        return runs.stream().filter(r -> r.method().equals(method)).sorted(java.util.Comparator.comparingLong(SensingRun::seed))
                .mapToDouble(f).toArray();
    }

    @Override public String toString() { return "OptimizerSweep(" + kind + ", n=" + n + ", rank=" + rank + ", m=" + m + ")"; }
}
