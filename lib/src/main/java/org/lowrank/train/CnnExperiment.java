package org.lowrank.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.expand.Collapse;
import org.lowrank.optim.LrSearch;
import org.lowrank.rank.RankMetrics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Claim C9 (docs/reproduction-notes.md §3): a small CNN trained plain vs with every conv and dense layer expanded into a linear
 * chain of depth d, with the identical recipe; then collapsed. Reports train/test accuracy, the generalisation
 * gap, ρ(K) of the penultimate embeddings (cosine kernel on test images) per epoch, and checks that the collapsed
 * network has the plain architecture and the expanded network's test accuracy.
 */
public final class CnnExperiment {
    private CnnExperiment() {}

    /**
     * Settings shared by all runs (the "identical recipe").
     *
     * @param cnn             architecture
     * @param epochs          epochs (LR ×0.1 at 1/3 and 2/3 of the iterations)
     * @param batchSize       training batch
     * @param lr              initial learning rate (SGD, Nesterov momentum 0.9)
     * @param weightDecay     weight decay on all parameters
     * @param augmentation    training augmentation
     * @param evalBatch       evaluation batch (memory)
     * @param rhoSamples      test images whose embeddings give ρ(K) (N of docs/reproduction-notes.md pitfall 13)
     * @param outDir          per-run results CSV and checkpoints go here (null: none)
     * @param checkpointEvery iterations between checkpoints when {@code outDir} is set
     * @param progress        progress display
     */
    public record Settings(SmallCnn cnn, int epochs, int batchSize, double lr, double weightDecay,
                           Augmentation augmentation, int evalBatch, int rhoSamples, Path outDir, int checkpointEvery,
                           Progress progress) {
        /** Validates. */
        public Settings {
            if (cnn == null || augmentation == null || progress == null) throw new IllegalArgumentException("cnn, augmentation, progress must not be null");
            if (epochs <= 0 || batchSize <= 0 || evalBatch <= 0 || rhoSamples < 2 || checkpointEvery <= 0) {
                throw new IllegalArgumentException("epochs, batchSize, evalBatch, checkpointEvery must be > 0 and rhoSamples >= 2; got epochs="
                        + epochs + " batchSize=" + batchSize + " evalBatch=" + evalBatch + " rhoSamples=" + rhoSamples
                        + " checkpointEvery=" + checkpointEvery);
            }
            if (!(lr > 0) || weightDecay < 0) throw new IllegalArgumentException("lr must be > 0 and weightDecay >= 0, got " + lr + ", " + weightDecay);
        }

        /** Initial learning rate of {@link #of}: replaced per model by a sweep in notebook 09. */
        public static final double DEFAULT_LR = 0.05;
        /** Weight decay of {@link #of}: the usual CIFAR recipe's 5e-4. */
        public static final double DEFAULT_WEIGHT_DECAY = 5e-4;
        /** Evaluation batch of {@link #of}: bounds the memory of one forward pass. */
        public static final int DEFAULT_EVAL_BATCH = 250;
        /** Test images for ρ(K) in {@link #of}. */
        public static final int DEFAULT_RHO_SAMPLES = 500;
        /** Iterations between checkpoints in {@link #of} (used only with an output folder). */
        public static final int DEFAULT_CHECKPOINT_EVERY = 500;

        /**
         * Settings with the defaults: lr {@value #DEFAULT_LR}, weight decay {@value #DEFAULT_WEIGHT_DECAY}, no
         * augmentation, evaluation batch {@value #DEFAULT_EVAL_BATCH}, {@value #DEFAULT_RHO_SAMPLES} ρ samples, no
         * output folder, progress from {@link Progress#auto()}.
         */
        public static Settings of(SmallCnn cnn, int epochs, int batchSize) {
            return new Settings(cnn, epochs, batchSize, DEFAULT_LR, DEFAULT_WEIGHT_DECAY, Augmentation.none(),
                    DEFAULT_EVAL_BATCH, DEFAULT_RHO_SAMPLES, null, DEFAULT_CHECKPOINT_EVERY, Progress.auto());
        }

        /** The same settings with weight decay {@code wd}. */
        public Settings withWeightDecay(double wd) { return with(c -> c.weightDecay = wd); }

        /** The same settings with training augmentation {@code a}. */
        public Settings withAugmentation(Augmentation a) { return with(c -> c.augmentation = a); }

        /** The same settings with evaluation batch {@code n}. */
        public Settings withEvalBatch(int n) { return with(c -> c.evalBatch = n); }

        /** The same settings with {@code n} test images for ρ(K). */
        public Settings withRhoSamples(int n) { return with(c -> c.rhoSamples = n); }

        /** The same settings writing per-run CSVs and checkpoints (every {@code every} iterations) to {@code dir} (null: none). */
        public Settings withOutput(Path dir, int every) { return with(c -> { c.outDir = dir; c.checkpointEvery = every; }); }

        /** The same settings with progress display {@code p}. */
        public Settings withProgress(Progress p) { return with(c -> c.progress = p); }

        /** The same settings with initial learning rate {@code newLr}. */
        public Settings withLr(double newLr) { return with(c -> c.lr = newLr); }

        /** The same settings with {@code newEpochs} epochs (the LR drops stay at 1/3 and 2/3 of training). */
        public Settings withEpochs(int newEpochs) { return with(c -> c.epochs = newEpochs); }

        /** A copy with one change, validated by the canonical constructor. */
        private Settings with(java.util.function.Consumer<Draft> change) {
            Draft d = new Draft(this);
            change.accept(d);
            return new Settings(d.cnn, d.epochs, d.batchSize, d.lr, d.weightDecay, d.augmentation, d.evalBatch,
                    d.rhoSamples, d.outDir, d.checkpointEvery, d.progress);
        }

        /** The mutable draft behind the withX methods. */
        private static final class Draft {
            SmallCnn cnn;
            int epochs, batchSize, evalBatch, rhoSamples, checkpointEvery;
            double lr, weightDecay;
            Augmentation augmentation;
            Path outDir;
            Progress progress;

            Draft(Settings s) {
                cnn = s.cnn; epochs = s.epochs; batchSize = s.batchSize; lr = s.lr; weightDecay = s.weightDecay;
                augmentation = s.augmentation; evalBatch = s.evalBatch; rhoSamples = s.rhoSamples; outDir = s.outDir;
                checkpointEvery = s.checkpointEvery; progress = s.progress;
            }
        }
    }

