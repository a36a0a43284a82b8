package org.lowrank.models;

import org.lowrank.random.Nd4jSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ResumableIterator;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.rank.RankMetrics;
import org.lowrank.train.EpochMetrics;
import org.lowrank.train.Progress;
import org.lowrank.train.TrainConfig;
import org.lowrank.train.TrainResult;
import org.lowrank.train.ParallelRuns;
import org.lowrank.train.TrainingHarness;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Fine-tuning a pretrained network, plainly or through <b>function-preserving expansion</b>: every convolution of
 * the pretrained graph is factorised into a depth-d linear chain whose product is the trained kernel
 * ({@link Expand#expand(ComputationGraph, ExpandOptions)}), the chain is fine-tuned, and collapsed back to the
 * original architecture ({@link Collapse#collapse(ComputationGraph)}). The official library cannot do this: its
 * {@code overparameterize} re-initialises every layer.
 *
 * <p>Works for any single-output DL4J {@code ComputationGraph} classifier (this lib's {@link ResNet}, a zoo ResNet50
 * loaded with {@link Pretrained}): the output layer is found from the configuration, replaced by a freshly
 * initialised one for the target classes (DL4J's {@code TransferLearning}), and its input vertex is the penultimate
 * embedding whose effective rank ρ(K) and singular-value spectrum are recorded after every epoch.
 */
public final class FineTuning {
    private FineTuning() { }

    /**
     * The fine-tuning recipe, the same for every depth.
     *
     * @param epochs      fine-tuning epochs
     * @param lr          learning rate (SGD with Nesterov momentum 0.9, constant)
     * @param weightDecay weight decay on weights
     * @param width       hidden-width factor of the expanded chains (1: h = nOut, enough for an exact factorisation)
     * @param progress    progress display of the training harness
     */
    public record Settings(int epochs, double lr, double weightDecay, double width, Progress progress) {
        /** Validates. */
        public Settings {
            if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + "; allowed: >= 1");
            if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr = " + lr + "; allowed: finite > 0");
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
                throw new IllegalArgumentException("weightDecay = " + weightDecay + "; allowed: finite >= 0");
            if (!(width >= 1) || Double.isInfinite(width)) throw new IllegalArgumentException("width = " + width + "; allowed: finite >= 1");
            if (progress == null) throw new IllegalArgumentException("progress is null; allowed: a Progress mode");
        }
    }

    /**
     * The target task's data.
     *
     * @param numClasses target classes
     * @param train      the training iterator for a run seed (shuffling and augmentation seeded by it)
     * @param trainEval  training images without augmentation (accuracy), or null
     * @param test       test images (accuracy)
     * @param probe      a fixed batch of test images, NCHW, for embeddings, ρ(K), spectra and equality checks
     * @param probeIsTestHead the probe is the first images of {@code test} in its order, so one pass over the test
     *                   images gives both the accuracy and the probe's embeddings
     */
    public record Data(int numClasses, LongFunction<ResumableIterator> train, DataSetIterator trainEval,
                       DataSetIterator test, INDArray probe, boolean probeIsTestHead) {
        /** Validates. */
        public Data {
            if (numClasses < 2) throw new IllegalArgumentException("numClasses = " + numClasses + "; allowed: >= 2");
            if (train == null || test == null || probe == null)
                throw new IllegalArgumentException("train, test and probe must not be null");
            if (probe.rank() != 4 || probe.size(0) < 2)
                throw new IllegalArgumentException("probe shape " + Arrays.toString(probe.shape()) + "; allowed: [N >= 2, c, h, w]");
        }

        /**
         * The same data with fresh evaluation iterators (over the same images, in the same order), for a run that
         * trains concurrently with others; null when an iterator is not an {@link ImageIterator} (its copy is not known).
         */
        Data copy() {
            if (!(test instanceof ImageIterator t) || (trainEval != null && !(trainEval instanceof ImageIterator))) return null;
            DataSetIterator te = trainEval == null ? null : new ImageIterator(((ImageIterator) trainEval).data(), ((ImageIterator) trainEval).config());
            return new Data(numClasses, train, te, new ImageIterator(t.data(), t.config()), probe, probeIsTestHead);
        }

        /** Data whose probe is not known to be the head of the test set (embeddings get their own pass). */
        public Data(int numClasses, LongFunction<ResumableIterator> train, DataSetIterator trainEval, DataSetIterator test, INDArray probe) {
            this(numClasses, train, trainEval, test, probe, false);
        }

        /**
         * Data from in-memory image sets: training batches of {@code batchSize} (shuffled per run seed, augmented),
         * evaluation in batches of {@code evalBatch}, the first {@code probeSize} test images as the probe.
         */
        public static Data of(ImageDataset train, ImageDataset test, int batchSize, int evalBatch, int probeSize,
                              Augmentation augmentation, Normalization normalization) {
            if (train.numClasses() != test.numClasses())
                throw new IllegalArgumentException("train has " + train.numClasses() + " classes, test " + test.numClasses());
            if (probeSize < 2 || probeSize > test.size())
                throw new IllegalArgumentException("probeSize = " + probeSize + "; allowed: 2.." + test.size());
            ImageIterator probeIt = new ImageIterator(test.head(probeSize), new ImageIterator.Config(probeSize, false, 0,
                    Augmentation.none(), normalization, false));
            INDArray probe = probeIt.next().getFeatures();
            return new Data(train.numClasses(),
                    seed -> new ImageIterator(train, ImageIterator.Config.training(batchSize, seed, augmentation, normalization)),
                    new ImageIterator(train, ImageIterator.Config.evaluation(evalBatch, normalization)),
                    new ImageIterator(test, ImageIterator.Config.evaluation(evalBatch, normalization)), probe, true);
        }
    }

    /**
     * One fine-tuning run.
     *
     * @param depth              1 = plain fine-tuning, d > 1 = every conv expanded to a depth-d chain
     * @param seed               run seed (new head, batch order, augmentation)
     * @param trainAccuracy      final accuracy on the training images (no augmentation)
     * @param testAccuracy       final test accuracy of the trained (expanded) network, on all test images
     * @param collapsedTestAccuracy test accuracy of the collapsed network (depth 1: the same network)
     * @param rhoK               ρ(K) of the penultimate probe embeddings after the last epoch (cosine kernel)
     * @param rhoCurve           ρ(K) before fine-tuning (index 0) and after every epoch
     * @param spectra            normalised singular values σ_i/σ_1 of the row-normalised probe embeddings, per epoch
     *                           (index 0: before fine-tuning)
     * @param preserveDifference max |output(expanded) − output(pretrained with new head)| on the probe before any step
     * @param collapseDifference max |output(expanded) − output(collapsed)| on the probe after fine-tuning
     * @param trainedParams      parameters trained
     * @param inferenceParams    parameters of the collapsed network
     * @param history            per-epoch metrics from the harness; when the probe is the test set's head
     *                           ({@link Data#probeIsTestHead()}), each epoch's test accuracy is on the probe images
     * @param seconds            wall time of the run
     * @param cpuSeconds         CPU seconds of the thread that ran it: its native work too when it runs in
     *                           {@link ParallelRuns} (one native thread), only the Java thread's share otherwise
     */
    public record Run(int depth, long seed, double trainAccuracy, double testAccuracy, double collapsedTestAccuracy,
                      double rhoK, double[] rhoCurve, double[][] spectra, double preserveDifference,
                      double collapseDifference, long trainedParams, long inferenceParams, List<EpochMetrics> history,
                      double seconds, double cpuSeconds) {
        /** Model name for tables. */
        public String model() { return depth == 1 ? "plain fine-tune" : "expanded d=" + depth; }
    }

    // ---------------------------------------------------------------- pretraining and head replacement

    /**
     * Trains {@code arch} from scratch on a source task (SGD with Nesterov momentum 0.9, LR constant, weight decay).
     */
    public static ComputationGraph pretrain(ResNet arch, int epochs, double lr, double weightDecay, long seed,
                                            ResumableIterator train, DataSetIterator test, Progress progress) {
        ComputationGraph g = arch.network(seed, new Nesterovs(lr, 0.9), weightDecay, DataType.FLOAT);
        TrainResult r = new TrainingHarness(TrainConfig.of(epochs, seed).withProgress(progress, 0).withLabel("pretrain"))
                .fit(g, train, null, test);
        return (ComputationGraph) r.model();
    }

    /** Name of the graph's single output layer. */
    public static String outputLayer(ComputationGraph g) {
        List<String> outs = g.getConfiguration().getNetworkOutputs();
        if (outs.size() != 1) throw new IllegalArgumentException("graph has outputs " + outs + "; allowed: exactly one");
        return outs.get(0);
    }

    /** Name of the vertex feeding the output layer: the penultimate embedding. */
    public static String embeddingVertex(ComputationGraph g) {
        List<String> in = g.getConfiguration().getVertexInputs().get(outputLayer(g));
        if (in == null || in.size() != 1)
            throw new IllegalArgumentException("output layer " + outputLayer(g) + " has inputs " + in + "; allowed: exactly one");
        return in.get(0);
    }

    /**
     * A copy of {@code pretrained} for fine-tuning: every layer keeps its trained parameters, the output layer is
     * replaced by a fresh one with {@code numClasses} outputs (Xavier, seeded), and every layer gets the recipe's
     * updater and weight decay (DL4J's {@code TransferLearning}).
     */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, int numClasses, Settings s, long seed) {
        Nd4j.getRandom().setSeed(Nd4jSeed.of(seed));   // ND4J does not reproduce seed 0
        FineTuneConfiguration.Builder ft = new FineTuneConfiguration.Builder().seed(Nd4jSeed.of(seed)).updater(new Nesterovs(s.lr(), 0.9));
        if (s.weightDecay() > 0) ft.weightDecay(s.weightDecay(), true);
        return new TransferLearning.GraphBuilder(pretrained).fineTuneConfiguration(ft.build())
                .nOutReplace(outputLayer(pretrained), numClasses, WeightInit.XAVIER).build();
    }

    /** Expansion used here: every convolution to a depth-{@code depth} chain ([k, 1, …, 1]), width {@code width}. */
    public static ExpandOptions expansion(int depth, double width) {
        return ExpandOptions.of(depth, width).withTarget(ExpandOptions.Target.CONV);
    }

    // ---------------------------------------------------------------- runs

    /**
     * Fine-tunes {@code pretrained} on {@code data}: new head, then function-preserving expansion of every convolution
     * to depth {@code depth} (depth 1 too: the plain model runs the same expanded layers with one factor each, so plain
     * and expanded share one code path), training with the harness, and collapse.
     */
    public static Run run(ComputationGraph pretrained, int depth, long seed, Settings s, Data data) {
        return run(pretrained, depth, seed, s, data, System.out);
    }

    /** {@link #run(ComputationGraph, int, long, Settings, Data)} printing its progress to {@code out}. */
    public static Run run(ComputationGraph pretrained, int depth, long seed, Settings s, Data data, java.io.PrintStream out) {
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        long t0 = System.nanoTime(), c0 = ParallelRuns.threadCpuNanos();
        ComputationGraph start = withNewHead(pretrained, data.numClasses(), s, seed);
        ComputationGraph model = start;
        double preserve = 0;
        model = Expand.expand(start, expansion(depth, s.width()));
        preserve = maxDifference(outputs(start, data.probe()), outputs(model, data.probe()));
        String emb = embeddingVertex(model);
        List<double[]> spectra = new ArrayList<>();
        List<Double> rho = new ArrayList<>();
        record(embeddings(model, emb, data.probe()), spectra, rho);
        String label = (depth == 1 ? "plain" : "expanded d=" + depth) + " seed " + seed;
        // Train accuracy is reported only at the end. When the probe is the head of the test set, each epoch's test
        // accuracy (the curve) and the probe's embeddings come from one pass over the probe images only, and the final
        // test accuracy from one pass over all test images after training (the evaluation passes cost as much as the
        // training).
        INDArray[] probeEmb = new INDArray[1];
        TrainingHarness h = new TrainingHarness(TrainConfig.of(s.epochs(), seed).withProgress(s.progress(), 0).withLabel(label), out)
                .withTrainAccuracyAtEndOnly()
                .withEpochHook((m, em) -> {
                    INDArray e = probeEmb[0] != null ? probeEmb[0] : embeddings((ComputationGraph) m, emb, data.probe());
                    probeEmb[0] = null;
                    record(e, spectra, rho);
                });
        if (data.probeIsTestHead()) {
            int n = (int) data.probe().size(0);
            h = h.withTestAccuracy(m -> probePass((ComputationGraph) m, emb, data.test(), n, probeEmb));
        }
        TrainResult r = h.fit(model, data.train().apply(seed), data.trainEval(), data.test());
        ComputationGraph trained = (ComputationGraph) r.model();
        EpochMetrics last = r.last();
        double testAcc = data.probeIsTestHead() ? TrainingHarness.evaluate(trained, data.test()).accuracy() : last.testAccuracy();
        ComputationGraph inference = Collapse.collapse(trained);
        double collapseDiff = maxDifference(outputs(trained, data.probe()), outputs(inference, data.probe()));
        double collapsedAcc = TrainingHarness.evaluate(inference, data.test()).accuracy();
        double[] rc = rho.stream().mapToDouble(Double::doubleValue).toArray();
        return new Run(depth, seed, last.trainAccuracy(), testAcc, collapsedAcc, rc[rc.length - 1], rc,
                spectra.toArray(new double[0][]), preserve, collapseDiff, trained.numParams(), inference.numParams(),
                r.history(), (System.nanoTime() - t0) / 1e9, (ParallelRuns.threadCpuNanos() - c0) / 1e9);
    }

    /**
     * All runs: for every seed, every depth (same seed = same new head and batch order across depths: paired), seed-major,
     * on {@link ParallelRuns#defaultWorkers()} concurrent runs.
     */
    public static List<Run> runAll(ComputationGraph pretrained, int[] depths, long[] seeds, Settings s, Data data) {
        return runAll(pretrained, depths, seeds, s, data, ParallelRuns.defaultWorkers());
    }

    /**
     * {@link #runAll(ComputationGraph, int[], long[], Settings, Data)} on {@code workers} concurrent runs
     * ({@link ParallelRuns}: each run on one native thread, so the results do not depend on {@code workers}; progress
     * lines in seed-major order). The runs share {@code pretrained} (read only: each copies it with a new head) and
     * {@code data}; each run gets its own training and evaluation iterators.
     */
    public static List<Run> runAll(ComputationGraph pretrained, int[] depths, long[] seeds, Settings s, Data data, int workers) {
        return runAll(pretrained, jobs(depths, seeds, s), data, workers);
    }

    /** One fine-tuning run to do: depth, seed and recipe. */
    public record Job(int depth, long seed, Settings settings) {
        /** Validates. */
        public Job {
            if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
            if (settings == null) throw new IllegalArgumentException("settings must not be null");
        }
    }

    /** The jobs of {@link #runAll(ComputationGraph, int[], long[], Settings, Data)}: for every seed, every depth. */
    public static List<Job> jobs(int[] depths, long[] seeds, Settings s) {
        List<Job> jobs = new ArrayList<>();
        for (long seed : seeds) for (int d : depths) jobs.add(new Job(d, seed, s));
        return jobs;
    }

    /**
     * Runs {@code jobs} (e.g. the runs of two recipes together, so that the cheap ones fill the workers while the
     * expensive ones finish) on {@code workers} concurrent runs ({@link ParallelRuns}: each run on one native thread,
     * so the results do not depend on {@code workers}; progress lines in job order). The runs share {@code pretrained}
     * (read only: each copies it with a new head) and {@code data}'s images; each run gets its own iterators.
     */
    public static List<Run> runAll(ComputationGraph pretrained, List<Job> jobs, Data data, int workers) {
        boolean copyable = data.copy() != null;   // otherwise the runs share the evaluation iterators: one at a time
        return ParallelRuns.map(jobs, copyable ? workers : 1, (Job j, java.io.PrintStream ps) ->
                run(pretrained, j.depth(), j.seed(), j.settings(), copyable ? data.copy() : data, ps));
    }

    /** {@link #runAll(ComputationGraph, List, Data, int)} on {@link ParallelRuns#defaultWorkers()} workers. */
    public static List<Run> runAll(ComputationGraph pretrained, List<Job> jobs, Data data) {
        return runAll(pretrained, jobs, data, ParallelRuns.defaultWorkers());
    }

    /**
     * The exact check in double precision: {@code pretrained} (with a new head) converted to FP64, expanded to
     * {@code depth}, then collapsed at once. Returns {max |expanded − original|, max |collapsed − expanded|} of the
     * softmax outputs on {@code probe}.
     */
    public static double[] exactCheck(ComputationGraph pretrained, int depth, double width, int numClasses, INDArray probe) {
        ComputationGraph d = withNewHead(pretrained, numClasses, new Settings(1, 0.01, 0, width, Progress.NONE), 1)
                .convertDataType(DataType.DOUBLE);
        INDArray x = probe.castTo(DataType.DOUBLE);
        ComputationGraph e = Expand.expand(d, expansion(depth, width));
        ComputationGraph c = Collapse.collapse(e);
        INDArray oe = outputs(e, x);
        return new double[]{maxDifference(outputs(d, x), oe), maxDifference(oe, outputs(c, x))};
    }

    // ---------------------------------------------------------------- embeddings

    /** Penultimate embeddings [N, m] of {@code x} (inference mode, in batches of 100). */
    public static INDArray embeddings(ComputationGraph g, String vertex, INDArray x) {
        // feedForward(x, i, train) stops after layers[i]; a vertex that is not a layer needs the full pass
        int idx = -1;
        org.deeplearning4j.nn.api.Layer[] layers = g.getLayers();
        for (int i = 0; i < layers.length; i++) if (vertex.equals(layers[i].conf().getLayer().getLayerName())) idx = i;
        List<INDArray> parts = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += 100) {
            INDArray b = x.get(NDArrayIndex.interval(i, Math.min(x.size(0), i + 100)), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            parts.add((idx >= 0 ? g.feedForward(b, idx, false) : g.feedForward(b, false)).get(vertex).detach());
        }
        INDArray e = Nd4j.vstack(parts.toArray(new INDArray[0]));
        return e.reshape(e.size(0), e.length() / e.size(0));
    }

    /** Normalised singular values σ_i/σ_1 of the row-normalised embeddings (double precision). */
    public static double[] normalizedSpectrum(INDArray emb) {
        INDArray e = emb.castTo(DataType.DOUBLE).dup();
        INDArray norms = e.norm2(1).reshape(e.rows(), 1).addi(1e-12);
        e.diviColumnVector(norms);
        double[] s = RankMetrics.singularValues(e);
        double top = s[0] > 0 ? s[0] : 1;
        for (int i = 0; i < s.length; i++) s[i] /= top;
        return s;
    }

    /**
     * One inference pass over {@code test}: returns the accuracy (DL4J {@code Evaluation}, as the harness computes
     * it) and stores in {@code probeEmb[0]} the {@code vertex} embeddings [n, m] of the first {@code n} images.
     */
    static double testPass(ComputationGraph g, String vertex, DataSetIterator test, int n, INDArray[] probeEmb) {
        return pass(g, vertex, test, n, probeEmb, false);
    }

    /**
     * One inference pass over the first {@code n} images of {@code test} (the probe, when it is the test set's head):
     * returns their accuracy and stores their {@code vertex} embeddings [n, m] in {@code probeEmb[0]}.
     */
    static double probePass(ComputationGraph g, String vertex, DataSetIterator test, int n, INDArray[] probeEmb) {
        return pass(g, vertex, test, n, probeEmb, true);
    }

    private static double pass(ComputationGraph g, String vertex, DataSetIterator test, int n, INDArray[] probeEmb, boolean probeOnly) {
        if (test instanceof ResumableIterator ri) ri.seek(0, 0);
        else test.reset();
        String out = outputLayer(g);
        org.nd4j.evaluation.classification.Evaluation ev = new org.nd4j.evaluation.classification.Evaluation();
        List<INDArray> parts = new ArrayList<>();
        long have = 0;
        while (test.hasNext() && (!probeOnly || have < n)) {
            org.nd4j.linalg.dataset.DataSet ds = test.next();
            java.util.Map<String, INDArray> acts = g.feedForward(ds.getFeatures(), false);
            long take = Math.min(n - have, ds.numExamples());
            if (probeOnly && take < ds.numExamples()) {   // the probe ends inside this batch: score its images only
                ev.eval(ds.getLabels().get(NDArrayIndex.interval(0, take), NDArrayIndex.all()),
                        acts.get(out).get(NDArrayIndex.interval(0, take), NDArrayIndex.all()));
            } else {
                ev.eval(ds.getLabels(), acts.get(out));
            }
            if (have < n) {
                INDArray e = acts.get(vertex);
                parts.add(e.get(NDArrayIndex.interval(0, take)).dup().detach());
                have += take;
            }
        }
        if (have < n) throw new IllegalArgumentException("test has " + have + " images, fewer than the probe's " + n);
        INDArray e = Nd4j.vstack(parts.toArray(new INDArray[0]));
        probeEmb[0] = e.reshape(e.size(0), e.length() / e.size(0));
        return ev.accuracy();
    }

    private static void record(INDArray e, List<double[]> spectra, List<Double> rho) {
        spectra.add(normalizedSpectrum(e));
        rho.add(RankMetrics.gramEffectiveRank(e.castTo(DataType.DOUBLE), true));
    }

    /** Softmax outputs on {@code x} in inference mode (batches of 100). */
    public static INDArray outputs(ComputationGraph g, INDArray x) {
        List<INDArray> parts = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += 100) {
            INDArray b = x.get(NDArrayIndex.interval(i, Math.min(x.size(0), i + 100)), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
            parts.add(g.outputSingle(false, b).detach());
        }
        return Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    // ---------------------------------------------------------------- data and statistics

    /**
     * The images of {@code classes} only, relabelled 0..k−1 in the given order (e.g. a source task of five
     * Fashion-MNIST classes and a target task of the other five).
     */
    public static ImageDataset classes(ImageDataset d, int... classes) {
        if (classes == null || classes.length < 2) throw new IllegalArgumentException("classes = " + Arrays.toString(classes) + "; allowed: >= 2 classes");
        int[] map = new int[d.numClasses()];
        Arrays.fill(map, -1);
        for (int i = 0; i < classes.length; i++) {
            int c = classes[i];
            if (c < 0 || c >= d.numClasses() || map[c] >= 0)
                throw new IllegalArgumentException("classes = " + Arrays.toString(classes) + "; allowed: distinct values in 0.." + (d.numClasses() - 1));
            map[c] = i;
        }
        int n = 0;
        for (int i = 0; i < d.size(); i++) if (map[d.label(i)] >= 0) n++;
        int per = d.imageSize(), hw = d.height() * d.width();
        byte[] px = new byte[n * per];
        int[] lb = new int[n];
        int k = 0;
        for (int i = 0; i < d.size(); i++) {
            int m = map[d.label(i)];
            if (m < 0) continue;
            for (int c = 0; c < d.channels(); c++)
                for (int y = 0; y < d.height(); y++)
                    for (int x = 0; x < d.width(); x++)
                        px[k * per + c * hw + y * d.width() + x] = (byte) d.pixel(i, c, y, x);
            lb[k++] = m;
        }
        return new ImageDataset(d.name() + Arrays.toString(classes), px, lb, classes.length, d.channels(), d.height(), d.width());
    }

    /** Values of {@code f} for the runs of {@code depth}, ordered by seed (so that depths pair up). */
    public static double[] values(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.depth() == depth).sorted((a, b) -> Long.compare(a.seed(), b.seed())).mapToDouble(f).toArray();
    }

    /** Mean of {@code f} over the runs of {@code depth}. */
    public static double mean(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        return Arrays.stream(values(runs, depth, f)).average().orElse(Double.NaN);
    }

    /** Sample standard deviation of {@code f} over the runs of {@code depth}. */
    public static double std(List<Run> runs, int depth, ToDoubleFunction<Run> f) {
        double[] v = values(runs, depth, f);
        return v.length < 2 ? Double.NaN : new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(v);
    }

    /** Two-sided paired t-test p-value (Commons Math) of {@code f} between depths {@code a} and {@code b}, paired by seed. */
    public static double pairedTTestP(List<Run> runs, int a, int b, ToDoubleFunction<Run> f) {
        return new TTest().pairedTTest(values(runs, a, f), values(runs, b, f));
    }

    /** Two-sided exact Wilcoxon signed-rank p-value (Commons Math), paired by seed. */
    public static double wilcoxonP(List<Run> runs, int a, int b, ToDoubleFunction<Run> f) {
        double[] x = values(runs, a, f), y = values(runs, b, f);
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, true);
    }

    /** Mean over the runs of {@code depth} of the per-epoch normalised spectra, as log10(σ_i/σ_1) clipped at −4. */
    public static double[][] meanLogSpectrum(List<Run> runs, int depth) {
        List<Run> rs = runs.stream().filter(r -> r.depth() == depth).toList();
        if (rs.isEmpty()) throw new IllegalArgumentException("no runs of depth " + depth);
        int epochs = rs.get(0).spectra().length, m = rs.get(0).spectra()[0].length;
        double[][] out = new double[epochs][m];
        for (Run r : rs)
            for (int e = 0; e < epochs; e++)
                for (int i = 0; i < m; i++) out[e][i] += Math.log10(Math.max(r.spectra()[e][i], 1e-4)) / rs.size();
        return out;
    }

    /** Per-epoch test accuracy of the runs of {@code depth}: {@code [epoch][run]}, runs in seed order (for error bars). */
    public static double[][] testAccuracyCurves(List<Run> runs, int depth) {
        List<Run> rs = bySeed(runs, depth);
        int n = rs.stream().mapToInt(r -> r.history().size()).min().orElse(0);
        double[][] c = new double[n][rs.size()];
        for (int e = 0; e < n; e++) for (int k = 0; k < rs.size(); k++) c[e][k] = rs.get(k).history().get(e).testAccuracy();
        return c;
    }

    /** ρ(K) of the runs of {@code depth}: {@code [epoch][run]}, row 0 before fine-tuning, runs in seed order. */
    public static double[][] rhoCurves(List<Run> runs, int depth) {
        List<Run> rs = bySeed(runs, depth);
        int n = rs.stream().mapToInt(r -> r.rhoCurve().length).min().orElse(0);
        double[][] c = new double[n][rs.size()];
        for (int e = 0; e < n; e++) for (int k = 0; k < rs.size(); k++) c[e][k] = rs.get(k).rhoCurve()[e];
        return c;
    }

    private static List<Run> bySeed(List<Run> runs, int depth) {
        List<Run> rs = runs.stream().filter(r -> r.depth() == depth).sorted((a, b) -> Long.compare(a.seed(), b.seed())).toList();
        if (rs.isEmpty()) throw new IllegalArgumentException("no runs of depth " + depth);
        return rs;
    }

    /** Mean ρ(K) curve (index 0 = before fine-tuning) over the runs of {@code depth}. */
    public static double[] meanRhoCurve(List<Run> runs, int depth) {
        List<Run> rs = runs.stream().filter(r -> r.depth() == depth).toList();
        double[] out = new double[rs.get(0).rhoCurve().length];
        for (Run r : rs) for (int i = 0; i < out.length; i++) out[i] += r.rhoCurve()[i] / rs.size();
        return out;
    }

    /** A text table of the runs. */
    public static String table(List<Run> runs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s | %4s | %9s | %8s | %14s | %6s | %11s | %11s | %14s | %16s | %5s%n",
                "model", "seed", "train acc", "test acc", "collapsed test", "rho(K)", "preserve", "collapse", "params trained",
                "params inference", "s"));
        for (Run r : runs)
            sb.append(String.format(Locale.ROOT, "%-16s | %4d | %9.3f | %8.3f | %14.3f | %6.3f | %11.1e | %11.1e | %14d | %16d | %5.0f%n",
                    r.model(), r.seed(), r.trainAccuracy(), r.testAccuracy(), r.collapsedTestAccuracy(), r.rhoK(),
                    r.preserveDifference(), r.collapseDifference(), r.trainedParams(), r.inferenceParams(), r.seconds()));
        return sb.toString();
    }
}
