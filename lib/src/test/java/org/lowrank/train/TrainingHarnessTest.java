package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.data.ImageDataset;

class TrainingHarnessTest {
    @TempDir Path tmp;

    private static TrainResult run(TrainConfig cfg, long seed, double lr, PrintStream out) {
        ImageDataset train = TinyNets.data(64, 1), test = TinyNets.data(32, 2);
        return new TrainingHarness(cfg, out).fit(TinyNets.mln(seed, lr), TinyNets.train(train, seed), TinyNets.eval(train), TinyNets.eval(test));
    }

    @Test
    void learnsWritesCsvAndIsReproducibleBySeed() throws Exception {
        Path csv = tmp.resolve("out/results.csv");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TrainResult a = run(TrainConfig.of(4, 3).withResultsCsv(csv).withProgress(Progress.LINES, 4).withLabel("tiny"), 3, 0.05,
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(4, a.history().size());
        assertTrue(a.last().testAccuracy() > 0.6, "a learnable toy task is learnt: " + a.last());
        assertTrue(a.last().trainLoss() < a.history().get(0).trainLoss());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(EpochMetrics.HEADER, lines.get(0));
        assertEquals(5, lines.size());
        assertEquals(a.history().get(2), EpochMetrics.parse(lines.get(3)));
        String log = buf.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("[tiny] epoch 1/4  iter 4/8"), log);
        assertTrue(log.contains("ex/s") && log.contains("ETA"), log);
        assertTrue(log.contains("test acc"), log);

        TrainResult b = run(TrainConfig.of(4, 3).withProgress(Progress.NONE, 0), 3, 0.05, System.out);
        assertArrayEquals(a.model().params().toFloatVector(), b.model().params().toFloatVector(), 0f);
        TrainResult c = run(TrainConfig.of(4, 4).withProgress(Progress.NONE, 0), 4, 0.05, System.out);
        assertFalse(java.util.Arrays.equals(a.model().params().toFloatVector(), c.model().params().toFloatVector()));
    }

    @Test
    void inPlaceProgressUsesCarriageReturns() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        run(TrainConfig.of(1, 3).withProgress(Progress.IN_PLACE, 0), 3, 0.05, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\repoch 1/1"), s);
        assertTrue(s.contains("\n"), s);
    }

    @Test
    void divergenceStopsWithAClearMessage() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run(TrainConfig.of(3, 3).withProgress(Progress.NONE, 0), 3, 1e4, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("learning rate"), e.getMessage());
        assertTrue(e.iteration() >= 1);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("diverged"));
    }

    @Test
    void computationGraphsTrainAndCheckpoint() throws Exception {
        ImageDataset d = TinyNets.data(64, 1);
        Path dir = tmp.resolve("ck");
        TrainResult r = new TrainingHarness(TrainConfig.of(2, 5).withCheckpoints(dir, 3).withProgress(Progress.NONE, 0))
                .fit(TinyNets.graph(5), TinyNets.train(d, 5), null, TinyNets.eval(d));
        assertTrue(r.model() instanceof ComputationGraph);
        assertTrue(Double.isNaN(r.last().trainAccuracy()));
        Checkpoint.State st = new Checkpoint(dir).state().orElseThrow();
        assertEquals(2, st.epoch());
        assertEquals(16, st.iteration());
        assertEquals(1, Files.list(dir).filter(p -> p.toString().endsWith(".zip")).count(), "old model files are removed");
        // A finished run resumes to nothing to do, returning the restored model.
        TrainResult again = new TrainingHarness(TrainConfig.of(2, 5).withCheckpoints(dir, 3).withProgress(Progress.NONE, 0))
                .fit(TinyNets.graph(6), TinyNets.train(d, 5), null, TinyNets.eval(d));
        assertEquals(16, again.resumedFromIteration());
        assertArrayEquals(r.model().params().toFloatVector(), again.model().params().toFloatVector(), 0f);
        // Another seed on the same checkpoint directory is refused.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingHarness(
                TrainConfig.of(2, 7).withCheckpoints(dir, 3).withProgress(Progress.NONE, 0)).fit(TinyNets.graph(7), TinyNets.train(d, 7), null, null));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void badConfigIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.of(1, 1).withCheckpoints(tmp, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.of(1, 1).withDivergenceFactor(1));
    }

    /** A dense float64 MLP trained through FastMlp gives DL4J's losses, accuracies and parameters (1e-10). */
    @Test
    void fastMlpTrainerMatchesDl4jsFit() {
        ImageDataset train = TinyNets.data(64, 1), test = TinyNets.data(32, 2);
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(5)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).updater(new org.nd4j.linalg.learning.config.Adam(1e-2)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(16).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .nOut(4).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(8, 8, 1)).build();
        var a = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        a.init();
        var b = a.clone();
        TrainConfig cfg = TrainConfig.of(3, 3).withProgress(Progress.NONE, 0);
        TrainResult dl4j = new TrainingHarness(cfg, System.out).fit(a, TinyNets.train(train, 3), TinyNets.eval(train), TinyNets.eval(test));
        TrainResult fast = new TrainingHarness(cfg, System.out).withFastMlp()
                .fit(b, TinyNets.train(train, 3), TinyNets.eval(train), TinyNets.eval(test));
        for (int e = 0; e < 3; e++) {
            assertEquals(dl4j.history().get(e).trainLoss(), fast.history().get(e).trainLoss(), 1e-10, "epoch " + (e + 1));
            assertEquals(dl4j.history().get(e).testAccuracy(), fast.history().get(e).testAccuracy(), 0.0);
        }
        assertTrue(dl4j.history().get(2).trainLoss() < dl4j.history().get(0).trainLoss(), "it trains");
        var pa = a.params();
        var pb = fast.model().params();
        assertTrue(pa.sub(pb).amaxNumber().doubleValue() < 1e-10, "parameters copied back after training");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingHarness(TrainConfig.of(1, 3).withCheckpoints(tmp.resolve("ck"), 5), System.out).withFastMlp());
        assertTrue(e.getMessage().contains("FastMlp"), e.getMessage());
    }
}