    /**
     * One trained network.
     *
     * @param depth                   factors per layer (1: plain)
     * @param lr                      initial learning rate of this run
     * @param seed                    seed of initialisation, shuffling and augmentation
     * @param history                 per-epoch metrics
     * @param rhoPerEpoch             ρ(K) after each epoch trained in this session (NaN for epochs restored from a checkpoint)
     * @param rhoInit                 ρ(K) of the initialised network, before the first step
     * @param rhoK                    final ρ(K) of the penultimate embeddings (cosine kernel, {@code rhoSamples} test images)
     * @param collapsedTestAccuracy   test accuracy of the collapsed network (DL4J layers; for depth 1 the same
     *                                weights in DL4J's own layers)
     * @param maxOutputDifference     max |trained − collapsed| softmax output on the ρ samples
     * @param trainedParams           parameters trained (the factors' count; for depth 1 the plain count)
     * @param collapsedParams         parameters of the collapsed (inference) network
     * @param sameArchitectureAsPlain the collapsed network's layer types and parameter shapes equal the plain DL4J
     *                                network's ({@link SmallCnn#inferenceConfiguration})
     * @param seconds                 wall seconds of training and evaluation
     * @param cpuSeconds              CPU seconds of the thread that ran it: its native work too when it runs in
     *                                {@link ParallelRuns} (one native thread), only the Java thread's share otherwise
     */
    public record Run(int depth, double lr, long seed, List<EpochMetrics> history, double[] rhoPerEpoch, double rhoInit, double rhoK,
                      double collapsedTestAccuracy, double maxOutputDifference, long trainedParams, long collapsedParams,
                      boolean sameArchitectureAsPlain, double seconds, double cpuSeconds) {
        /** Final training accuracy (no augmentation). */
        public double trainAccuracy() { return history.get(history.size() - 1).trainAccuracy(); }
        /** Final test accuracy. */
        public double testAccuracy() { return history.get(history.size() - 1).testAccuracy(); }
        /** Generalisation gap, train − test accuracy. */
        public double gap() { return trainAccuracy() - testAccuracy(); }
        /** "plain" or "expanded d=…". */
        public String model() { return depth == 1 ? "plain" : "expanded d=" + depth; }
        /** What training changed in ρ(K): final − initial. */
        public double rhoChange() { return rhoK - rhoInit; }

        /** Numbers before the per-epoch block of {@link #flatten}. */
        private static final int HEAD = 13;
        /** Numbers per epoch in {@link #flatten}: the 8 of {@link EpochMetrics}, then ρ(K). */
        private static final int PER_EPOCH = 9;

        /**
         * The run as numbers (exact, for a results CSV): depth, lr, seed, ρ(K) at init, final ρ(K), collapsed test
         * accuracy, max output difference, trained and collapsed parameters, same architecture (1/0), seconds, CPU
         * seconds, epochs E; then per epoch the {@link EpochMetrics} fields in their order and that epoch's ρ(K).
         * {@link #of} reads it back.
         */
        public double[] flatten() {
            int epochs = history.size();
            double[] v = new double[HEAD + PER_EPOCH * epochs];
            double[] head = {depth, lr, seed, rhoInit, rhoK, collapsedTestAccuracy, maxOutputDifference, trainedParams,
                    collapsedParams, sameArchitectureAsPlain ? 1 : 0, seconds, cpuSeconds, epochs};
            System.arraycopy(head, 0, v, 0, HEAD);
            for (int e = 0, i = HEAD; e < epochs; e++) {
                EpochMetrics m = history.get(e);
                double[] row = {m.epoch(), m.iteration(), m.trainLoss(), m.trainAccuracy(), m.testAccuracy(), m.learningRate(),
                        m.examplesPerSecond(), m.seconds(), rhoPerEpoch[e]};
                System.arraycopy(row, 0, v, i, PER_EPOCH);
                i += PER_EPOCH;
            }
            return v;
        }

        /** The run whose {@link #flatten} is {@code values}. */
        public static Run of(double[] values) {
            if (values == null || values.length < HEAD + PER_EPOCH || (values.length - HEAD) % PER_EPOCH != 0
                    || values[HEAD - 1] != (values.length - HEAD) / PER_EPOCH) {
                throw new IllegalArgumentException("values has " + (values == null ? "no" : values.length) + " numbers; allowed: "
                        + HEAD + " + " + PER_EPOCH + " per epoch, the epoch count at index " + (HEAD - 1) + " (Run.flatten)");
            }
            int epochs = (values.length - HEAD) / PER_EPOCH;
            List<EpochMetrics> h = new ArrayList<>();
            double[] rho = new double[epochs];
            for (int e = 0, i = HEAD; e < epochs; e++, i += PER_EPOCH) {
                h.add(new EpochMetrics((int) values[i], (int) values[i + 1], values[i + 2], values[i + 3], values[i + 4],
                        values[i + 5], values[i + 6], values[i + 7]));
                rho[e] = values[i + 8];
            }
            return new Run((int) values[0], values[1], (long) values[2], List.copyOf(h), rho, values[3], values[4], values[5],
                    values[6], (long) values[7], (long) values[8], values[9] == 1, values[10], values[11]);
        }
    }

