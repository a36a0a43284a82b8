package org.lowrank.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.lowrank.experiment.DeepNet;
import org.lowrank.experiment.FastTrainer;
import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.OptimizerSpec;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.Task;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.random.Nonlinearity;
import org.lowrank.random.Seeds;

/**
 * Notebook 04's driver (C3): trained MLPs of several activations and depths, the learning rate tuned per activation and
 * depth, the per-activation test that ρ(K) falls with depth (paired by seed, Holm across activations), and one trained
 * network's kernel and classification.
 */
public final class TrainedEmbeddings {
    private TrainedEmbeddings() {}

    /** A run counts as converged at this training MSE. */
    public static final double TOLERANCE = 1e-6;
    /** Family-wise significance level of the per-activation tests. */
    public static final double ALPHA = 0.05;

    /**
     * The experiment: bias-free MLPs {@code task.inputDim → width → … → task.outputDim} with default init, trained by
     * full-batch Adam for {@code steps} steps on seeds 0 … seeds−1 (a seed draws the task's data and the init, so the
     * depths of one seed share their data). The rate of each (activation, depth) is the best of {@code lrGrid} after
     * {@code sweepSteps} steps on the held-out seeds {@code sweepSeed} … {@code sweepSeed + sweepSeeds − 1}, a rate
     * scoring its worst training loss over them, so that a rate at the edge of stability on one seed is not chosen for
     * all ({@link LrSweep}).
     */
    public record Setup(TaskSpec task, int width, int[] depths, List<Nonlinearity> activations, int seeds, int steps,
                        double[] lrGrid, int sweepSteps, long sweepSeed, int sweepSeeds) {
        public Setup {
            if (task == null) throw new IllegalArgumentException("task must not be null");
            if (width < 1) throw new IllegalArgumentException("width = " + width + "; allowed: >= 1");
            if (depths == null || depths.length < 2)
                throw new IllegalArgumentException("depths = " + Arrays.toString(depths) + "; allowed: >= 2 increasing depths");
            for (int i = 0; i < depths.length; i++)
                if (depths[i] < 1 || (i > 0 && depths[i] <= depths[i - 1]))
                    throw new IllegalArgumentException("depths = " + Arrays.toString(depths) + "; allowed: increasing depths >= 1");
            if (activations == null || activations.isEmpty())
                throw new IllegalArgumentException("activations is empty; allowed: >= 1 activation");
            if (seeds < 2) throw new IllegalArgumentException("seeds = " + seeds + "; allowed: >= 2 (the test needs two)");
            if (steps < 1) throw new IllegalArgumentException("steps = " + steps + "; allowed: >= 1");
            if (lrGrid == null || lrGrid.length < 2)
                throw new IllegalArgumentException("lrGrid = " + Arrays.toString(lrGrid) + "; allowed: >= 2 rates (a sweep)");
            if (sweepSteps < 1) throw new IllegalArgumentException("sweepSteps = " + sweepSteps + "; allowed: >= 1");
            if (sweepSeeds < 1) throw new IllegalArgumentException("sweepSeeds = " + sweepSeeds + "; allowed: >= 1");
            if (sweepSeed + sweepSeeds > 0 && sweepSeed < seeds)
                throw new IllegalArgumentException("sweepSeed = " + sweepSeed + " (with " + sweepSeeds + " sweep seeds) overlaps the run seeds 0.."
                        + (seeds - 1) + "; allowed: held-out seeds");
            depths = depths.clone();
            lrGrid = lrGrid.clone();
            activations = List.copyOf(activations);
        }

        /** The net of one activation and depth. */
        public NetConfig net(Nonlinearity a, int depth) {
            return new NetConfig(task.inputDim(), width, task.outputDim(), depth, a, NetConfig.Init.DEFAULT);
        }

        /** The run of one activation, depth, rate and seed. */
        public RunSpec spec(Nonlinearity a, int depth, double lr, long seed) {
            return new RunSpec("c3", task, net(a, depth), new OptimizerSpec(Optimizer.ADAM, lr), steps, TOLERANCE, seed, true);
        }

        /** How many runs at the chosen rates: activations × depths × seeds (the sweep's {@code lr-c3} runs not counted). */
        public int runs() {
            return activations.size() * depths.length * seeds;
        }

        /** One line: width, depths, activations, seeds, steps, the rate grid and the sweep. */
        public String describe() {
            return String.format(Locale.ROOT, "width %d, depths %s, %d activations, seeds 0..%d, %d Adam steps; rates %s swept for %d steps"
                            + " on held-out seeds %d..%d",
                    width, Arrays.toString(depths), activations.size(), seeds - 1, steps, Arrays.toString(lrGrid), sweepSteps,
                    sweepSeed, sweepSeed + sweepSeeds - 1);
        }
    }

