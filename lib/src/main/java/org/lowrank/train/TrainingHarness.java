package org.lowrank.train;

import org.lowrank.random.Nd4jSeed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.experiment.FastMlp;
import org.lowrank.data.ResumableIterator;
import org.lowrank.random.Seeds;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training loop for DL4J classifiers ({@code MultiLayerNetwork} or {@code ComputationGraph}) with progress,
 * per-epoch evaluation (batch by batch), a results CSV, checkpoints every N iterations, exact resumption after a
 * kill, and a divergence stop.
 *
 * <p>Why a hand-written loop rather than {@code model.fit(iterator)} with DL4J's {@code CheckpointListener}:
 * resuming exactly needs the data iterator's position (epoch, batch) saved together with the model and updater,
 * and restored before the next step; the listener saves only the model. Saving uses DL4J's {@code ModelSerializer}
 * (with updater state) and evaluation DL4J's {@code Evaluation}.
 *
 * <p>Determinism: batches depend only on (seed, epoch, batch) ({@link ResumableIterator}); ND4J's RNG is
 * re-seeded from (seed, iteration) before every step. With single-threaded native code on CPU an interrupted
 * and resumed run ends with the same parameters as an uninterrupted one.
 */
public final class TrainingHarness {
    private final TrainConfig config;
    private final PrintStream out;
    private final java.util.function.BiConsumer<Model, EpochMetrics> epochHook;
    private final java.util.function.ToDoubleFunction<Model> testAccuracy;
    private final boolean trainAccuracyAtEndOnly;
    private final boolean fastMlp;

    /** A trainer printing to {@code System.out}. */
    public TrainingHarness(TrainConfig config) {
        this(config, System.out);
    }

    /** A trainer printing to {@code out}. */
    public TrainingHarness(TrainConfig config, PrintStream out) {
        this(config, out, null, null, false, false);
    }