    /** Trains one network of {@code depth} with {@code seed} on {@code train}, evaluating on {@code trainEval} and {@code test}. */
    public static Run run(Settings s, ImageDataset train, ImageDataset trainEval, ImageDataset test, int depth, long seed) {
        return run(s, train, trainEval, test, depth, seed, System.out);
    }

    /** {@link #run(Settings, ImageDataset, ImageDataset, ImageDataset, int, long)} printing its progress to {@code out}. */
    public static Run run(Settings s, ImageDataset train, ImageDataset trainEval, ImageDataset test, int depth, long seed,
                          java.io.PrintStream out) {
        Normalization norm = Normalization.perChannel(train);
        ImageIterator it = new ImageIterator(train, ImageIterator.Config.training(s.batchSize(), seed, s.augmentation(), norm));
        ImageIterator trEval = new ImageIterator(trainEval, ImageIterator.Config.evaluation(s.evalBatch(), norm));
        ImageIterator teEval = new ImageIterator(test, ImageIterator.Config.evaluation(s.evalBatch(), norm));
        int nRho = Math.min(s.rhoSamples(), test.size());
        ImageIterator rhoIt = new ImageIterator(test.head(nRho), ImageIterator.Config.evaluation(s.evalBatch(), norm));
        int total = s.epochs() * it.batchesPerEpoch();
        MultiLayerNetwork net = s.cnn().network(depth, seed, s.lr(), s.weightDecay(), total);
        int layer = s.cnn().embeddingLayer();

        String tag = "d" + depth + "-s" + seed;
        TrainConfig cfg = TrainConfig.of(s.epochs(), seed).withProgress(s.progress(), 0)
                .withLabel((depth == 1 ? "plain" : "expanded d=" + depth) + " seed " + seed);
        Path rhoFile = null;
        if (s.outDir() != null) {
            cfg = cfg.withCheckpoints(s.outDir().resolve("checkpoint-" + tag), s.checkpointEvery())
                    .withResultsCsv(s.outDir().resolve("results-" + tag + ".csv"));
            rhoFile = s.outDir().resolve("rho-" + tag + ".csv");
        }
        TreeMap<Integer, Double> rhoByEpoch = readRho(rhoFile);
        Path rf = rhoFile;
        long t0 = System.nanoTime(), c0 = ParallelRuns.threadCpuNanos();
        // rho(K) before any step: the initial network is a function of the seed, so this holds for resumed runs too
        double rhoInit = rhoK(embeddings(net, layer, rhoIt));
        // The rho(K) images are the head of the test set: one inference pass per epoch gives the test accuracy and
        // their embeddings (the hook runs after it), instead of a second pass over the same images.
        INDArray[] probe = new INDArray[1];
        TrainResult r = new TrainingHarness(cfg, out)
                .withTestAccuracy(m -> testPass((MultiLayerNetwork) m, layer, teEval, nRho, probe))
                .withEpochHook((Model m, EpochMetrics em) -> {
                    double rho = rhoK(probe[0]);
                    rhoByEpoch.put(em.epoch(), rho);
                    appendRho(rf, em.epoch(), rho);
                }).fit(net, it, trEval, null);
        MultiLayerNetwork trained = (MultiLayerNetwork) r.model();
        double[] rhos = new double[r.history().size()];
        for (int e = 0; e < rhos.length; e++) rhos[e] = rhoByEpoch.getOrDefault(e + 1, Double.NaN);
        // the last epoch's value is the trained network's (recomputed only if it was not recorded, e.g. an old resume)
        double rhoK = rhos.length > 0 && rhoByEpoch.containsKey(rhos.length) ? rhos[rhos.length - 1]
                : rhoK(embeddings(trained, layer, rhoIt));

        // Every depth, the plain one (one factor per layer) included, is collapsed to DL4J's own layers and checked
        // against the inference architecture.
        MultiLayerNetwork plain = s.cnn().inferenceNetwork(seed, s.lr(), s.weightDecay(), total);
        MultiLayerNetwork collapsed = Collapse.collapse(trained);
        double[] collapsedAccAndDiff = collapsedPass(trained, collapsed, teEval, nRho);
        return new Run(depth, s.lr(), seed, r.history(), rhos, rhoInit, rhoK, collapsedAccAndDiff[0], collapsedAccAndDiff[1],
                trained.numParams(), collapsed.numParams(), sameArchitecture(collapsed, plain), (System.nanoTime() - t0) / 1e9,
                (ParallelRuns.threadCpuNanos() - c0) / 1e9);
    }

