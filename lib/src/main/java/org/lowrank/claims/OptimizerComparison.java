package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;

/**
 * Notebook 05's driver: deep linear nets trained by several optimizers, each at its best learning rate per depth; the
 * test of what training adds to the fall of ρ with depth (C4); and the rule that decides whether an optimizer keeps
 * gradient descent's low-rank bias (§7). Tests are per depth, paired by seed, Holm-adjusted across optimizers.
 */
public final class OptimizerComparison {
    private OptimizerComparison() {}

    /** A run counts as converged at this training MSE. */
    public static final double TOLERANCE = 1e-6;
    /** Learning-rate sweeps run a quarter of the budget (enough to rank the rates, cheap next to the runs). */
    public static final int SWEEP_FRACTION = 4;
    /** Family-wise significance level of the tests (Holm across optimizers). */
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

    /** The sweeps' first seed, held out from the runs' seeds 0 … seeds−1 (which must stay below it). */
    public static final long SWEEP_SEED = 1000;
    /**
     * Seeds per swept rate ({@link #SWEEP_SEED} and the next): a rate scores its worst training loss over them, so a
     * rate at the edge of stability on one seed is not chosen for all.
     */
    public static final int SWEEP_SEEDS = 2;
    /**
     * A run has fit its training set when its final training MSE is at most this. The test MSE of these tasks sits at
     * 0.2–0.5 (the unobserved input directions), so 0.01 means the observed directions are fit, far from the ≈ 1–2 an
     * untrained net starts at.
     */
    public static final double FIT_THRESHOLD = 1e-2;

    /**
     * Every run of a comparison and, per swept (optimizer, depth), the sweep's choice with the runs trained at it.
     *
     * @param runs  all runs, in the order optimizer (grid order), depth, seed
     * @param tuned the swept configurations (optimizers with one rate in their grid are not swept and not listed)
     */
    public record Comparison(List<RunResult> runs, List<LrSweep.Tuned> tuned) {
        /** Copies. */
        public Comparison {
            runs = List.copyOf(runs);
            tuned = List.copyOf(tuned);
        }
    }

    /**
     * One comparison: {@code width}-wide deep linear nets of every depth of {@code depths} on {@code task}, from init
     * {@code init}, trained by every optimizer of {@code grids} (in the map's order; one rate: no sweep) on seeds
     * 0 … seeds−1 with {@code budget}, its runs in group {@code group} (sweep runs {@code lr-<group>}).
     */
    public record Setup(String group, TaskSpec task, int width, NetConfig.Init init, int[] depths, int seeds,
                        Map<Optimizer, double[]> grids, Budget budget) {
        public Setup {
            if (group == null || group.isBlank()) throw new IllegalArgumentException("group = '" + group + "'; allowed: a non-empty name");
            if (task == null) throw new IllegalArgumentException("task must not be null");
            if (width < 1) throw new IllegalArgumentException("width = " + width + "; allowed: >= 1");
            if (init == null) throw new IllegalArgumentException("init must not be null");
            if (depths == null || depths.length == 0) throw new IllegalArgumentException("depths is empty; allowed: >= 1 depth");
            if (seeds < 1 || seeds > SWEEP_SEED)
                throw new IllegalArgumentException("seeds = " + seeds + "; allowed: 1.." + SWEEP_SEED + " (the sweep seed is held out)");
            if (grids == null || grids.isEmpty()) throw new IllegalArgumentException("grids is empty; allowed: >= 1 optimizer");
            if (budget == null) throw new IllegalArgumentException("budget must not be null");
            depths = depths.clone();
            Map<Optimizer, double[]> copy = new LinkedHashMap<>();
            for (Map.Entry<Optimizer, double[]> e : grids.entrySet()) {
                if (e.getValue() == null || e.getValue().length == 0)
                    throw new IllegalArgumentException("grid of " + e.getKey().label() + " is empty; allowed: >= 1 rate");
                copy.put(e.getKey(), e.getValue().clone());
            }
            grids = java.util.Collections.unmodifiableMap(copy);
        }

        /** The optimizers, in grid order. */
        public List<Optimizer> optimizers() {
            return List.copyOf(grids.keySet());
        }

        /** How many runs at the chosen rates: optimizers × depths × seeds (sweep runs not counted). */
        public int runs() {
            return grids.size() * depths.length * seeds;
        }

        /** Trains (or loads) the comparison through {@code runner}: {@link OptimizerComparison#sweep}. */
        public Comparison run(Runner runner, Consumer<String> log) {
            return sweep(runner, group, task, width, init, depths, seeds, grids, budget, log);
        }

        /** One line: group, init, depths, seeds, budgets and each optimizer's rate grid. */
        public String describe() {
            StringBuilder g = new StringBuilder();
            grids.forEach((o, r) -> g.append(g.length() == 0 ? "" : ", ").append(o.label()).append(' ').append(Arrays.toString(r)));
            return String.format(java.util.Locale.ROOT, "%s: width %d, %s init, depths %s, seeds 0..%d; %d steps, %d L-BFGS iterations,"
                            + " %d evaluations; rates %s", group, width, init, Arrays.toString(depths), seeds - 1, budget.steps(),
                    budget.lbfgsIterations(), budget.evaluations(), g);
        }
    }

