package org.lowrank.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training JVM after a checkpoint (with further, un-checkpointed steps done), resumes it, and requires
 * bit-identical final parameters and identical per-epoch metrics compared with an uninterrupted run.
 */
class KillAndResumeTest {
    static final long SEED = 42;
    static final int EPOCHS = 3, EVERY = 5, HALT = 14; // 8 batches per epoch: checkpoints at 5, 8 (epoch end), 10, 15, ...

    static TrainConfig config(Path dir, Path csv) {
        return TrainConfig.of(EPOCHS, SEED).withCheckpoints(dir, EVERY).withResultsCsv(csv).withProgress(Progress.NONE, 0);
    }

    @TempDir Path tmp;

    @Test
    void killedRunResumesToTheSameParametersAsAnUninterruptedRun() throws Exception {
        // DL4J's oneDNN helpers are a JVM-wide switch that other tests in this JVM may have turned on; the child JVM
        // (ResumeChild) turns them on too, so both sides run the same kernels whatever ran before.
        org.lowrank.expand.Expand.enableOneDnnHelpers();
        // Uninterrupted reference.
        Path refDir = tmp.resolve("ref"), refCsv = tmp.resolve("ref.csv");
        TrainResult ref = new TrainingHarness(config(refDir, refCsv)).fit(TinyNets.mln(SEED, 0.05),
                TinyNets.train(TinyNets.data(64, 1), SEED), TinyNets.eval(TinyNets.data(64, 1)), TinyNets.eval(TinyNets.data(32, 2)));
        assertEquals(-1, ref.resumedFromIteration());
        assertEquals(EPOCHS * 8, ((MultiLayerNetwork) ref.model()).getIterationCount());

        // A child JVM trains the same run and is killed (SIGKILL) at iteration 14.
        Path dir = tmp.resolve("run"), csv = tmp.resolve("run.csv");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ResumeChild.class.getName(), dir.toString(), csv.toString(), Integer.toString(HALT));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> childOut = new ArrayList<>();
        boolean halted = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                childOut.add(line);
                if (line.startsWith("HALT")) {
                    halted = true;
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not die");
        }
        assertTrue(halted, "child never reached iteration " + HALT + ": " + childOut);
        assertNotEquals(0, child.exitValue(), "the child was killed, not finished");

        Checkpoint.State st = new Checkpoint(dir).state().orElseThrow();
        assertEquals(10, st.iteration(), "last checkpoint before the kill");
        assertEquals(1, st.epoch());
        assertEquals(2, st.batchInEpoch());
        List<String> partial = Files.readAllLines(csv);
        assertEquals(2, partial.size(), "header + epoch 1 row written before the kill: " + partial);

        // Resume in this JVM with a fresh (differently initialised) model object: the checkpoint must win.
        TrainResult resumed = new TrainingHarness(config(dir, csv)).fit(TinyNets.mln(SEED + 1, 0.05),
                TinyNets.train(TinyNets.data(64, 1), SEED), TinyNets.eval(TinyNets.data(64, 1)), TinyNets.eval(TinyNets.data(32, 2)));
        assertEquals(10, resumed.resumedFromIteration());

        float[] a = ref.model().params().toFloatVector(), b = resumed.model().params().toFloatVector();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), "parameter " + i + ": " + a[i] + " vs " + b[i]);
        }
        assertEquals(ref.history().size(), resumed.history().size());
        for (int e = 0; e < EPOCHS; e++) {
            EpochMetrics x = ref.history().get(e), y = resumed.history().get(e);
            assertEquals(x.epoch(), y.epoch());
            assertEquals(x.iteration(), y.iteration());
            assertEquals(x.trainLoss(), y.trainLoss(), 0.0, "epoch " + (e + 1) + " mean loss");
            assertEquals(x.trainAccuracy(), y.trainAccuracy(), 0.0);
            assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0);
            assertEquals(x.learningRate(), y.learningRate(), 0.0);
        }
        assertEquals(EPOCHS + 1, Files.readAllLines(csv).size(), "CSV: header + one row per epoch, no duplicates");
        assertEquals(0.005, ref.last().learningRate(), 1e-9, "LR schedule (drop at iteration 12) survived");
    }
}