    /** All (depth, seed) combinations with the learning rate of {@code s}, seed-major, on {@link ParallelRuns#defaultWorkers()} workers. */
    public static List<Run> runAll(Settings s, ImageDataset train, ImageDataset trainEval, ImageDataset test, int[] depths, long[] seeds) {
        return runAll(s, train, trainEval, test, depths, seeds, d -> s.lr());
    }

    /**
     * All (depth, seed) combinations, seed-major, depth {@code d} trained with initial learning rate
     * {@code lrForDepth.applyAsDouble(d)} (e.g. {@link CnnLrSweep#bestLr}); everything else as in {@code s}; on
     * {@link ParallelRuns#defaultWorkers()} workers.
     */
    public static List<Run> runAll(Settings s, ImageDataset train, ImageDataset trainEval, ImageDataset test, int[] depths, long[] seeds,
                                   java.util.function.IntToDoubleFunction lrForDepth) {
        return runAll(s, train, trainEval, test, depths, seeds, lrForDepth, ParallelRuns.defaultWorkers());
    }

    /**
     * {@link #runAll(Settings, ImageDataset, ImageDataset, ImageDataset, int[], long[], java.util.function.IntToDoubleFunction)}
     * on {@code workers} concurrent runs ({@link ParallelRuns}: each run on one native thread, so the results do not
     * depend on {@code workers}; progress lines in seed-major order).
     */
    public static List<Run> runAll(Settings s, ImageDataset train, ImageDataset trainEval, ImageDataset test, int[] depths, long[] seeds,
                                   java.util.function.IntToDoubleFunction lrForDepth, int workers) {
        List<long[]> jobs = new ArrayList<>();
        for (long seed : seeds) for (int d : depths) jobs.add(new long[]{d, seed});
        return ParallelRuns.map(jobs, workers, (long[] j, java.io.PrintStream ps) ->
                run(s.withLr(lrForDepth.applyAsDouble((int) j[0])), train, trainEval, test, (int) j[0], j[1], ps));
    }

