package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;

/**
 * Notebook 06's driver (C5, default vs low-rank initialization across depth): deep linear nets fit a low-rank target
 * from the default and from a low-rank init, the learning rate chosen per (init, depth) on held-out seeds; the
 * analysis tests what training adds (the low-rank init is flat in depth before training), per depth, paired by seed,
 * Holm-corrected. The same analysis runs on a live outcome and on runs loaded from a committed CSV.
 */
public final class Initialization {
    private Initialization() {}

    /** The group of the runs at the chosen rates (the sweep's runs are {@code lr-c5}). */
    public static final String GROUP = "c5";
    /** A run counts as converged at this training MSE. */
    public static final double TOLERANCE = 1e-6;
    /** The learning-rate sweep runs a quarter of the budget. */
    public static final int SWEEP_FRACTION = 4;
    /** The sweep's first seed, held out from the runs' seeds 0 … seeds−1. */
    public static final long SWEEP_SEED = 1000;
    /** "Both inits end alike at d ≥ {@value #ALIKE_FROM}": the paper's statement. */
    public static final int ALIKE_FROM = 16;
    /** ... "within {@value #ALIKE_WITHIN}" nats. */
    public static final double ALIKE_WITHIN = 0.1;
    /**
     * A run whose final training MSE is above this did not fit its training set at all (predicting zero scores 1; the
     * nets that train end at 0–0.3): its ρ describes no solution, so its seed is left out of the ρ tests and named.
     */
    public static final double NOT_FIT = 0.5;

    /**
     * The experiment: {@code width}×{@code width} deep linear nets of every depth and init, full-batch GD on
     * {@code task} for {@code steps} steps on seeds 0 … seeds−1 (a seed draws target, data and init, so runs of one seed
     * pair across depths and inits). The rate of each (init, depth) is the best of {@code lrGrid} after
     * {@code steps / 4} steps, scored by its worst training loss over the held-out seeds {@code sweepSeed} …
     * {@code sweepSeed + sweepSeeds − 1} ({@link LrSweep#pick}: grid extended at an edge, all-diverged fails loudly).
     */
    public record Setup(TaskSpec task, int width, int[] depths, List<NetConfig.Init> inits, int seeds, int steps,
                        double[] lrGrid, long sweepSeed, int sweepSeeds) {
        public Setup {
            if (task == null) throw new IllegalArgumentException("task must not be null");
            if (width != task.inputDim() || width != task.outputDim())
                throw new IllegalArgumentException("width = " + width + "; allowed: the task's input and output size " + task.inputDim() + "/" + task.outputDim());
            if (depths == null || depths.length < 1)
                throw new IllegalArgumentException("depths = " + Arrays.toString(depths) + "; allowed: >= 1 increasing depths");
            for (int i = 0; i < depths.length; i++)
                if (depths[i] < 1 || (i > 0 && depths[i] <= depths[i - 1]))
                    throw new IllegalArgumentException("depths = " + Arrays.toString(depths) + "; allowed: increasing depths >= 1");
            if (inits == null || inits.isEmpty()) throw new IllegalArgumentException("inits is empty; allowed: >= 1 init");
            LowRankTargets.checkSizes(seeds, steps, lrGrid, sweepSeed, sweepSeeds);   // the same sweep sizes as 07's setups
            depths = depths.clone();
            lrGrid = lrGrid.clone();
            inits = List.copyOf(inits);
        }

        /** The notebook's quick scale: depths 1–32, 5 seeds, 3000 steps, the rate from 5 held-out seeds. */
        public static Setup quick() {
            return new Setup(TASK, 16, new int[] {1, 4, 8, 16, 32}, INITS, 5, 3000, LR_GRID, SWEEP_SEED, 5);
        }

        /** The paper's sizes: depths 1, 4, …, 32, 5 seeds, 20000 steps. */
        public static Setup paper() {
            return new Setup(TASK, 16, new int[] {1, 4, 8, 12, 16, 20, 24, 28, 32}, INITS, 5, 20000, LR_GRID, SWEEP_SEED, 5);
        }

        /** The same experiment with other sizes (the task, grid and held-out sweep seeds kept). */
        public Setup withSizes(int[] depths, int seeds, int steps, int sweepSeeds) {
            return new Setup(task, width, depths, inits, seeds, steps, lrGrid, sweepSeed, sweepSeeds);
        }

        /** Steps of a sweep run. */
        public int sweepSteps() {
            return steps / SWEEP_FRACTION;
        }

        /** The run of one init and depth at rate {@code lr} on {@code seed}. */
        public RunSpec spec(NetConfig.Init init, int depth, double lr, long seed) {
            return new RunSpec(GROUP, task, NetConfig.linear(width, depth, init), new OptimizerSpec(Optimizer.SGD, lr), steps, TOLERANCE, seed, false);
        }

        /** Runs at the chosen rates: inits × depths × seeds. */
        public int runCount() {
            return inits.size() * depths.length * seeds;
        }

        /** One line: sizes, budget, grid and seeds. */
        public String describe() {
            return String.format(Locale.ROOT, "%d×%d deep linear nets, depths %s, inits %s; target rank %d, N_train = %d; full-batch GD,"
                            + " %d steps, %d seeds (0..%d); rate per (init, depth) from %s on held-out seeds %d..%d (%d steps each)",
                    width, width, Arrays.toString(depths), inits, task.rank(), task.nTrain(), steps, seeds, seeds - 1,
                    Arrays.toString(lrGrid), sweepSeed, sweepSeed + sweepSeeds - 1, sweepSteps());
        }
    }

