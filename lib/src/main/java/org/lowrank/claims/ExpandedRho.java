package org.lowrank.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lowrank.optim.LrSearch;
import org.lowrank.train.ExpandExperiment;

/**
 * Notebook 08's question over seeds: does training lower the end-to-end ρ of an expanded layer more than a plain
 * layer's? An expanded chain already starts with lower ρ than a single layer (a product of random matrices, C2), so
 * "expanded ends lower" says nothing about training; what training adds is the change ρ_final − ρ_init, compared
 * expanded vs plain with a paired test (each seed gives both models the same data order and the same init seed).
 */
public final class ExpandedRho {
    private ExpandedRho() {}

    /**
     * The notebook's experiment at one scale, used by notebook 08 and by its sweep ({@code reproduce.ExpandedLayersSweep}).
     * Each model's Adam learning rate is chosen first, on a seed that is not an evaluation seed and on training images
     * held out from its training ({@link ExpandExperiment#validationAccuracy}): the best final validation accuracy over
     * {@code lrGrid}, extended (up to {@link #MAX_EXTENSIONS} rates) while the best is at an edge ({@link LrSearch});
     * a diverged trial is never chosen.
     *
     * @param base        the experiment (its seed is replaced by each of {@code seeds}, its rates by the search's)
     * @param seeds       the evaluation seeds, paired between plain and expanded
     * @param layer       the hidden layer whose ρ is tested
     * @param lrGrid      the learning rates tried first (at least two)
     * @param sweepSeed   the seed of the learning-rate trials (not one of {@code seeds})
     * @param nValidation training images held out for the trials (the last ones of the {@code nTrain})
     */
    public record Setup(ExpandExperiment base, long[] seeds, int layer, double[] lrGrid, long sweepSeed, int nValidation) {
        /** How many rates a search may add beyond its grid. */
        public static final int MAX_EXTENSIONS = 2;

        public Setup {
            if (seeds == null || seeds.length < 2)
                throw new IllegalArgumentException("seeds has " + (seeds == null ? 0 : seeds.length) + " values; allowed: >= 2");
            if (layer < 0 || layer >= base.hidden().length)
                throw new IllegalArgumentException("layer = " + layer + "; allowed: 0.." + (base.hidden().length - 1));
            if (lrGrid == null || lrGrid.length < 2)
                throw new IllegalArgumentException("lrGrid = " + java.util.Arrays.toString(lrGrid) + "; allowed: >= 2 rates");
            for (long s : seeds)
                if (s == sweepSeed) throw new IllegalArgumentException("sweepSeed = " + sweepSeed + " is an evaluation seed; allowed: another seed");
            if (nValidation < 1 || base.nTrain() - nValidation < base.batch())
                throw new IllegalArgumentException("nValidation = " + nValidation + "; allowed: 1.." + (base.nTrain() - base.batch()));
            seeds = seeds.clone();
            lrGrid = lrGrid.clone();
        }

        @Override
        public long[] seeds() {
            return seeds.clone();
        }

        @Override
        public double[] lrGrid() {
            return lrGrid.clone();
        }

        /**
         * Quick: hidden 128, 3,000 training images (600 of them held out for the rate trials) and 1,000 test images,
         * 6 epochs, 4 seeds; paper: hidden 256-256, all 60,000 (10,000 held out for the trials) and 10,000 images,
         * 30 epochs, 5 seeds. Both: depth 4, width 1, batch 64, Adam with rates from {3e-4, 1e-3, 3e-3} (trials on
         * seed 6), hidden layer 1.
         */
        public static Setup quick() {
            return new Setup(new ExpandExperiment(new int[] {128}, 4, 1.0, 6, 64, 1e-3, 1e-3, 3000, 1000, 1), new long[] {1, 2, 3, 4}, 0,
                    GRID, 6, 600);
        }

        /** The paper-scale sizes (see {@link #quick()}); a notebook picks with {@code SCALE.pick(Setup.quick(), Setup.paper())}. */
        public static Setup paper() {
            return new Setup(new ExpandExperiment(new int[] {256, 256}, 4, 1.0, 30, 64, 1e-3, 1e-3, 60000, 10000, 1),
                    new long[] {1, 2, 3, 4, 5}, 0, GRID, 6, 10000);
        }

        private static final double[] GRID = {3e-4, 1e-3, 3e-3};