    /**
     * Learning-rate sweep (docs/reproduction-notes.md pitfall 10) with at most {@value LrSearch#DEFAULT_EXTENSIONS}
     * grid extensions per depth.
     */
    public static CnnLrSweep sweepLearningRates(Settings s, CnnLrSweep.Split split, int epochs, int[] depths, double[] lrs, long seed) {
        return sweepLearningRates(s, split, epochs, depths, lrs, seed, LrSearch.DEFAULT_EXTENSIONS);
    }

    /**
     * Learning-rate sweep (docs/reproduction-notes.md pitfall 10): for each depth, networks with {@code seed} are
     * trained for {@code epochs} epochs (LR drops at 1/3 and 2/3 of them, the recipe of {@code s} otherwise) on
     * {@code split.train()} at every rate of {@code lrs} (at least two) and scored by their accuracy on
     * {@code split.validation()} after the last epoch. The test set is never seen. A diverged run (see
     * {@link TrainingHarness}) scores NaN and is never picked. The rates are chosen and the grid extended by
     * {@link LrSearch}: a best rate at an edge adds the next rate beyond it, at most {@code maxExtensions} per depth.
     * Prints one line per trial when {@code s.progress()} shows steps ({@link Progress#LINES}, {@link Progress#IN_PLACE});
     * in a notebook ({@link Progress#NOTEBOOK}) the sweep's table is the record.
     */
    public static CnnLrSweep sweepLearningRates(Settings s, CnnLrSweep.Split split, int epochs, int[] depths, double[] lrs, long seed,
                                                int maxExtensions) {
        return sweepLearningRates(s, split, epochs, depths, lrs, seed, maxExtensions, ParallelRuns.defaultWorkers());
    }

