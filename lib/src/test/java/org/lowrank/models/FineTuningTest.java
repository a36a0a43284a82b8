package org.lowrank.models;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.train.Progress;

public class FineTuningTest {
    static final ResNet ARCH = new ResNet(new int[]{1, 1}, new int[]{4, 6}, 4, 3, 2, false, 1, 12, 12, 3);

    /** Images whose mean brightness depends on the class, so that something is learnable. */
    public static ImageDataset synthetic(int n, int classes, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 144];
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            lb[i] = i % classes;
            for (int k = 0; k < 144; k++) px[i * 144 + k] = (byte) Math.min(255, r.nextInt(128) + 40 * lb[i] * ((k / 12 + lb[i]) % 2));
        }
        return new ImageDataset("synthetic", px, lb, classes, 1, 12, 12);
    }

    public static ComputationGraph pretrained() {
        ImageDataset src = synthetic(48, 3, 1);
        Normalization norm = Normalization.unit();
        return FineTuning.pretrain(ARCH, 1, 0.05, 0, 1,
                new ImageIterator(src, ImageIterator.Config.training(16, 1, Augmentation.none(), norm)),
                new ImageIterator(src, ImageIterator.Config.evaluation(16, norm)), Progress.NONE);
    }

    @Test
    void expandFineTuneCollapse() {
        ComputationGraph pre = pretrained();
        var data = FineTuning.Data.of(synthetic(40, 2, 2), synthetic(20, 2, 3), 10, 20, 20, Augmentation.none(), Normalization.unit());
        var s = new FineTuning.Settings(2, 0.01, 1e-4, 1.0, Progress.NONE);
        FineTuning.Run plain = FineTuning.run(pre, 1, 7, s, data);
        FineTuning.Run e = FineTuning.run(pre, 2, 7, s, data);
        assertEquals(plain.inferenceParams(), e.inferenceParams(), "collapsed net has the plain architecture");
        assertTrue(e.trainedParams() > e.inferenceParams());
        assertTrue(e.preserveDifference() < 1e-5, "expansion keeps the function (float32): " + e.preserveDifference());
        assertTrue(e.collapseDifference() < 1e-5, "collapse is exact (float32): " + e.collapseDifference());
        assertEquals(e.testAccuracy(), e.collapsedTestAccuracy());
        assertEquals(3, e.rhoCurve().length);
        assertEquals(3, e.spectra().length);
        assertEquals(ARCH.embeddingWidth(), e.spectra()[0].length);
        assertEquals(1.0, e.spectra()[1][0], 1e-12);
        // the new head is the same for both depths with the same seed: identical outputs before fine-tuning
        assertEquals(plain.rhoCurve()[0], e.rhoCurve()[0], 1e-4);
        FineTuning.Run again = FineTuning.run(pre, 2, 7, s, data);
        assertEquals(e.testAccuracy(), again.testAccuracy());
        assertEquals(e.rhoK(), again.rhoK(), 0.0, "same seed, same numbers");
    }

    @Test
    void oneTestPassGivesTheHarnessAccuracyAndTheProbeEmbeddings() {
        ComputationGraph pre = pretrained();
        var data = FineTuning.Data.of(synthetic(40, 2, 2), synthetic(30, 2, 3), 10, 8, 20, Augmentation.none(), Normalization.unit());
        assertTrue(data.probeIsTestHead());
        var s = new FineTuning.Settings(2, 0.01, 1e-4, 1.0, Progress.NONE);
        ComputationGraph g = FineTuning.withNewHead(pre, data.numClasses(), s, 5);
        String emb = FineTuning.embeddingVertex(g);
        org.nd4j.linalg.api.ndarray.INDArray[] probe = new org.nd4j.linalg.api.ndarray.INDArray[1];
        double acc = FineTuning.testPass(g, emb, data.test(), 20, probe);
        assertEquals(org.lowrank.train.TrainingHarness.evaluate(g, data.test()).accuracy(), acc, 0.0);
        var separate = FineTuning.embeddings(g, emb, data.probe());
        assertArrayEquals(separate.shape(), probe[0].shape());
        assertTrue(separate.sub(probe[0]).amaxNumber().doubleValue() < 1e-5, "same images, same embeddings");
        // without the flag the probe gets its own pass and the run's numbers are the same
        var noFlag = new FineTuning.Data(data.numClasses(), data.train(), data.trainEval(), data.test(), data.probe());
        FineTuning.Run a = FineTuning.run(pre, 2, 3, s, data), b = FineTuning.run(pre, 2, 3, s, noFlag);
        assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        assertArrayEquals(a.rhoCurve(), b.rhoCurve(), 1e-4);
        assertTrue(Double.isNaN(a.history().get(0).trainAccuracy()), "train accuracy only after the last epoch");
        assertFalse(Double.isNaN(a.trainAccuracy()));
    }

    @Test
    void exactCheckInDoublePrecision() {
        ComputationGraph pre = pretrained();
        var data = FineTuning.Data.of(synthetic(20, 2, 2), synthetic(20, 2, 3), 10, 20, 20, Augmentation.none(), Normalization.unit());
        for (int d : new int[]{2, 4}) {
            double[] diff = FineTuning.exactCheck(pre, d, 1.0, 2, data.probe());
            assertTrue(diff[0] < 1e-10 && diff[1] < 1e-10, "depth " + d + ": " + diff[0] + ", " + diff[1]);
        }
        assertEquals(ResNet.EMBEDDING, FineTuning.embeddingVertex(pre));
        assertEquals(ResNet.OUTPUT, FineTuning.outputLayer(pre));
    }

    @Test
    void classSplitRelabels() {
        ImageDataset d = synthetic(30, 5, 4);
        ImageDataset t = FineTuning.classes(d, 3, 1);
        assertEquals(12, t.size());
        assertEquals(2, t.numClasses());
        // kept in dataset order: image 1 (class 1 -> 1), image 3 (class 3 -> 0), image 6 (class 1), ...
        assertEquals(1, t.label(0));
        assertEquals(0, t.label(1));
        assertEquals(d.pixel(1, 0, 5, 7), t.pixel(0, 0, 5, 7));
        assertEquals(d.pixel(3, 0, 5, 7), t.pixel(1, 0, 5, 7));
        var ex = assertThrows(IllegalArgumentException.class, () -> FineTuning.classes(d, 1, 1));
        assertTrue(ex.getMessage().contains("classes = [1, 1]"));
    }

    @Test
    void statisticsPairBySeed() {
        List<FineTuning.Run> runs = new java.util.ArrayList<>();
        double[] a = {0.80, 0.82, 0.81, 0.79, 0.83}, b = {0.82, 0.85, 0.83, 0.80, 0.86};
        for (int i = 0; i < 5; i++) {
            runs.add(fake(1, i, a[i]));
            runs.add(fake(2, 4 - i, b[4 - i]));   // inserted in another order: pairing must use the seed
        }
        for (int i = 0; i < 5; i++) assertEquals(b[i], FineTuning.values(runs, 2, FineTuning.Run::testAccuracy)[i]);
        double p = FineTuning.pairedTTestP(runs, 2, 1, FineTuning.Run::testAccuracy);
        assertEquals(new org.apache.commons.math3.stat.inference.TTest().pairedTTest(b, a), p, 1e-15);
        assertEquals(0.0625, FineTuning.wilcoxonP(runs, 2, 1, FineTuning.Run::testAccuracy), 1e-12, "5 of 5 positive: exact p = 2/32");
    }

    static FineTuning.Run fake(int depth, long seed, double acc) {
        return new FineTuning.Run(depth, seed, acc, acc, acc, 1, new double[]{1}, new double[][]{{1}}, 0, 0, 1, 1, List.of(), 0, 0);
    }
}
