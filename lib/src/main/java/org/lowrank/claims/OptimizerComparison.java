package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;

/**
 * Notebook 05's driver: deep linear nets trained by several optimizers, each at its best learning rate per depth,
 * and the rule that decides whether an optimizer keeps gradient descent's low-rank bias.
 */
public final class OptimizerComparison {
    private OptimizerComparison() {}

    /** A run counts as converged at this training MSE. */
    public static final double TOLERANCE = 1e-6;
    /** Learning-rate sweeps run a quarter of the budget (enough to rank the rates, cheap next to the runs). */
    public static final int SWEEP_FRACTION = 4;
    /** Significance level of "ρ above the reference's". */
    public static final double ALPHA = 0.05;
    /** A gap in mean ρ below this many nats is not material, whatever its p-value. */
    public static final double MATERIAL_GAP = 0.05;

    /**
     * Budgets per kind of optimizer.
     *
     * @param steps           first-order steps
     * @param lbfgsIterations L-BFGS iterations
     * @param evaluations     function evaluations of CMA-ES and random search
     */
    public record Budget(int steps, int lbfgsIterations, int evaluations) {
        public Budget {
            if (steps < SWEEP_FRACTION || lbfgsIterations < SWEEP_FRACTION || evaluations < SWEEP_FRACTION)
                throw new IllegalArgumentException("budgets must be >= " + SWEEP_FRACTION + ", got steps=" + steps
                        + " lbfgsIterations=" + lbfgsIterations + " evaluations=" + evaluations);
        }

        /** The budget of {@code o}. */
        public int of(Optimizer o) {
            return switch (o) {
                case LBFGS -> lbfgsIterations;
                case CMAES, RANDOM_SEARCH -> evaluations;
                default -> steps;
            };
        }
    }

    /**
     * Trains {@code width}-wide deep linear nets of every depth on {@code task} with every optimizer of {@code grids}
     * ({@code seeds} seeds each). An optimizer with more than one rate in its grid first picks the best rate per depth
     * by a short sweep ({@link LrSweep}, a {@value #SWEEP_FRACTION}th of its budget; its choices go to {@code log});
     * with one rate, that rate is used. All runs go through {@code runner}, so a killed sweep resumes.
     *
     * @return the runs, in the order optimizer (grid order), depth, seed
     */
    public static List<RunResult> sweep(Runner runner, String group, TaskSpec task, int width, NetConfig.Init init,
                                        int[] depths, int seeds, Map<Optimizer, double[]> grids, Budget budget,
                                        Consumer<String> log) {
        if (depths == null || depths.length == 0) throw new IllegalArgumentException("depths is empty; allowed: >= 1 depth");
        if (seeds < 1) throw new IllegalArgumentException("seeds = " + seeds + "; allowed: >= 1");
        List<RunSpec> specs = new ArrayList<>();
        for (Map.Entry<Optimizer, double[]> e : grids.entrySet()) {
            Optimizer opt = e.getKey();
            double[] grid = e.getValue();
            if (grid == null || grid.length == 0) throw new IllegalArgumentException("grid of " + opt.label() + " is empty");
            int steps = budget.of(opt);
            List<RunSpec> templates = new ArrayList<>();
            for (int d : depths)
                templates.add(new RunSpec(group, task, NetConfig.linear(width, d, init), new OptimizerSpec(opt, grid[0]),
                        steps, TOLERANCE, 0, false));
            List<LrSweep.Choice> ch = grid.length > 1 ? LrSweep.pick(runner, templates, grid, steps / SWEEP_FRACTION) : null;
            if (ch != null) ch.forEach(c -> log.accept("  " + c.describe()));
            for (int k = 0; k < templates.size(); k++)
                for (int s = 0; s < seeds; s++)
                    specs.add((ch == null ? templates.get(k) : templates.get(k).withLr(ch.get(k).lr())).with(group, steps, s));
        }
        return runner.run(specs);
    }

    /** The runs of optimizer {@code o}. */
    public static Predicate<RunResult> uses(Optimizer o) {
        return r -> r.optimizer().equals(o.label());
    }

    /**
     * Whether {@code o} keeps the reference's low-rank bias on the runs matching {@code where}.
     *
     * @param p       one-sided Welch p-value of "ρ at convergence above the reference's" (NaN for the reference)
     * @param meanGap mean ρ minus the reference's mean ρ
     * @param keeps   false only if ρ is significantly (p &lt; {@value #ALPHA}) and materially (&gt; {@value #MATERIAL_GAP}
     *                nats) above the reference's
     */
    public record Verdict(Optimizer optimizer, double p, double meanGap, boolean keeps) { }

    /** The {@link Verdict} for {@code o} against {@code reference} on the runs matching {@code where}. */
    public static Verdict keepsBias(List<RunResult> runs, Predicate<RunResult> where, Optimizer o, Optimizer reference) {
        if (o == reference) return new Verdict(o, Double.NaN, 0, true);
        double[] ref = Summary.values(runs, where.and(uses(reference)), RunResult::rhoFinal);
        double[] rho = Summary.values(runs, where.and(uses(o)), RunResult::rhoFinal);
        double p = Summary.pLess(ref, rho);
        double gap = Arrays.stream(rho).average().orElse(Double.NaN) - Arrays.stream(ref).average().orElse(Double.NaN);
        return new Verdict(o, p, gap, !(p < ALPHA && gap > MATERIAL_GAP));
    }
}