    /**
     * {@link #sweepLearningRates(Settings, CnnLrSweep.Split, int, int[], double[], long, int)} on {@code workers}
     * concurrent trials ({@link ParallelRuns}; the scores do not depend on {@code workers}).
     */
    public static CnnLrSweep sweepLearningRates(Settings s, CnnLrSweep.Split split, int epochs, int[] depths, double[] lrs, long seed,
                                                int maxExtensions, int workers) {
        if (depths == null || depths.length == 0 || lrs == null || lrs.length == 0) {
            throw new IllegalArgumentException("depths and lrs must be non-empty, got " + Arrays.toString(depths) + " and " + Arrays.toString(lrs));
        }
        for (double lr : lrs) if (!(lr > 0)) throw new IllegalArgumentException("lrs must be > 0, got " + Arrays.toString(lrs));
        List<CnnLrSweep.Trial> trials = new ArrayList<>();
        // Every depth's pending rates of a round are independent trainings: they run concurrently (ParallelRuns: one
        // native thread each, so the scores do not depend on the number of workers), recorded in depth, rate order.
        java.util.LinkedHashMap<Integer, LrSearch> searches = new java.util.LinkedHashMap<>();
        for (int d : depths) searches.put(d, new LrSearch(CnnLrSweep.configuration(d), lrs, maxExtensions));
        while (searches.values().stream().anyMatch(x -> !x.done())) {
            List<double[]> jobs = new ArrayList<>();   // {depth, lr}
            for (var e : searches.entrySet()) if (!e.getValue().done()) for (double lr : e.getValue().pending()) jobs.add(new double[]{e.getKey(), lr});
            List<CnnLrSweep.Trial> done = ParallelRuns.map(jobs, workers, (double[] j) -> trial(s, split, epochs, (int) j[0], j[1], seed));
            int k = 0;
            for (var e : searches.entrySet()) {
                LrSearch search = e.getValue();
                if (search.done()) continue;
                double[] scores = new double[search.pending().length];
                for (int i = 0; i < scores.length; i++) {
                    CnnLrSweep.Trial t = done.get(k++);
                    trials.add(t);
                    scores[i] = t.diverged() ? Double.NaN : 1 - t.validationAccuracy();
                    if (s.progress().showsSteps()) System.out.println("LR sweep: " + t);
                }
                search.record(scores);
            }
        }
        return new CnnLrSweep(trials, epochs, split.train().size(), split.validation().size(), seed, lrs.length, maxExtensions);
    }