    /**
     * The runs (order: activation, depth, seed) and, per (activation, depth), the sweep's choice with the runs trained
     * at it ({@link LrSweep.Tuned#ratesUsed()} says which rate they actually used).
     */
    public record Outcome(List<RunResult> runs, List<LrSweep.Tuned> tuned) {
        /** Copies. */
        public Outcome {
            runs = List.copyOf(runs);
            tuned = List.copyOf(tuned);
        }

        /** The runs of one activation. */
        public List<RunResult> of(Nonlinearity a) {
            return TrainedEmbeddings.of(runs, a);
        }

        /** The runs of one activation and depth. */
        public List<RunResult> of(Nonlinearity a, int depth) {
            return runs.stream().filter(r -> r.activation().equals(a.name()) && r.depth() == depth).toList();
        }

        /** The choice and runs of one activation and depth. */
        public LrSweep.Tuned tuned(Nonlinearity a, int depth) {
            return tuned.stream().filter(t -> t.choice().template().net().activation() == a && t.choice().template().net().depth() == depth)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no rate was chosen for " + a + " at depth " + depth));
        }

        /** The rate the sweep chose for one activation and depth. */
        public double lr(Nonlinearity a, int depth) {
            return tuned(a, depth).choice().lr();
        }
    }

    /**
     * Tunes the rate per (activation, depth) ({@link LrSweep#pick}, which extends the grid at an edge and fails loudly
     * when every rate diverges), then trains every activation, depth and seed in one parallel sweep. Each choice goes
     * to {@code log}.
     */
    public static Outcome run(Runner runner, Setup s, Consumer<String> log) {
        List<RunSpec> templates = new ArrayList<>();
        for (Nonlinearity a : s.activations())
            for (int d : s.depths()) templates.add(s.spec(a, d, s.lrGrid()[0], s.sweepSeed()));
        List<LrSweep.Choice> choices = LrSweep.pick(runner, templates, s.lrGrid(), s.sweepSteps(), s.sweepSeeds());
        for (LrSweep.Choice c : choices) log.accept("  " + c.describe());
        List<LrSweep.Tuned> tuned = LrSweep.train(runner, choices, "c3", s.steps(), s.seeds());
        return new Outcome(LrSweep.Tuned.all(tuned), tuned);
    }

    /**
     * The depth test of one activation.
     *
     * @param activation    the activation
     * @param depths        the depths
     * @param trained       ρ(K) after training per depth: mean, 95% t-interval, NaN count
     * @param init          ρ(K) at initialization per depth
     * @param drop          ρ(K) at the first depth minus at the last, per seed (seeds with a NaN at either end excluded)
     * @param slope         per-seed least-squares slope of ρ(K) on log₂(depth): change per doubling of depth
     * @param p             one-sided one-sample t-test p-value of "mean per-seed slope &lt; 0" (NaN with &lt; 2 seeds)
     * @param pHolm         {@code p} Holm-adjusted across the activations tested together
     * @param addedSlope    the same per-seed slope for ρ(K) after training minus ρ(K) at init: what training itself adds
     *                      to the depth trend (negative: training lowers ρ(K) more in deeper nets)
     * @param nanRuns       runs whose ρ(K) after training or at init is NaN (a zero embedding row, e.g. dead ReLU units)
     * @param seedsExcluded seeds left out of the slope test because one of their depths gave NaN
     */
    public record DepthTest(Nonlinearity activation, int[] depths, Stats.MeanCi[] trained, Stats.MeanCi[] init,
                            Stats.MeanCi drop, Stats.MeanCi slope, double p, double pHolm, Stats.MeanCi addedSlope,
                            int nanRuns, int seedsExcluded) {
        /** Whether ρ(K) falls with depth at family-wise level {@link #ALPHA}. */
        public boolean falls() {
            return pHolm < ALPHA && slope.mean() < 0;
        }

        /** One line: first and last depth, slope, p-values, NaN counts. */
        public String describe() {
            int last = depths.length - 1;
            return String.format(Locale.ROOT, "d=%d %s -> d=%d %s; slope %s per doubling, one-sided p=%.2g, Holm p=%.2g;"
                            + " %d NaN rho(K), %d seed(s) excluded",
                    depths[0], trained[0], depths[last], trained[last], slope, p, pHolm, nanRuns, seedsExcluded);
        }
    }