    private static final TaskSpec TASK = new TaskSpec(16, 16, 8, TaskSpec.Spectrum.EQUAL, 12, 256, 0);
    private static final List<NetConfig.Init> INITS = List.of(NetConfig.Init.DEFAULT, NetConfig.Init.LOW_RANK);
    private static final double[] LR_GRID = {0.05, 0.2, 0.8};


    /**
     * Tunes the rate per (init, depth) on the held-out seeds, then trains every init, depth and seed in one parallel
     * sweep through {@code runner}; each choice and the rates the runs used go to {@code log}.
     */
    public static TunedRuns run(Runner runner, Setup s, Consumer<String> log) {
        List<RunSpec> templates = new ArrayList<>();
        for (NetConfig.Init init : s.inits()) for (int d : s.depths()) templates.add(s.spec(init, d, s.lrGrid()[0], s.sweepSeed()));
        log.accept("Learning-rate sweep: worst final train MSE over the held-out seeds " + s.sweepSeed() + ".." + (s.sweepSeed() + s.sweepSeeds() - 1)
                + " after " + s.sweepSteps() + " steps, chosen rate in brackets (a best rate at an edge extends the grid):");
        List<LrSweep.Choice> choices = LrSweep.pick(runner, templates, s.lrGrid(), s.sweepSteps(), s.sweepSeeds());
        for (LrSweep.Choice c : choices) log.accept("  " + c.describe());
        List<LrSweep.Tuned> tuned = LrSweep.train(runner, choices, GROUP, s.steps(), s.seeds());
        log.accept("Rate used by the runs on seeds 0.." + (s.seeds() - 1) + " (lower than chosen where a run diverged and was restarted at half the rate):");
        for (LrSweep.Tuned t : tuned) log.accept("  " + t.ratesUsed());
        return new TunedRuns(LrSweep.Tuned.all(tuned), tuned);
    }

    /** The runs of one init. */
    public static Predicate<RunResult> of(NetConfig.Init init) {
        return r -> r.group().equals(GROUP) && r.init().equals(init.name());
    }

    /** {@code f} of the runs of {@code init} at {@code depth}, in seed order (runs of other groups ignored). */
    public static double[] perSeed(List<RunResult> runs, NetConfig.Init init, int depth, ToDoubleFunction<RunResult> f) {
        return PairedDepths.perSeed(runs, of(init), depth, f);
    }