    /**
     * One trial of {@link #sweepLearningRates}: a network of {@code depth} with {@code seed} trained for {@code epochs}
     * epochs at initial rate {@code lr} on {@code split.train()} (the recipe of {@code s} otherwise, inputs normalised
     * by {@code split.train()}'s statistics), scored by its accuracy on {@code split.validation()} after the last
     * epoch; a run stopped by the divergence check is a diverged trial. The sweep and the medium-scale reproduce sweep
     * both train through this method.
     */
    public static CnnLrSweep.Trial trial(Settings s, CnnLrSweep.Split split, int epochs, int depth, double lr, long seed) {
        if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        Normalization norm = Normalization.perChannel(split.train());
        ImageIterator it = new ImageIterator(split.train(), ImageIterator.Config.training(s.batchSize(), seed, s.augmentation(), norm));
        ImageIterator v = new ImageIterator(split.validation(), ImageIterator.Config.evaluation(s.evalBatch(), norm));
        MultiLayerNetwork net = s.cnn().network(depth, seed, lr, s.weightDecay(), epochs * it.batchesPerEpoch());
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        long t0 = System.nanoTime();
        try {
            TrainResult r = new TrainingHarness(TrainConfig.of(epochs, seed).withProgress(Progress.NONE, 0), quiet).fit(net, it, null, v);
            return new CnnLrSweep.Trial(depth, lr, r.last().testAccuracy(), r.last().trainLoss(), false, (System.nanoTime() - t0) / 1e9);
        } catch (TrainingDivergedException e) {
            return new CnnLrSweep.Trial(depth, lr, Double.NaN, e.loss(), true, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Outputs of layer {@code layer} (the penultimate one: {@link SmallCnn#embeddingLayer()}) for the iterator's images, batch by batch. */
    public static INDArray embeddings(MultiLayerNetwork net, int layer, ImageIterator it) {
        it.seek(0, 0);
        List<INDArray> parts = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            List<INDArray> acts = net.feedForwardToLayer(layer, ds.getFeatures(), false);
            parts.add(acts.get(layer + 1).dup());
        }
        return Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    /**
     * ρ(K) of the cosine kernel of embeddings φ. Rows that are exactly zero (every ReLU of the penultimate layer off
     * for that input) have no direction; they are left out (they would add a zero row and column to K). NaN when
     * fewer than 2 non-zero rows remain.
     */
    public static double rhoK(INDArray phi) {
        INDArray norms = phi.norm2(1);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < norms.length(); i++) if (norms.getDouble(i) > 0) keep.add(i);
        if (keep.size() < 2) return Double.NaN;
        INDArray rows = keep.size() == phi.rows() ? phi
                : phi.getRows(keep.stream().mapToInt(Integer::intValue).toArray());
        return RankMetrics.gramEffectiveRank(rows, true);
    }

    /** Layer classes and parameter shapes equal (same inference architecture and parameter count). */
    public static boolean sameArchitecture(MultiLayerNetwork a, MultiLayerNetwork b) {
        if (a.getnLayers() != b.getnLayers() || a.numParams() != b.numParams()) return false;
        for (int i = 0; i < a.getnLayers(); i++) {
            var la = a.getLayerWiseConfigurations().getConf(i).getLayer();
            var lb = b.getLayerWiseConfigurations().getConf(i).getLayer();
            if (la.getClass() != lb.getClass()) return false;
            var pa = a.getLayer(i).paramTable();
            var pb = b.getLayer(i).paramTable();
            if (!pa.keySet().equals(pb.keySet())) return false;
            for (String k : pa.keySet()) if (!Arrays.equals(pa.get(k).shape(), pb.get(k).shape())) return false;
        }
        return true;
    }

    /**
     * One inference pass over {@code test}: the accuracy (DL4J {@code Evaluation} of the network's output, as the
     * harness computes it), and in {@code probe[0]} the outputs of {@code layer} for the first {@code n} images.
     */
    static double testPass(MultiLayerNetwork net, int layer, ImageIterator test, int n, INDArray[] probe) {
        test.seek(0, 0);
        org.nd4j.evaluation.classification.Evaluation ev = new org.nd4j.evaluation.classification.Evaluation();
        List<INDArray> parts = new ArrayList<>();
        long have = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            List<INDArray> acts = net.feedForward(ds.getFeatures(), false);
            ev.eval(ds.getLabels(), acts.get(acts.size() - 1));
            if (have < n) {
                INDArray e = acts.get(layer + 1);
                long take = Math.min(n - have, e.size(0));
                parts.add(e.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, take), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
                have += take;
            }
        }
        if (have < n) throw new IllegalArgumentException("test has " + have + " images, fewer than the " + n + " rho(K) samples");
        probe[0] = Nd4j.vstack(parts.toArray(new INDArray[0]));
        return ev.accuracy();
    }

    /**
     * One pass over {@code test}: {test accuracy of {@code collapsed}, max |softmax(expanded) − softmax(collapsed)|
     * over the first {@code n} images}.
     */
    private static double[] collapsedPass(MultiLayerNetwork expanded, MultiLayerNetwork collapsed, ImageIterator test, int n) {
        test.seek(0, 0);
        org.nd4j.evaluation.classification.Evaluation ev = new org.nd4j.evaluation.classification.Evaluation();
        double max = 0;
        long seen = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            INDArray x = ds.getFeatures(), oc = collapsed.output(x, false);
            ev.eval(ds.getLabels(), oc);
            if (seen < n) {
                long take = Math.min(n - seen, x.size(0));
                INDArray d = expanded.output(x, false).sub(oc).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, take),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                max = Math.max(max, Math.abs(d.amaxNumber().doubleValue()));
                seen += take;
            }
        }
        return new double[]{ev.accuracy(), max};
    }

    private static TreeMap<Integer, Double> readRho(Path f) {
        TreeMap<Integer, Double> m = new TreeMap<>();
        if (f == null || !Files.isRegularFile(f)) return m;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] p = line.split(",");
                if (p.length == 2 && !p[0].equals("epoch")) m.put(Integer.parseInt(p[0]), Double.parseDouble(p[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static void appendRho(Path f, int epoch, double rho) {
        if (f == null) return;
        try {
            Files.createDirectories(f.toAbsolutePath().getParent());
            Files.writeString(f, epoch + "," + rho + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