    /**
     * Trains {@code width}-wide deep linear nets of every depth on {@code task} with every optimizer of {@code grids}
     * on seeds 0 … seeds−1; a seed draws the target, the data and the init, so every optimizer sees the same ones
     * (a paired design). An optimizer with more than one rate in its grid first picks its rate per depth by a short
     * sweep on the held-out seeds {@link #SWEEP_SEED}, … ({@link #SWEEP_SEEDS}; {@link LrSweep#pick}: a {@value #SWEEP_FRACTION}th of its
     * budget, the grid extended while the best is at an edge, a loud failure if every rate diverges); its choices go
     * to {@code log}. With one rate, that rate is used. All runs go through {@code runner} in one parallel batch.
     */
    public static Comparison sweep(Runner runner, String group, TaskSpec task, int width, NetConfig.Init init,
                                   int[] depths, int seeds, Map<Optimizer, double[]> grids, Budget budget,
                                   Consumer<String> log) {
        if (depths == null || depths.length == 0) throw new IllegalArgumentException("depths is empty; allowed: >= 1 depth");
        if (seeds < 1 || seeds > SWEEP_SEED)
            throw new IllegalArgumentException("seeds = " + seeds + "; allowed: 1.." + SWEEP_SEED + " (the sweep seed is held out)");
        List<RunSpec> specs = new ArrayList<>();
        List<LrSweep.Choice> swept = new ArrayList<>();
        List<Integer> sweptStart = new ArrayList<>();
        for (Map.Entry<Optimizer, double[]> e : grids.entrySet()) {
            Optimizer opt = e.getKey();
            double[] grid = e.getValue();
            if (grid == null || grid.length == 0) throw new IllegalArgumentException("grid of " + opt.label() + " is empty");
            int steps = budget.of(opt);
            List<RunSpec> templates = new ArrayList<>();
            for (int d : depths)
                templates.add(new RunSpec(group, task, NetConfig.linear(width, d, init), new OptimizerSpec(opt, grid[0]),
                        steps, TOLERANCE, SWEEP_SEED, false));
            List<LrSweep.Choice> ch = grid.length > 1 ? LrSweep.pick(runner, templates, grid, steps / SWEEP_FRACTION, SWEEP_SEEDS) : null;
            if (ch != null) ch.forEach(c -> log.accept("  " + c.describe()));
            for (int k = 0; k < templates.size(); k++) {
                if (ch != null) {
                    swept.add(ch.get(k));
                    sweptStart.add(specs.size());
                }
                RunSpec t = ch == null ? templates.get(k) : templates.get(k).withLr(ch.get(k).lr());
                for (int s = 0; s < seeds; s++) specs.add(t.with(group, steps, s));
            }
        }
        List<RunResult> runs = runner.run(specs);
        List<LrSweep.Tuned> tuned = new ArrayList<>();
        for (int k = 0; k < swept.size(); k++)
            tuned.add(new LrSweep.Tuned(swept.get(k), runs.subList(sweptStart.get(k), sweptStart.get(k) + seeds)));
        return new Comparison(runs, tuned);
    }