        /** The experiment of one seed with the given rates (everything else as {@link #base}). */
        public ExpandExperiment withSeed(long seed, Rates rates) {
            return base.withSeed(seed).withLearningRates(rates.plain().lr(), rates.expanded().lr());
        }

        /** The validation accuracy of one rate trial (what a sweep cell stores). */
        public double trial(boolean expanded, double lr) {
            return base.withSeed(sweepSeed).withLearningRates(lr, lr).validationAccuracy(expanded, nValidation);
        }

        /**
         * Replays one model's rate search over the trials known so far ({@code known}: validation accuracy of a rate,
         * null when that trial has not run; NaN when it diverged).
         */
        public Replay replay(boolean expanded, java.util.function.DoubleFunction<Double> known) {
            LrSearch search = new LrSearch(expanded ? "expanded" : "plain", lrGrid, MAX_EXTENSIONS);
            while (!search.done()) {
                double[] pending = search.pending();
                double[] scores = new double[pending.length];
                for (int i = 0; i < pending.length; i++) {
                    Double acc = known.apply(pending[i]);
                    if (acc == null) return new Replay(null, pending);
                    scores[i] = 1 - acc;
                }
                search.record(scores);
            }
            return new Replay(search.result(), new double[0]);
        }

        /** Runs the rate trials (one at a time, in search order) and every seed, both models (as {@link ExpandedRho#train}). */
        public Trained train() {
            Rates rates = chooseRates();
            return ExpandedRho.train(this, rates);
        }

        /** Both models' rate searches, running the trials they need. */
        public Rates chooseRates() {
            LrSearch.Result[] out = new LrSearch.Result[2];
            for (boolean expanded : new boolean[] {false, true}) {
                java.util.Map<Double, Double> acc = new java.util.HashMap<>();
                Replay r;
                while ((r = replay(expanded, acc::get)).result() == null)
                    for (double lr : r.pending()) acc.put(lr, trial(expanded, lr));
                out[expanded ? 1 : 0] = r.result();
            }
            return new Rates(out[0], out[1]);
        }
    }

    /** One model's search replayed: its result once every trial it needs is known, else the rates still to try. */
    public record Replay(LrSearch.Result result, double[] pending) { }

    /** The two searches' outcomes (score = 1 − validation accuracy). */
    public record Rates(LrSearch.Result plain, LrSearch.Result expanded) {
        /** One line per model: the rates tried with their validation accuracy, the choice and whether it is interior. */
        public String table() {
            StringBuilder sb = new StringBuilder("Adam learning rate per model (validation accuracy of each trial; the best is chosen):\n");
            for (LrSearch.Result r : new LrSearch.Result[] {plain, expanded}) {
                sb.append(String.format(Locale.ROOT, "  %-9s", r.configuration()));
                for (LrSearch.Point p : r.points())
                    sb.append(String.format(Locale.ROOT, "  %.0e: %s", p.lr(), p.diverged() ? "diverged" : String.format(Locale.ROOT, "%.4f", 1 - p.score())));
                sb.append(String.format(Locale.ROOT, "  -> %.0e (%s)%n", r.lr(), r.interior() ? "interior" : r.note()));
            }
            return sb.toString();
        }
    }

    /**
     * One seed's numbers for hidden layer {@code layer}.
     *
     * @param seed             the experiment's seed
     * @param rhoPlain         ρ of the plain layer per epoch (index 0: at initialization)
     * @param rhoExpanded      ρ of the collapsed expanded layer per epoch
     * @param testAccPlain     final test accuracy, plain
     * @param testAccExpanded  final test accuracy, expanded
     * @param trainAccPlain    final train accuracy, plain
     * @param trainAccExpanded final train accuracy, expanded
     */
    public record Run(long seed, double[] rhoPlain, double[] rhoExpanded, double testAccPlain, double testAccExpanded,
                      double trainAccPlain, double trainAccExpanded) {
        public Run {
            if (rhoPlain.length < 2 || rhoPlain.length != rhoExpanded.length)
                throw new IllegalArgumentException("rhoPlain has " + rhoPlain.length + " epochs, rhoExpanded "
                        + rhoExpanded.length + "; allowed: the same number, >= 2 (init and at least one epoch)");
            rhoPlain = rhoPlain.clone();
            rhoExpanded = rhoExpanded.clone();
        }

        public double initPlain() { return rhoPlain[0]; }
        public double initExpanded() { return rhoExpanded[0]; }
        public double finalPlain() { return rhoPlain[rhoPlain.length - 1]; }
        public double finalExpanded() { return rhoExpanded[rhoExpanded.length - 1]; }
        /** ρ_final − ρ_init of the plain layer. */
        public double changePlain() { return finalPlain() - initPlain(); }
        /** ρ_final − ρ_init of the expanded layer. */
        public double changeExpanded() { return finalExpanded() - initExpanded(); }
    }