    /** The depths of the runs (group {@value #GROUP}), ascending. */
    public static int[] depths(List<RunResult> runs) {
        return runs.stream().filter(r -> r.group().equals(GROUP)).mapToInt(RunResult::depth).distinct().sorted().toArray();
    }

    /**
     * The rate the runs of each (init, depth) used, from the runs themselves (so it works on a loaded CSV), e.g.
     * {@code "LOW_RANK d=16: 0.0500 ×5"}.
     */
    public static List<String> ratesUsed(List<RunResult> runs) {
        List<String> out = new ArrayList<>();
        for (NetConfig.Init init : NetConfig.Init.values())
            for (int d : depths(runs)) {
                List<RunResult> rs = runs.stream().filter(r -> of(init).test(r) && r.depth() == d).toList();
                if (rs.isEmpty()) continue;
                Map<Double, Long> used = rs.stream().collect(Collectors.groupingBy(RunResult::lr, LinkedHashMap::new, Collectors.counting()));
                out.add(init + " d=" + d + ": " + used.entrySet().stream().map(e -> String.format(Locale.ROOT, "%.3g ×%d", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
            }
        return out;
    }

    /**
     * The runs of {@code group} without the seeds that have a run that did not fit (train MSE above {@value #NOT_FIT},
     * or NaN): the ρ tests pair runs by seed, so such a seed leaves every depth and arm of the test, and
     * {@link #notFitNote} names it.
     */
    public static List<RunResult> fitting(List<RunResult> runs, String group) {
        java.util.Set<Long> bad = runs.stream().filter(r -> r.group().equals(group) && !(r.trainLoss() <= NOT_FIT)).map(RunResult::seed)
                .collect(Collectors.toSet());
        return runs.stream().filter(r -> r.group().equals(group) && !bad.contains(r.seed())).toList();
    }

    /**
     * A note naming every run that did not fit (train MSE above {@value #NOT_FIT}) and, if {@code leftOut}, that its seed
     * is left out of the ρ tests.
     */
    public static ReportLine notFitNote(List<RunResult> runs, String label, boolean leftOut) {
        List<RunResult> bad = runs.stream().filter(r -> !(r.trainLoss() <= NOT_FIT)).toList();
        return ReportLine.finding(label + ": runs that did not fit (train MSE > " + NOT_FIT + ")" + (leftOut ? ", their seeds left out of the rho tests" : ", kept in every test"),
                bad.isEmpty() ? "none"
                : bad.stream().map(r -> String.format(Locale.ROOT, "%s%s d=%d seed %d: train MSE %.3f, rho %.3f, lr %.3g", r.init(),
                        r.targetRank() > 0 ? " r=" + r.targetRank() : "", r.depth(), r.seed(), r.trainLoss(), r.rhoFinal(), r.lr()))
                        .collect(Collectors.joining("; ")));
    }

    /**
     * Per depth, the paired difference default − low-rank of the final ρ.
     *
     * @param depth the depth
     * @param gap   per-seed ρ_final(default) − ρ_final(low-rank): mean and 95% t-interval
     */
    public record Gap(int depth, Stats.MeanCi gap) {
        /** Whether the interval lies inside ±{@code within}. */
        public boolean within(double within) {
            return gap.lo() > -within && gap.hi() < within;
        }
    }

    /**
     * The analysis of C5 on the runs (group {@value #GROUP}) of both inits.
     *
     * @param depths        the depths, ascending (the first is the reference of the depth tests)
     * @param fall          "final ρ at depth d below the first depth's", one-sided paired, per init (arm = init name)
     *                      and depth, Holm across both inits × depths
     * @param steps         consecutive depths, two-sided paired, Holm across both inits' steps
     * @param gaps          default − low-rank per depth ≥ {@value #ALIKE_FROM}
     * @param trainSlope    {slope, two-sided p} of the default init's train MSE on depth, over runs
     * @param pTrainDeepest one-sided paired p of "train MSE at the deepest depth above the first depth's" (default init)
     */
    public record Analysis(int[] depths, List<PairedDepths.Comparison> fall, List<PairedDepths.Step> steps, List<Gap> gaps,
                           double[] trainSlope, double pTrainDeepest, List<ReportLine> lines) {
        public Analysis {
            depths = depths.clone();
            fall = List.copyOf(fall);
            steps = List.copyOf(steps);
            gaps = List.copyOf(gaps);
            trainSlope = trainSlope.clone();
            lines = List.copyOf(lines);
        }
    }

    /**
     * C5's checks and findings (runs of other groups, e.g. a loaded CSV's {@code lr-c5}, are ignored). A seed with a run
     * that did not fit ({@link #fitting}) is left out of the ρ tests and named in a note; the train-loss check keeps every
     * run.
     * <ul>
     *   <li>check: from the low-rank init (flat ρ in depth before training) the final ρ at every depth is below the
     *       first depth's (one-sided paired, Holm across both inits × depths): what training adds;</li>
     *   <li>finding: the same for the default init (not asserted: its init ρ falls with depth too), with a note of
     *       what training adds there (final − init);</li>
     *   <li>findings: final ρ non-increasing from each depth to the next, per init (every rise of the mean named);</li>
     *   <li>finding: at d ≥ {@value #ALIKE_FROM} both inits end within {@value #ALIKE_WITHIN} (the 95% interval of the
     *       paired difference inside ±{@value #ALIKE_WITHIN});</li>
     *   <li>check: the default init's train loss grows with depth (slope over runs, and the deepest depth above the
     *       first, one-sided paired);</li>
     *   <li>note: the low-rank init's rise at the first depth (certain by construction, so not tested).</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the runs lack an init, have fewer than two depths, or do not pair by seed
     */
    public static Analysis analyze(List<RunResult> allRuns) {
        List<RunResult> all = allRuns.stream().filter(r -> r.group().equals(GROUP)).toList();
        List<RunResult> runs = fitting(all, GROUP);
        int[] depths = depths(all);
        if (depths.length < 2) throw new IllegalArgumentException("runs have depths " + Arrays.toString(depths) + "; allowed: >= 2 depths of group " + GROUP);
        for (NetConfig.Init init : INITS)
            if (runs.stream().noneMatch(of(init))) throw new IllegalArgumentException("no runs of init " + init + "; allowed: runs of " + INITS);
        final NetConfig.Init low = NetConfig.Init.LOW_RANK, def = NetConfig.Init.DEFAULT;
        int d0 = depths[0], dMax = depths[depths.length - 1];
        Map<String, Predicate<RunResult>> arms = new LinkedHashMap<>();
        arms.put(low.name(), of(low));
        arms.put(def.name(), of(def));
        List<PairedDepths.Comparison> fall = PairedDepths.versusDepth(runs, arms, depths, d0, RunResult::rhoFinal, PairedDepths.Direction.BELOW);
        List<ReportLine> lines = new ArrayList<>();
        lines.add(notFitNote(all, "C5", true));

        double[] ri = Arrays.stream(depths).mapToDouble(d -> PairedDepths.mean(perSeed(runs, low, d, RunResult::rhoInit))).toArray();
        double lo = Arrays.stream(ri).min().getAsDouble(), hi = Arrays.stream(ri).max().getAsDouble();
        String initRho = hi - lo < 5e-4 ? String.format(Locale.ROOT, "%.3f at every depth", lo) : String.format(Locale.ROOT, "%.3f to %.3f", lo, hi);
        lines.add(ReportLine.check("C5: from the low-rank init (mean rho at init " + initRho + "), final rho at every depth d > " + d0 + " is below d = " + d0 + "'s",
                PairedDepths.allSignificant(fall, low.name()), PairedDepths.describe(fall, low.name())));
        lines.add(ReportLine.finding("C5: default init, final rho below d = " + d0 + "'s at every d > " + d0 + " (not asserted: init rho falls with depth too)",
                PairedDepths.allSignificant(fall, def.name()), PairedDepths.describe(fall, def.name())));
        lines.add(ReportLine.finding("C5: default init, what training adds (final - init rho, mean over seeds)", Arrays.stream(depths).mapToObj(d -> {
            double f = PairedDepths.mean(perSeed(runs, def, d, RunResult::rhoFinal)), s = PairedDepths.mean(perSeed(runs, def, d, RunResult::rhoInit));
            return String.format(Locale.ROOT, "d=%d: %.3f -> %.3f (%+.3f)", d, s, f, f - s);
        }).collect(Collectors.joining("; "))));

        List<PairedDepths.Step> steps = PairedDepths.steps(runs, arms, depths, RunResult::rhoFinal);
        for (String init : arms.keySet()) {
            List<String> rises = steps.stream().filter(s -> s.arm().equals(init) && s.rises()).map(PairedDepths.Step::describe).toList();
            lines.add(ReportLine.finding("C5: " + init + " init, final rho non-increasing from each depth to the next", rises.isEmpty(),
                    rises.isEmpty() ? "every consecutive mean falls" : "mean rises at " + String.join("; ", rises)));
        }

        List<Gap> gaps = new ArrayList<>();
        for (int d : depths) {
            if (d < ALIKE_FROM) continue;
            double[] a = perSeed(runs, def, d, RunResult::rhoFinal), b = perSeed(runs, low, d, RunResult::rhoFinal);
            if (a.length != b.length) throw new IllegalArgumentException("depth " + d + ": " + a.length + " default vs " + b.length + " low-rank runs; allowed: paired seeds");
            gaps.add(new Gap(d, Stats.meanCi95(IntStream.range(0, a.length).mapToDouble(k -> a[k] - b[k]).toArray())));
        }
        if (!gaps.isEmpty())
            lines.add(ReportLine.finding("C5: at d >= " + ALIKE_FROM + " both inits end within " + ALIKE_WITHIN + " of each other (95% interval of the paired difference)",
                    gaps.stream().allMatch(g -> g.within(ALIKE_WITHIN)), gaps.stream().map(g -> String.format(Locale.ROOT,
                            "d=%d: default - low-rank %+.3f, 95%% CI [%+.3f, %+.3f]", g.depth(), g.gap().mean(), g.gap().lo(), g.gap().hi()))
                            .collect(Collectors.joining("; "))));

        double[] slTr = Summary.slope(all, of(def), RunResult::depth, RunResult::trainLoss);
        double[] deep = perSeed(all, def, dMax, RunResult::trainLoss), shallow = perSeed(all, def, d0, RunResult::trainLoss);
        double pTr = deep.length >= 2 && deep.length == shallow.length ? Stats.pairedGreater(deep, shallow) : Double.NaN;
        lines.add(ReportLine.check("C5: train loss grows with depth (default init)", slTr[0] > 0 && slTr[1] < PairedDepths.ALPHA && pTr < PairedDepths.ALPHA,
                String.format(Locale.ROOT, "slope %.2e/layer (p=%.2g); d=%d %s vs d=%d %s (one-sided paired p=%.2g)", slTr[0], slTr[1], dMax,
                        Stats.meanCi95(deep), d0, Stats.meanCi95(shallow), pTr)));
        lines.add(ReportLine.finding("C5: not tested (certain by construction): rise from the rank-4 low-rank init",
                String.format(Locale.ROOT, "rho %.3f at init -> %s after training at d=%d (target rho %.3f)",
                        PairedDepths.mean(perSeed(runs, low, d0, RunResult::rhoInit)), Stats.meanCi95(perSeed(runs, low, d0, RunResult::rhoFinal)), d0,
                        PairedDepths.mean(perSeed(runs, low, d0, RunResult::rhoTarget)))));
        return new Analysis(depths, fall, steps, gaps, slTr, pTr, lines);
    }
}