    /** The runs of optimizer {@code o}. */
    public static Predicate<RunResult> uses(Optimizer o) {
        return r -> r.optimizer().equals(o.label());
    }

    /** {@code f} of the runs of {@code o} at {@code depth}, in run order (NaN kept, for {@link Stats#meanCi95} to count). */
    public static double[] values(List<RunResult> runs, Optimizer o, int depth, ToDoubleFunction<RunResult> f) {
        return runs.stream().filter(r -> uses(o).test(r) && r.depth() == depth).mapToDouble(f).toArray();
    }

    /** Whether every run of {@code o} in {@code runs} fit its training set (train MSE ≤ {@value #FIT_THRESHOLD}). */
    public static boolean fits(List<RunResult> runs, Optimizer o) {
        List<RunResult> mine = runs.stream().filter(uses(o)).toList();
        if (mine.isEmpty()) throw new IllegalArgumentException("no runs of " + o.label());
        return mine.stream().allMatch(r -> r.trainLoss() <= FIT_THRESHOLD);
    }

    /**
     * What training adds to the depth trend, for one optimizer at one depth: per seed, Δ = ρ_final − ρ_init at
     * {@code depth} minus Δ at {@code baseDepth} (the init's own fall with depth cancels; the seed's target and data
     * are shared by both depths).
     *
     * @param difference per-seed Δ(depth) − Δ(baseDepth): mean, 95% t-interval, NaN count
     * @param p          one-sided paired t-test p-value of "Δ(depth) &lt; Δ(baseDepth)": training lowers ρ more at depth
     * @param pHolm      {@code p} Holm-adjusted across the optimizers tested at this depth
     */
    public record TrainingEffect(Optimizer optimizer, int depth, int baseDepth, Stats.MeanCi difference, double p, double pHolm) {
        /** Whether training lowers ρ significantly more at {@code depth} than at {@code baseDepth} (family-wise α). */
        public boolean holds() {
            return pHolm < ALPHA && difference.mean() < 0;
        }
    }

    /**
     * {@link TrainingEffect} for every optimizer of {@code opts} at every depth of {@code depths} but the first (the
     * base), paired by seed; Holm across {@code opts} per depth (depths are never pooled).
     *
     * @return per optimizer (in {@code opts} order), its effects in depth order
     */
    public static Map<Optimizer, List<TrainingEffect>> trainingEffect(List<RunResult> runs, List<Optimizer> opts, int[] depths) {
        if (opts == null || opts.isEmpty()) throw new IllegalArgumentException("opts is empty; allowed: >= 1 optimizer");
        if (depths == null || depths.length < 2) throw new IllegalArgumentException("depths = " + Arrays.toString(depths) + "; allowed: >= 2");
        Map<Optimizer, List<TrainingEffect>> out = new LinkedHashMap<>();
        for (Optimizer o : opts) out.put(o, new ArrayList<>());
        int base = depths[0];
        for (int i = 1; i < depths.length; i++) {
            int d = depths[i];
            double[] p = new double[opts.size()];
            Stats.MeanCi[] diff = new Stats.MeanCi[opts.size()];
            for (int k = 0; k < opts.size(); k++) {
                double[][] xy = paired(runs, uses(opts.get(k)), d, uses(opts.get(k)), base, r -> r.rhoFinal() - r.rhoInit());
                double[] dd = new double[xy[0].length];
                for (int j = 0; j < dd.length; j++) dd[j] = xy[0][j] - xy[1][j];
                diff[k] = Stats.meanCi95(dd);
                p[k] = noEvidenceIfNaN(dd.length >= 2 ? Stats.pairedLess(xy[0], xy[1]) : Double.NaN);
            }
            double[] h = Stats.holm(p);
            for (int k = 0; k < opts.size(); k++) out.get(opts.get(k)).add(new TrainingEffect(opts.get(k), d, base, diff[k], p[k], h[k]));
        }
        return out;
    }