    private TrainingHarness(TrainConfig config, PrintStream out, java.util.function.BiConsumer<Model, EpochMetrics> hook,
                            java.util.function.ToDoubleFunction<Model> testAccuracy, boolean trainAccuracyAtEndOnly,
                            boolean fastMlp) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        if (out == null) throw new IllegalArgumentException("out must not be null");
        this.config = config;
        this.out = out;
        this.epochHook = hook;
        this.testAccuracy = testAccuracy;
        this.trainAccuracyAtEndOnly = trainAccuracyAtEndOnly;
        this.fastMlp = fastMlp;
        if (fastMlp && config.checkpointDir() != null)
            throw new IllegalArgumentException("checkpointDir = " + config.checkpointDir() + " with the FastMlp trainer; allowed: none"
                    + " (its Adam moments are not in DL4J's updater state, so a checkpoint could not resume exactly)");
    }

    /**
     * A trainer that also calls {@code hook} after every epoch's evaluation (before its checkpoint), e.g. to record
     * the rank of embeddings. Epochs restored from a checkpoint are not replayed through the hook.
     */
    public TrainingHarness withEpochHook(java.util.function.BiConsumer<Model, EpochMetrics> hook) {
        return new TrainingHarness(config, out, hook, testAccuracy, trainAccuracyAtEndOnly, fastMlp);
    }

    /**
     * A trainer that measures test accuracy after every epoch with {@code accuracy} instead of evaluating the
     * {@code test} iterator given to {@link #fit} (which may then be null): for a caller that computes more from the
     * same forward pass over the test images (e.g. embeddings for the epoch hook, which runs after it).
     */
    public TrainingHarness withTestAccuracy(java.util.function.ToDoubleFunction<Model> accuracy) {
        if (accuracy == null) throw new IllegalArgumentException("accuracy must not be null");
        return new TrainingHarness(config, out, epochHook, accuracy, trainAccuracyAtEndOnly, fastMlp);
    }

    /**
     * A trainer that evaluates training accuracy only after the last epoch (NaN in the history before it), for runs
     * that report only the final value: the evaluation pass over the training images is skipped on earlier epochs.
     */
    public TrainingHarness withTrainAccuracyAtEndOnly() {
        return new TrainingHarness(config, out, epochHook, testAccuracy, true, fastMlp);
    }

    /**
     * A trainer whose steps run through {@link FastMlp} (the same model and update as DL4J's {@code fit}, without
     * {@code MultiLayerNetwork}'s per-op overhead; bench/README.md, entry {@code mlp}) for a dense
     * {@code MultiLayerNetwork} it supports; the parameters are copied back into the network before every evaluation,
     * epoch hook and at the end. Without checkpoints. The loss it checks for divergence is FastMlp's (DL4J's score);
     * the parameters are checked for NaN/∞ once per epoch instead of every step.
     */
    public TrainingHarness withFastMlp() {
        return new TrainingHarness(config, out, epochHook, testAccuracy, trainAccuracyAtEndOnly, true);
    }

    /** The settings. */
    public TrainConfig config() { return config; }

    /**
     * Trains {@code model} on {@code train} for {@code config.epochs()} epochs (continuing from a checkpoint if
     * configured and present), evaluating accuracy on {@code trainEval} and {@code test} after every epoch
     * (either may be null).
     *
     * @throws TrainingDivergedException if the loss becomes NaN/∞ or exceeds the divergence bound (the last
     *                                   checkpoint is left intact)
     * @throws UncheckedIOException      if a checkpoint or the CSV cannot be written or read
     */
    public TrainResult fit(Model model, ResumableIterator train, DataSetIterator trainEval, DataSetIterator test) {
        Nets.requireSupported(model);
        if (train == null) throw new IllegalArgumentException("train must not be null");
        long start = System.nanoTime();
        try {
            return run(model, train, trainEval, test, start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainResult run(Model model, ResumableIterator train, DataSetIterator trainEval, DataSetIterator test,
                            long start) throws IOException {
        int bpe = train.batchesPerEpoch();
        if (bpe == 0) throw new IllegalArgumentException("train has no batches per epoch");
        int logEvery = config.logEvery() > 0 ? config.logEvery() : Math.max(1, bpe / 5);
        Progress.Printer printer = new Progress.Printer(config.progress(), out, config.progress().intervalMillis(), logEvery);
        String tag = config.label().isEmpty() ? "" : "[" + config.label() + "] ";

        Checkpoint ckpt = config.checkpointDir() == null ? null : new Checkpoint(config.checkpointDir());
        Checkpoint.State st = new Checkpoint.State(0, 0, 0, config.seed(), 0, 0, Double.NaN, null);
        int resumedFrom = -1;
        if (ckpt != null && config.resume()) {
            Optional<Checkpoint.State> saved = ckpt.state();
            if (saved.isPresent()) {
                st = saved.get();
                if (st.seed() != config.seed()) {
                    throw new IllegalArgumentException("checkpoint in " + ckpt.dir() + " was made with seed " + st.seed()
                            + " but config.seed = " + config.seed() + "; use the same seed or another checkpointDir");
                }
                Model restored = ckpt.restore(st, model);
                if (restored.numParams() != model.numParams()) {
                    throw new IllegalArgumentException("checkpoint model has " + restored.numParams()
                            + " parameters, the given model " + model.numParams() + ": not the same architecture");
                }
                model = restored;
                resumedFrom = st.iteration();
                printer.line(tag + "resumed from checkpoint at epoch " + (st.epoch() + 1) + ", batch " + st.batchInEpoch()
                        + ", iteration " + st.iteration() + " (" + ckpt.dir() + ")");
            }
        }
        List<EpochMetrics> history = prepareCsv(resumedFrom >= 0 ? st.epoch() : -1);
        if (fastMlp && !(model instanceof MultiLayerNetwork))
            throw new IllegalArgumentException("model is a " + model.getClass().getSimpleName() + "; allowed with the FastMlp trainer: MultiLayerNetwork");
        try (FastMlp fast = fastMlp ? FastMlp.of((MultiLayerNetwork) model, train.batch()) : null) {
            return loop(model, fast, train, trainEval, test, start, ckpt, st, resumedFrom, history, bpe, printer, tag);
        }
    }

    private TrainResult loop(Model model, FastMlp fast, ResumableIterator train, DataSetIterator trainEval, DataSetIterator test,
                             long start, Checkpoint ckpt, Checkpoint.State st, int resumedFrom, List<EpochMetrics> history,
                             int bpe, Progress.Printer printer, String tag) throws IOException {

        int iter = st.iteration();
        double firstLoss = st.firstLoss();
        int sessionIters = 0;
        double sessionTrainSeconds = 0;
        for (int epoch = st.epoch(); epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            boolean continuing = epoch == st.epoch();
            Nets.setEpochCount(model, epoch);
            train.seek(epoch, continuing ? st.batchInEpoch() : 0);
            double lossSum = continuing ? st.lossSum() : 0;
            int lossCount = continuing ? st.lossCount() : 0;
            long examples = 0;
            long trainNanos = 0;
            while (train.hasNext()) {
                DataSet ds = train.next();
                long s0 = System.nanoTime();
                Nd4j.getRandom().setSeed(Nd4jSeed.of(Seeds.derive(config.seed(), iter)));   // ND4J does not reproduce seed 0
                double loss;
                if (fast != null) {
                    // as DL4J's fit, the minibatch in the network's data type
                    loss = fast.step(ds.getFeatures().castTo(fast.dataType()), ds.getLabels().castTo(fast.dataType()));
                } else {
                    Nets.fit(model, ds);
                    loss = model.score();
                }
                trainNanos += System.nanoTime() - s0;
                iter++;
                sessionIters++;
                // DL4J clips probabilities in its cross-entropy, so a diverged softmax net shows a large finite loss
                // rather than NaN: hence the factor test, and a check of the parameters themselves (FastMlp: at the
                // end of the epoch, after copying them back).
                if (fast != null && !train.hasNext()) fast.copyParamsTo((MultiLayerNetwork) model);
                boolean paramsFinite = (fast != null && train.hasNext()) || Double.isFinite(model.params().sumNumber().doubleValue());
                if (!Double.isFinite(loss) || !paramsFinite
                        || (Double.isFinite(firstLoss) && loss > config.divergenceFactor() * firstLoss)) {
                    String why = !Double.isFinite(loss) ? "loss is " + loss
                            : !paramsFinite ? "parameters contain NaN or infinity (loss " + loss + ")"
                            : String.format(Locale.ROOT, "loss %.4g exceeds %.0f x the first loss %.4g", loss, config.divergenceFactor(), firstLoss);
                    String msg = tag + "training diverged at epoch " + (epoch + 1) + ", iteration " + iter + ": " + why
                            + ". Run stopped" + (ckpt != null ? "; the last checkpoint in " + ckpt.dir() + " is intact" : "")
                            + ". Lower the learning rate or check the input normalisation.";
                    printer.line(msg);
                    throw new TrainingDivergedException(epoch, iter, loss, msg);
                }
                if (!Double.isFinite(firstLoss)) firstLoss = loss;
                lossSum += loss;
                lossCount++;
                examples += ds.numExamples();
                double secs = trainNanos / 1e9;
                double rate = examples / Math.max(secs, 1e-9);
                double perIter = (sessionTrainSeconds + secs) / sessionIters;
                long remaining = (long) (config.epochs() - epoch) * bpe - train.batchInEpoch();
                printer.iteration(String.format(Locale.ROOT, "%sepoch %d/%d  iter %d/%d  loss %.4f  %.0f ex/s  ETA %s",
                        tag, epoch + 1, config.epochs(), train.batchInEpoch(), bpe, loss, rate,
                        Progress.duration(remaining * perIter)), iter, !train.hasNext());
                if (ckpt != null && iter % config.checkpointEvery() == 0 && train.hasNext()) {
                    ckpt.save(model, new Checkpoint.State(epoch, train.batchInEpoch(), iter, config.seed(), lossSum,
                            lossCount, firstLoss, null));
                }
            }
            sessionTrainSeconds += trainNanos / 1e9;
            boolean lastEpoch = epoch + 1 == config.epochs();
            double trainAcc = trainEval == null || (trainAccuracyAtEndOnly && !lastEpoch) ? Double.NaN
                    : Nets.evaluate(model, trainEval).accuracy();
            double testAcc = testAccuracy != null ? testAccuracy.applyAsDouble(model)
                    : test == null ? Double.NaN : Nets.evaluate(model, test).accuracy();
            EpochMetrics m = new EpochMetrics(epoch + 1, iter, lossCount == 0 ? Double.NaN : lossSum / lossCount, trainAcc,
                    testAcc, Nets.learningRate(model), examples / Math.max(trainNanos / 1e9, 1e-9),
                    (System.nanoTime() - t0) / 1e9);
            history.add(m);
            appendCsv(m);
            if (epochHook != null) epochHook.accept(model, m);
            printer.epoch(String.format(Locale.ROOT, "%sepoch %d/%d  loss %.4f  train acc %.4f  test acc %.4f  lr %.3g  %.0f ex/s  %s",
                    tag, m.epoch(), config.epochs(), m.trainLoss(), m.trainAccuracy(), m.testAccuracy(), m.learningRate(),
                    m.examplesPerSecond(), Progress.duration(m.seconds())),
                    String.format(Locale.ROOT, "%strained %d epochs (%d iterations) in %s: loss %.4f, train acc %.4f, test acc %.4f, final lr %.3g",
                            tag, config.epochs(), iter, Progress.duration((System.nanoTime() - start) / 1e9), m.trainLoss(),
                            m.trainAccuracy(), m.testAccuracy(), m.learningRate()),
                    m.epoch() == config.epochs());
            if (ckpt != null) {
                ckpt.save(model, new Checkpoint.State(epoch + 1, 0, iter, config.seed(), 0, 0, firstLoss, null));
            }
        }
        Nets.setEpochCount(model, config.epochs());
        return new TrainResult(model, history, resumedFrom, (System.nanoTime() - start) / 1e9);
    }

    /** Accuracy of {@code model} on {@code it}, evaluated batch by batch. */
    public static Evaluation evaluate(Model model, DataSetIterator it) {
        Nets.requireSupported(model);
        return Nets.evaluate(model, it);
    }

    /**
     * Fresh run: (re)writes the header. Resumed run at epoch e (0-based): keeps the rows of epochs 1..e, dropping
     * any row written after the checkpoint (it will be produced again), and returns them.
     */
    private List<EpochMetrics> prepareCsv(int resumedEpoch) throws IOException {
        List<EpochMetrics> kept = new ArrayList<>();
        Path csv = config.resultsCsv();
        if (csv == null) return kept;
        if (csv.getParent() != null) Files.createDirectories(csv.getParent());
        if (resumedEpoch >= 0 && Files.isRegularFile(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("epoch")) continue;
                EpochMetrics m = EpochMetrics.parse(line);
                if (m.epoch() <= resumedEpoch) kept.add(m);
            }
        }
        StringBuilder sb = new StringBuilder(EpochMetrics.HEADER).append('\n');
        for (EpochMetrics m : kept) sb.append(m.toCsv()).append('\n');
        Path tmp = Files.createTempFile(csv.toAbsolutePath().getParent(), "results-", ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return kept;
    }

    private void appendCsv(EpochMetrics m) throws IOException {
        if (config.resultsCsv() == null) return;
        try (BufferedWriter w = Files.newBufferedWriter(config.resultsCsv(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(m.toCsv());
            w.newLine();
        }
    }
}
