package org.lowrank.train;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.lowrank.data.Augmentation;
import org.lowrank.data.FashionMnist;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandedDense;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child JVM of {@link ReproducibilityTest}: runs short trainings and prints one fingerprint line per scenario
 * (SHA-256 of the parameters' and scores' bits, plus a few readable values). Every scenario runs twice in this
 * JVM, on the same thread (as in the notebook kernel, whose cells share one long-lived thread); the parent runs
 * this main in two fresh JVMs and requires all four lines of a scenario to be equal. oneDNN helpers are on, as in
 * notebook 09. Fashion-MNIST scenarios print "SKIP" lines when the dataset is not installed.
 */
public final class ReproducibilityChild {
    static final SmallCnn CNN = new SmallCnn(new int[]{4, 4, 8, 8}, 8, 8, 8, 1, 4, true);

    public static void main(String[] args) throws Exception {
        Expand.enableOneDnnHelpers();
        for (int rep = 0; rep < 2; rep++) {
            System.out.println(harness(1));
            System.out.println(harness(2));
            System.out.println(cnnExperiment());
            System.out.println(collapseWithSeedZero());
            System.out.println(expandExperiment());
            System.out.println(parallelRuns());
        }
        System.out.println("DONE");
    }

    /** SmallCnn (batch norm) + TrainingHarness, 2 epochs of 8 batches with augmentation. */
    static String harness(int depth) throws Exception {
        ImageDataset d = TinyNets.data(64, 1);
        ImageIterator it = new ImageIterator(d, ImageIterator.Config.training(8, 5, new Augmentation(1, false), Normalization.unit()));
        MultiLayerNetwork net = CNN.network(depth, 5, 0.05, 5e-4, 16);
        Fingerprint f = new Fingerprint();
        f.add(net.params());                                  // initial weights
        List<Double> scores = new ArrayList<>();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) { scores.add(model.score()); }
        });
        TrainResult r = new TrainingHarness(TrainConfig.of(2, 5).withProgress(Progress.NONE, 0), quiet())
                .fit(net, it, TinyNets.eval(d), TinyNets.eval(TinyNets.data(32, 2)));
        f.add(r.model().params());
        for (double s : scores) f.add(s);
        for (EpochMetrics m : r.history()) f.add(m.trainLoss()).add(m.trainAccuracy()).add(m.testAccuracy());
        return String.format(Locale.ROOT, "harness d=%d %s iterations=%d last loss=%s", depth, f, scores.size(),
                Double.toString(scores.get(scores.size() - 1)));
    }

    /** Notebook 09's driver at a tiny size: LR sweep, then plain and expanded runs. */
    static String cnnExperiment() throws Exception {
        ImageDataset train = TinyNets.data(64, 1), test = TinyNets.data(32, 2);
        CnnExperiment.Settings s = new CnnExperiment.Settings(CNN, 2, 8, 0.05, 5e-4, new Augmentation(1, false), 16, 32,
                null, 500, Progress.NONE);
        CnnLrSweep sweep = CnnExperiment.sweepLearningRates(s, CnnLrSweep.Split.of(train, 0.25, 11), 1, new int[]{1, 2},
                new double[]{0.1, 0.01}, 1);
        Fingerprint f = new Fingerprint();
        for (CnnLrSweep.Trial t : sweep.trials()) f.add(t.validationAccuracy()).add(t.trainLoss());
        for (CnnExperiment.Run r : CnnExperiment.runAll(s, train, train, test, new int[]{1, 2}, new long[]{1}, sweep::bestLr)) {
            for (EpochMetrics m : r.history()) f.add(m.trainLoss()).add(m.trainAccuracy()).add(m.testAccuracy());
            for (double rho : r.rhoPerEpoch()) f.add(rho);
            f.add(r.rhoK()).add(r.maxOutputDifference()).add(r.collapsedTestAccuracy());
        }
        return "cnnExperiment " + f;
    }

    /**
     * Notebooks 09 and 10's concurrent runs ({@link ParallelRuns}): the LR sweep and the runs of notebook 09's driver,
     * and notebook 10's fine-tuning runs, on 1 worker and on 2 workers, give the same bits (the line carries the
     * 1-worker fingerprint and whether the 2-worker one equals it, so that the parent also compares it across JVMs).
     */
    static String parallelRuns() throws Exception {
        ImageDataset train = TinyNets.data(64, 1), test = TinyNets.data(32, 2);
        CnnExperiment.Settings s = new CnnExperiment.Settings(CNN, 2, 8, 0.05, 5e-4, new Augmentation(1, false), 16, 32,
                null, 500, Progress.NONE);
        String[] prints = new String[2];
        for (int workers = 1; workers <= 2; workers++) {
            CnnLrSweep sweep = CnnExperiment.sweepLearningRates(s, CnnLrSweep.Split.of(train, 0.25, 11), 1, new int[]{1, 2},
                    new double[]{0.1, 0.01}, 7, 1, workers);
            Fingerprint f = new Fingerprint();
            for (CnnLrSweep.Trial t : sweep.trials()) f.add(t.lr()).add(t.validationAccuracy()).add(t.trainLoss());
            for (CnnExperiment.Run r : CnnExperiment.runAll(s, train, train, test, new int[]{1, 2}, new long[]{1, 2, 3}, sweep::bestLr, workers)) {
                for (EpochMetrics m : r.history()) f.add(m.trainLoss()).add(m.trainAccuracy()).add(m.testAccuracy());
                for (double rho : r.rhoPerEpoch()) f.add(rho);
                f.add(r.rhoInit()).add(r.rhoK()).add(r.maxOutputDifference()).add(r.collapsedTestAccuracy());
            }
            var pre = org.lowrank.models.FineTuningTest.pretrained();
            var data = org.lowrank.models.FineTuning.Data.of(org.lowrank.models.FineTuningTest.synthetic(40, 2, 2),
                    org.lowrank.models.FineTuningTest.synthetic(20, 2, 3), 10, 20, 20, Augmentation.none(), Normalization.unit());
            for (var r : org.lowrank.models.FineTuning.runAll(pre, new int[]{1, 2}, new long[]{1, 2},
                    new org.lowrank.models.FineTuning.Settings(2, 0.01, 1e-4, 1.0, Progress.NONE), data, workers)) {
                f.add(r.trainAccuracy()).add(r.testAccuracy()).add(r.collapsedTestAccuracy()).add(r.collapseDifference());
                for (double rho : r.rhoCurve()) f.add(rho);
            }
            prints[workers - 1] = f.toString();
        }
        return "parallelRuns workers=1 " + prints[0] + " workers=2 same=" + prints[0].equals(prints[1]);
    }

    /** Notebook 08's first collapse demonstration (a network configured with seed 0). */
    static String collapseWithSeedZero() throws Exception {
        var dense = new ExpandedDense(32, 32, 1, 4, true, true, true, new int[]{2}).activation(Activation.RELU);
        MultiLayerNetwork net = ExpandExperiment.singleLayerNet(dense, InputType.feedForward(32), DataType.DOUBLE, 0);
        Fingerprint f = new Fingerprint().add(net.params());
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 32);
        net.fit(x, Nd4j.randn(DataType.DOUBLE, 16, 32));
        double err = net.output(x).sub(Collapse.collapse(net).output(x)).amaxNumber().doubleValue();
        return "collapseSeed0 " + f.add(net.params()).add(err) + " err=" + err;
    }

    /** Notebook 08's driver at a tiny size (Fashion-MNIST). */
    static String expandExperiment() throws Exception {
        if (!java.nio.file.Files.isDirectory(FashionMnist.defaultDirectory())) return "expandExperiment SKIP (no Fashion-MNIST)";
        var r = new ExpandExperiment(new int[]{16}, 2, 1.0, 2, 32, 1e-3, 1e-3, 256, 128, 1).run();
        Fingerprint f = new Fingerprint().add(r.plain().params()).add(r.expanded().params());
        for (var e : r.epochs()) f.add(e.rhoPlain()[0]).add(e.rhoExpanded()[0]).add(e.testAccPlain()).add(e.testAccExpanded());
        return "expandExperiment " + f + " rho=" + r.last().rhoExpanded()[0];
    }

    private static PrintStream quiet() { return new PrintStream(OutputStream.nullOutputStream()); }

    /** SHA-256 of the exact bits of everything added. */
    static final class Fingerprint {
        private final MessageDigest md;

        Fingerprint() throws Exception { md = MessageDigest.getInstance("SHA-256"); }

        Fingerprint add(double v) {
            md.update(ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(v)).array());
            return this;
        }

        Fingerprint add(INDArray a) {
            for (double v : a.castTo(DataType.DOUBLE).dup().data().asDouble()) add(v);   // float -> double is exact
            return this;
        }

        @Override public String toString() { return "sha256=" + HexFormat.of().formatHex(md.digest()).substring(0, 24); }
    }
}