    /**
     * The runs and their paired tests (one-sided paired t, Commons Math through {@link Stats}).
     *
     * @param runs              one per seed
     * @param pInitLower        p for "expanded starts lower" (ρ_init expanded &lt; plain)
     * @param pFinalLower       p for "expanded ends lower"
     * @param pChangeLower      p for "training lowers ρ more for expanded" (change expanded &lt; change plain)
     * @param pTestAccDifferent two-sided p for "test accuracy differs" (expanded vs plain)
     */
    public record Result(List<Run> runs, double pInitLower, double pFinalLower, double pChangeLower,
                         double pTestAccDifferent) {
        public double[] initPlain() { return values(Run::initPlain); }
        public double[] initExpanded() { return values(Run::initExpanded); }
        public double[] finalPlain() { return values(Run::finalPlain); }
        public double[] finalExpanded() { return values(Run::finalExpanded); }
        public double[] changePlain() { return values(Run::changePlain); }
        public double[] changeExpanded() { return values(Run::changeExpanded); }
        public double[] testAccPlain() { return values(Run::testAccPlain); }
        public double[] testAccExpanded() { return values(Run::testAccExpanded); }

        /** ρ per epoch, one row per epoch and one value per seed: {@code [epoch][seed]}, plain or expanded. */
        public double[][] rhoByEpoch(boolean expanded) {
            int epochs = runs.get(0).rhoPlain().length;
            double[][] out = new double[epochs][runs.size()];
            for (int s = 0; s < runs.size(); s++)
                for (int e = 0; e < epochs; e++) out[e][s] = expanded ? runs.get(s).rhoExpanded()[e] : runs.get(s).rhoPlain()[e];
            return out;
        }

        /** "mean ± 95% half-width" of some per-seed values, 3 decimals. */
        public static String meanCi(double[] values) {
            Stats.MeanCi ci = Stats.meanCi95(values);
            return String.format(Locale.ROOT, "%.3f ± %.3f", ci.mean(), ci.halfWidth());
        }

        /**
         * Notebook 08's verdicts, in its order: the check (training lowers the expanded layer's ρ more, paired by seed,
         * one-sided p &lt; 0.01), the findings on ρ at init and after training, the C9 accuracy table (paper's numbers
         * beside ours) and the accuracy finding.
         */
        public List<ReportLine> lines() {
            List<ReportLine> out = new ArrayList<>();
            out.add(ReportLine.check("training lowers the expanded layer's rho more than the plain layer's (change final - init, paired by seed)",
                    pChangeLower < 0.01,
                    String.format(Locale.ROOT, "mean change expanded %s vs plain %s, %d seeds, one-sided paired t p = %.1e < 0.01",
                            meanCi(changeExpanded()), meanCi(changePlain()), runs.size(), pChangeLower)));
            out.add(ReportLine.finding("at initialization the expanded layer's rho is already lower (a product of random matrices, C2)",
                    pInitLower < 0.01, String.format(Locale.ROOT, "init expanded %s vs plain %s, one-sided paired t p = %.1e",
                            meanCi(initExpanded()), meanCi(initPlain()), pInitLower)));
            out.add(ReportLine.finding("after training the expanded layer's rho is lower", pFinalLower < 0.01,
                    String.format(Locale.ROOT, "final expanded %s vs plain %s, one-sided paired t p = %.1e",
                            meanCi(finalExpanded()), meanCi(finalPlain()), pFinalLower)));
            double dTest = java.util.Arrays.stream(testAccExpanded()).average().orElseThrow()
                    - java.util.Arrays.stream(testAccPlain()).average().orElseThrow();
            out.add(ReportLine.text(new ComparisonTable("C9 final accuracies (paper: CNN, dataset inferred CIFAR-100; ours: MLP, Fashion-MNIST subset, "
                    + runs.size() + " seeds)", "", "train original", "test original", "train expanded", "test expanded")
                    .row("paper (project page)", "0.92", "0.57", "0.88", "0.61")
                    .row("ours (mean ± 95% CI)", meanCi(values(Run::trainAccPlain)), meanCi(testAccPlain()),
                            meanCi(values(Run::trainAccExpanded)), meanCi(testAccExpanded())).toString()));
            out.add(ReportLine.finding("C9 accuracy pattern here: expanded test accuracy higher (paper: expanded train lower, test higher)",
                    dTest > 0 && pTestAccDifferent < 0.05,
                    String.format(Locale.ROOT, "test accuracy expanded - plain %+.3f, paired two-sided t p = %.2f, %d seeds", dTest,
                            pTestAccDifferent, runs.size())));
            return out;
        }

        private double[] values(java.util.function.ToDoubleFunction<Run> f) {
            return runs.stream().mapToDouble(f).toArray();
        }
    }