    /**
     * Whether {@code optimizer} keeps the reference's low-rank bias at one depth.
     *
     * @param gap   per-seed ρ_final(optimizer) − ρ_final(reference): mean, 95% t-interval
     * @param p     one-sided paired t-test p-value of "ρ above the reference's" (seeds share target, data and init)
     * @param pHolm {@code p} Holm-adjusted across the optimizers compared at this depth
     * @param keeps false only if ρ is significantly (Holm p &lt; {@value #ALPHA}) and materially (mean gap &gt;
     *              {@value #MATERIAL_GAP} nats) above the reference's
     */
    public record Verdict(Optimizer optimizer, int depth, Stats.MeanCi gap, double p, double pHolm, boolean keeps) { }

    /**
     * {@link Verdict}s of every optimizer of {@code opts} against {@code reference} at {@code depth}, paired by seed,
     * Holm-adjusted across {@code opts}.
     */
    public static List<Verdict> keepsBias(List<RunResult> runs, List<Optimizer> opts, Optimizer reference, int depth) {
        if (opts == null || opts.isEmpty()) throw new IllegalArgumentException("opts is empty; allowed: >= 1 optimizer");
        if (opts.contains(reference)) throw new IllegalArgumentException("opts contains the reference " + reference.label());
        double[] p = new double[opts.size()];
        Stats.MeanCi[] gap = new Stats.MeanCi[opts.size()];
        for (int k = 0; k < opts.size(); k++) {
            double[][] xy = paired(runs, uses(opts.get(k)), depth, uses(reference), depth, RunResult::rhoFinal);
            double[] dd = new double[xy[0].length];
            for (int j = 0; j < dd.length; j++) dd[j] = xy[0][j] - xy[1][j];
            gap[k] = Stats.meanCi95(dd);
            p[k] = noEvidenceIfNaN(dd.length >= 2 ? Stats.pairedGreater(xy[0], xy[1]) : Double.NaN);
        }
        double[] h = Stats.holm(p);
        List<Verdict> out = new ArrayList<>();
        for (int k = 0; k < opts.size(); k++)
            out.add(new Verdict(opts.get(k), depth, gap[k], p[k], h[k], !(h[k] < ALPHA && gap[k].mean() > MATERIAL_GAP)));
        return out;
    }

    /** A p-value that is NaN (fewer than two pairs, or differences with zero variance) counts as no evidence: 1. */
    private static double noEvidenceIfNaN(double p) {
        return Double.isNaN(p) ? 1.0 : p;
    }

    /**
     * {x, y}: {@code f} of the runs matching {@code a} at depth {@code da} and of those matching {@code b} at depth
     * {@code db}, one pair per seed present in both (ascending seed); pairs with a NaN are left out.
     */
    static double[][] paired(List<RunResult> runs, Predicate<RunResult> a, int da, Predicate<RunResult> b, int db,
                             ToDoubleFunction<RunResult> f) {
        Map<Long, Double> x = new TreeMap<>(), y = new TreeMap<>();
        for (RunResult r : runs) {
            if (a.test(r) && r.depth() == da && x.put(r.seed(), f.applyAsDouble(r)) != null)
                throw new IllegalArgumentException("two runs at depth " + da + ", seed " + r.seed() + " for one side");
            if (b.test(r) && r.depth() == db && y.put(r.seed(), f.applyAsDouble(r)) != null)
                throw new IllegalArgumentException("two runs at depth " + db + ", seed " + r.seed() + " for one side");
        }
        List<double[]> pairs = new ArrayList<>();
        for (Map.Entry<Long, Double> e : x.entrySet()) {
            Double v = y.get(e.getKey());
            if (v != null && !Double.isNaN(v) && !Double.isNaN(e.getValue())) pairs.add(new double[] {e.getValue(), v});
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }
}