    /**
     * Per activation: is ρ(K) after training falling with depth? Each seed gives one least-squares slope of ρ(K) on
     * log₂(depth) over its depths (the depths of a seed share the task's data: a paired design); the slopes are tested
     * for mean &lt; 0 (one-sided t, via {@link Stats#pairedLess} against zero), and the p-values are Holm-adjusted across
     * {@code activations}. A seed with a NaN ρ(K) at any depth is excluded and counted, never silently dropped.
     */
    public static List<DepthTest> depthTests(Outcome o, List<Nonlinearity> activations, int[] depths) {
        return depthTests(o.runs(), activations, depths);
    }

    /**
     * {@link #depthTests(Outcome, List, int[])} on runs from any source, e.g. the group {@code c3} of a committed sweep
     * ({@code reproduce.SweepResults}): the runs of each activation are those whose {@link RunResult#activation()} is
     * its name. Every seed of an activation must have one run at every depth.
     */
    public static List<DepthTest> depthTests(List<RunResult> runs, List<Nonlinearity> activations, int[] depths) {
        if (runs == null) throw new IllegalArgumentException("runs must not be null");
        List<DepthTest> raw = new ArrayList<>();
        for (Nonlinearity a : activations) raw.add(depthTest(of(runs, a), a, depths));
        double[] ps = raw.stream().mapToDouble(t -> Double.isNaN(t.p()) ? 1.0 : t.p()).toArray();
        double[] holm = Stats.holm(ps);
        List<DepthTest> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            DepthTest t = raw.get(i);
            out.add(new DepthTest(t.activation(), t.depths(), t.trained(), t.init(), t.drop(), t.slope(), t.p(), holm[i],
                    t.addedSlope(), t.nanRuns(), t.seedsExcluded()));
        }
        return out;
    }

    private static DepthTest depthTest(List<RunResult> runs, Nonlinearity a, int[] depths) {
        long[] seeds = runs.stream().mapToLong(RunResult::seed).distinct().sorted().toArray();
        Stats.MeanCi[] trained = new Stats.MeanCi[depths.length], init = new Stats.MeanCi[depths.length];
        for (int i = 0; i < depths.length; i++) {
            trained[i] = Stats.meanCi95(valuesAt(runs, depths[i], RunResult::gramFinal));
            init[i] = Stats.meanCi95(valuesAt(runs, depths[i], RunResult::gramInit));
        }
        int nanRuns = (int) runs.stream().filter(r -> Double.isNaN(r.gramFinal()) || Double.isNaN(r.gramInit())).count();
        List<Double> slopes = new ArrayList<>(), added = new ArrayList<>(), drops = new ArrayList<>();
        int excluded = 0;
        for (long seed : seeds) {
            SimpleRegression reg = new SimpleRegression(), regAdded = new SimpleRegression();
            double first = Double.NaN, last = Double.NaN;
            boolean nan = false;
            for (int i = 0; i < depths.length; i++) {
                RunResult r = at(runs, seed, depths[i]);
                double v = r.gramFinal(), x = Math.log(depths[i]) / Math.log(2);
                if (Double.isNaN(v) || Double.isNaN(r.gramInit())) nan = true;
                else {
                    reg.addData(x, v);
                    regAdded.addData(x, v - r.gramInit());
                }
                if (i == 0) first = v;
                if (i == depths.length - 1) last = v;
            }
            if (!Double.isNaN(first) && !Double.isNaN(last)) drops.add(first - last);
            if (nan) excluded++;
            else {
                slopes.add(reg.getSlope());
                added.add(regAdded.getSlope());
            }
        }
        double[] sl = slopes.stream().mapToDouble(Double::doubleValue).toArray();
        double p = sl.length >= 2 ? Stats.pairedLess(sl, new double[sl.length]) : Double.NaN;
        return new DepthTest(a, depths.clone(), trained, init, meanCi(drops, seeds.length), meanCi(slopes, excluded), p, Double.NaN,
                meanCi(added, excluded), nanRuns, excluded);
    }

    private static Stats.MeanCi meanCi(List<Double> v, int missing) {
        return v.isEmpty() ? new Stats.MeanCi(Double.NaN, Double.NaN, Double.NaN, 0, missing)
                : Stats.meanCi95(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static RunResult at(List<RunResult> runs, long seed, int depth) {
        List<RunResult> v = runs.stream().filter(r -> r.seed() == seed && r.depth() == depth).toList();
        if (v.size() != 1)
            throw new IllegalArgumentException("expected one run at seed " + seed + ", depth " + depth + ", got " + v.size());
        return v.get(0);
    }

    /** The runs of one activation among {@code runs}. */
    public static List<RunResult> of(List<RunResult> runs, Nonlinearity a) {
        return runs.stream().filter(r -> r.activation().equals(a.name())).toList();
    }

    /** Values of {@code f} over the runs at {@code depth}, NaN included (for {@link Stats#meanCi95}, which counts them). */
    public static double[] valuesAt(List<RunResult> runs, int depth, ToDoubleFunction<RunResult> f) {
        return runs.stream().filter(r -> r.depth() == depth).mapToDouble(f).toArray();
    }

    /**
     * The range of the mean drops of ρ(K) from the first to the last depth over the tests, naming the activations at
     * both ends, e.g. {@code "0.31 (gelu) to 1.12 (siren)"}.
     */
    public static String dropRange(List<DepthTest> tests) {
        DepthTest lo = tests.stream().min(Comparator.comparingDouble(t -> t.drop().mean())).orElseThrow();
        DepthTest hi = tests.stream().max(Comparator.comparingDouble(t -> t.drop().mean())).orElseThrow();
        return String.format(Locale.ROOT, "%.2f (%s) to %.2f (%s)", lo.drop().mean(), lo.activation().name().toLowerCase(Locale.ROOT),
                hi.drop().mean(), hi.activation().name().toLowerCase(Locale.ROOT));
    }

    /** A trained network and its run's measurements. */
    public record Trained(DeepNet net, RunResult result) { }

    /**
     * Trains the network of {@code spec} on {@code task} (generated from {@code spec}'s task and seed), from the same
     * initial weights as {@link FastTrainer#run(RunSpec)}, and keeps the network.
     */
    public static Trained train(RunSpec spec, Task task) {
        DeepNet net = new DeepNet(spec.net(), Seeds.netInit(spec.seed()));
        RunResult r = FastTrainer.run(spec, task, net, System.nanoTime());
        return new Trained(net, r);
    }

    /**
     * The cosine kernel K[i][j] = cos(φ(x_i), φ(x_j)) of the penultimate embeddings of the test inputs, rows and
     * columns ordered by class (the CLUSTERS task gives input i class i mod classes), so that a low-rank kernel shows
     * as blocks.
     */
    public static double[][] sortedCosineKernel(DeepNet net, Task task) {
        int n = task.spec().nTest(), m = net.embeddingDim(), classes = task.spec().outputDim();
        double[] phi = net.embed(task.xTest(), n);
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> i % classes)).mapToInt(Integer::intValue).toArray();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double dot = 0, ni = 0, nj = 0;
                for (int c = 0; c < m; c++) {
                    double a = phi[order[i] * m + c], b = phi[order[j] * m + c];
                    dot += a * b;
                    ni += a * a;
                    nj += b * b;
                }
                k[i][j] = dot / Math.sqrt(ni * nj);
            }
        return k;
    }

    /** Test accuracy of a classifier on one-hot targets: the arg-max output against the label. */
    public static double testAccuracy(DeepNet net, Task task) {
        int n = task.spec().nTest(), classes = task.spec().outputDim();
        double[] out = net.forward(task.xTest(), n);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (out[i * classes + c] > out[i * classes + best]) best = c;
            if (task.yTest()[i * classes + best] == 1) ok++;
        }
        return ok / (double) n;
    }
}