    /** Paired tests over the given runs (at least two seeds). */
    public static Result of(List<Run> runs) {
        if (runs == null || runs.size() < 2)
            throw new IllegalArgumentException("runs has " + (runs == null ? 0 : runs.size()) + " seeds; allowed: >= 2 for a paired test");
        int epochs = runs.get(0).rhoPlain().length;
        for (Run r : runs)
            if (r.rhoPlain().length != epochs)
                throw new IllegalArgumentException("seed " + r.seed() + " has " + r.rhoPlain().length + " epochs; allowed: "
                        + epochs + " like the first seed");
        Result shell = new Result(List.copyOf(runs), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Result(shell.runs(),
                Stats.pairedLess(shell.initExpanded(), shell.initPlain()),
                Stats.pairedLess(shell.finalExpanded(), shell.finalPlain()),
                Stats.pairedLess(shell.changeExpanded(), shell.changePlain()),
                Stats.pairedTwoSided(shell.testAccExpanded(), shell.testAccPlain()));
    }

    /** One seed's numbers for hidden layer {@code layer} from a finished experiment. */
    public static Run run(long seed, ExpandExperiment.Result r, int layer) {
        List<ExpandExperiment.Epoch> e = r.epochs();
        return new Run(seed, e.stream().mapToDouble(x -> x.rhoPlain()[layer]).toArray(),
                e.stream().mapToDouble(x -> x.rhoExpanded()[layer]).toArray(),
                r.last().testAccPlain(), r.last().testAccExpanded(), r.last().trainAccPlain(), r.last().trainAccExpanded());
    }

    /** One seed's numbers for hidden layer {@code layer} from its two models trained apart ({@link ExpandExperiment#runArm}). */
    public static Run run(long seed, ExpandExperiment.Arm plain, ExpandExperiment.Arm expanded, int layer) {
        if (plain.expanded() || !expanded.expanded())
            throw new IllegalArgumentException("plain.expanded() = " + plain.expanded() + ", expanded.expanded() = " + expanded.expanded()
                    + "; allowed: false and true");
        return new Run(seed, java.util.Arrays.stream(plain.rho()).mapToDouble(r -> r[layer]).toArray(),
                java.util.Arrays.stream(expanded.rho()).mapToDouble(r -> r[layer]).toArray(),
                plain.testAcc()[plain.testAcc().length - 1], expanded.testAcc()[expanded.testAcc().length - 1],
                plain.trainAcc()[plain.trainAcc().length - 1], expanded.trainAcc()[expanded.trainAcc().length - 1]);
    }

    /**
     * Runs the setup's experiment once per seed at the given rates (the seed replaced, everything else equal) and tests
     * hidden layer {@code layer}. The experiment of the first seed is returned too, for the notebook's single-run
     * sections.
     */
    public static Trained train(Setup setup, Rates rates) {
        List<Run> runs = new ArrayList<>();
        ExpandExperiment.Result first = null;
        for (long seed : setup.seeds()) {
            ExpandExperiment.Result r = setup.withSeed(seed, rates).run();
            if (first == null) first = r;
            runs.add(run(seed, r, setup.layer()));
        }
        return new Trained(of(runs), first, rates);
    }

    /** The tests over seeds, the first seed's full experiment and the rate searches. */
    public record Trained(Result result, ExpandExperiment.Result first, Rates rates) { }
}
