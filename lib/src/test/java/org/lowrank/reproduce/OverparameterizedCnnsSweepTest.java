package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.claims.CnnRuns;
import org.lowrank.data.FashionMnist;
import org.lowrank.data.ImageDataset;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;
import org.lowrank.train.CnnExperiment;
import org.lowrank.train.CnnLrSweep;
import org.lowrank.train.Progress;

/** Notebook 09's medium-scale sweep on a tiny Fashion-MNIST setup (skipped when the dataset files are absent). */
class OverparameterizedCnnsSweepTest {
    @TempDir Path dir;

    /**
     * 40 training / 20 test images, a 2-4-4-4 CNN, 2 epochs, depths 1 and 2, seeds 1 and 2, a 2-rate grid with at most
     * one extension, 1-epoch trials: 4-6 trials and 4 models.
     */
    static final CnnRuns.Setup SETUP = new CnnRuns.Setup(4, 2, new int[] {2, 4, 4, 4}, 6, 2, 8, 5e-4, 10, new int[] {1, 2},
            new long[] {1, 2}, new double[] {0.1, 0.03}, 0.25, 1, 6, 1);
    static final OverparameterizedCnnsSweep TINY = new OverparameterizedCnnsSweep(SETUP);

    private static Reproduce.Options opts(Path out) {
        return new Reproduce.Options("09", Scale.MEDIUM, out, 2, Runner.Shard.ALL, 0);
    }

    private static Path draws(Path out) {
        return out.resolve("medium/09_overparameterized_cnns/draws.csv");
    }

    /** A cell's values without the wall/CPU times (which differ between two trainings of the same numbers). */
    private static double[] timeless(String key, double[] v) {
        double[] c = v.clone();
        if (key.startsWith("lr|")) {
            c[5] = 0;
        } else {
            c[10] = 0;
            c[11] = 0;
            for (int i = 13; i < c.length; i += 9) {
                c[i + 6] = 0;
                c[i + 7] = 0;
            }
        }
        return c;
    }

    @Test
    void sweepGivesTheNotebooksNumbersAndResumeTrainsOnlyMissingCells() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.defaultDirectory()), "Fashion-MNIST not installed");
        List<DrawSweep.Cell> first = TINY.cells(Map.of());
        assertEquals(List.of("lr|d=1|lr=0.03", "lr|d=1|lr=0.1", "lr|d=2|lr=0.03", "lr|d=2|lr=0.1"),
                first.stream().map(DrawSweep.Cell::key).toList(), "first stage: the grid's trials, no model before the rates are chosen");

        Path whole = dir.resolve("whole"), resumed = dir.resolve("resumed");
        assertTrue(Reproduce.execute(TINY, opts(whole), null, "local", new String[0], s -> { }));
        Map<String, double[]> cells = SweepResults.draws(whole, "09_overparameterized_cnns", Scale.MEDIUM);
        List<String> keys = List.copyOf(cells.keySet());
        assertEquals(List.of("run|d=1|seed=1", "run|d=2|seed=1", "run|d=1|seed=2", "run|d=2|seed=2"),
                keys.subList(keys.size() - 4, keys.size()), "models last, seed-major");
        assertTrue(keys.subList(0, keys.size() - 4).stream().allMatch(k -> k.startsWith("lr|")));

        // the notebook's path: CnnExperiment.sweepLearningRates, then runAll at the chosen rates
        ImageDataset train = SETUP.train(), test = SETUP.test();
        CnnExperiment.Settings s = SETUP.settings(train, Progress.NONE);
        CnnLrSweep notebookSweep = CnnExperiment.sweepLearningRates(s, SETUP.split(train), SETUP.sweepEpochs(), SETUP.depths(),
                SETUP.lrGrid(), SETUP.sweepSeed(), SETUP.maxExtensions(), 1);
        CnnLrSweep ours = TINY.lrSweep(cells);
        assertEquals(notebookSweep.trials().size(), ours.trials().size());
        for (int d : SETUP.depths()) {
            List<CnnLrSweep.Trial> a = notebookSweep.trials(d), b = ours.trials(d);
            assertEquals(a.size(), b.size(), "depth " + d);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).lr(), b.get(i).lr());
                assertEquals(a.get(i).validationAccuracy(), b.get(i).validationAccuracy(), 0.0, "depth " + d + " " + a.get(i));
                assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
                assertEquals(a.get(i).diverged(), b.get(i).diverged());
            }
            assertEquals(notebookSweep.bestLr(d), ours.bestLr(d), "depth " + d);
        }
        assertEquals(notebookSweep.trainSize(), ours.trainSize());
        assertEquals(notebookSweep.validationSize(), ours.validationSize());
        List<CnnExperiment.Run> notebookRuns = CnnExperiment.runAll(s, train, train, test, SETUP.depths(), SETUP.seeds(), notebookSweep::bestLr, 1);
        List<CnnExperiment.Run> runs = TINY.runs(cells);
        assertEquals(4, runs.size());
        for (int i = 0; i < runs.size(); i++) {
            CnnExperiment.Run a = notebookRuns.get(i), b = runs.get(i);
            String what = a.model() + " seed " + a.seed();
            assertEquals(List.of(a.depth(), a.seed(), a.lr()), List.of(b.depth(), b.seed(), b.lr()), what);
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0, what);
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0, what);
            assertEquals(a.rhoInit(), b.rhoInit(), 0.0, what);
            assertEquals(a.rhoK(), b.rhoK(), 0.0, what);
            assertArrayEquals(a.rhoPerEpoch(), b.rhoPerEpoch(), 0.0, what);
            assertEquals(a.history().get(1).trainLoss(), b.history().get(1).trainLoss(), 0.0, what);
            assertEquals(a.collapsedTestAccuracy(), b.collapsedTestAccuracy(), 0.0, what);
            assertTrue(b.sameArchitectureAsPlain(), what);
            assertArrayEquals(timeless("run", a.flatten()), timeless("run", b.flatten()), 0.0, what + ": every number but the times");
        }
        assertEquals(List.of(1L, 2L), TINY.completeSeeds(cells));
        for (CnnRuns.Metric m : List.of(CnnRuns.Metric.TRAIN_ACCURACY, CnnRuns.Metric.TEST_ACCURACY, CnnRuns.Metric.GAP)) {   // tiny nets: rho(K) may be NaN
            assertTrue(Arrays.deepEquals(CnnRuns.paired(notebookRuns, 1, 2, m), CnnRuns.paired(TINY.pairedRuns(cells), 1, 2, m)), m.label());
        }

        // killed after the trials and the first model, mid-way through writing the second: only the missing three train
        List<String> lines = Files.readAllLines(draws(whole));
        int kept = keys.size() - 4 + 1;
        Files.createDirectories(draws(resumed).getParent());
        Files.writeString(draws(resumed), String.join("\n", lines.subList(0, kept + 1)) + "\n" + lines.get(kept + 1).substring(0, 30));
        Map<String, double[]> partial = DrawsCsv.read(draws(resumed));
        assertEquals(List.of(), TINY.completeSeeds(partial), "one model of seed 1 is no complete seed");
        assertEquals(1, TINY.runs(partial).size());
        assertTrue(Reproduce.execute(TINY, opts(resumed), null, "local", new String[0], x -> { }));
        List<String> again = Files.readAllLines(draws(resumed));
        assertEquals(lines.subList(0, kept + 1), again.subList(0, kept + 1), "finished cells are kept as they were");
        Map<String, double[]> resumedCells = DrawsCsv.read(draws(resumed));
        assertEquals(keys, List.copyOf(resumedCells.keySet()));
        for (String k : keys) assertArrayEquals(timeless(k, cells.get(k)), timeless(k, resumedCells.get(k)), 0.0, k);
        String prov = Files.readString(resumed.resolve("medium/09_overparameterized_cnns/provenance.jsonl"));
        assertTrue(prov.contains("\"runs_executed\": 3,"), "only the missing models are trained: " + prov);

        // killed during the learning-rate sweep: the missing trials, then every model
        Path early = dir.resolve("early");
        Files.createDirectories(draws(early).getParent());
        Files.writeString(draws(early), String.join("\n", lines.subList(0, 3)) + "\n");
        assertTrue(Reproduce.execute(TINY, opts(early), null, "local", new String[0], x -> { }));
        assertTrue(Files.readString(early.resolve("medium/09_overparameterized_cnns/provenance.jsonl"))
                .contains("\"runs_executed\": " + (keys.size() - 2) + ","), "all but the 2 finished trials");
        assertEquals(keys, List.copyOf(DrawsCsv.read(draws(early)).keySet()));
        assertTrue(Reproduce.execute(TINY, opts(early), null, "local", new String[0], x -> { }));
        assertTrue(Files.readString(early.resolve("medium/09_overparameterized_cnns/provenance.jsonl")).contains("\"runs_executed\": 0,"),
                "a finished sweep trains nothing");
    }

    @Test
    void theSweepExistsOnlyAtMediumScaleWithTheSetupOfTheNotebook() {
        OverparameterizedCnnsSweep medium = (OverparameterizedCnnsSweep) Sweeps.of("09", Scale.MEDIUM);
        assertEquals(CnnRuns.Setup.medium().toString(), medium.setup().toString());
        assertEquals("09_overparameterized_cnns", Sweeps.of("09_overparameterized_cnns", Scale.MEDIUM).notebook());
        assertEquals(Scale.MEDIUM, Sweeps.scale("Medium"));
        var q = assertThrows(IllegalArgumentException.class, () -> Sweeps.of("09", Scale.QUICK));
        assertTrue(q.getMessage().contains("--scale quick") && q.getMessage().contains("medium"), q.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Sweeps.of("08", Scale.MEDIUM));
        assertTrue(m.getMessage().contains("--scale medium") && m.getMessage().contains("09"), m.getMessage());
        assertFalse(Sweeps.trainingNotebooks().contains("09"));
        var shard = assertThrows(IllegalArgumentException.class, () -> Reproduce.execute(TINY,
                new Reproduce.Options("09", Scale.MEDIUM, dir, 1, Runner.Shard.parse("1/2"), 0), null, "local", new String[0], x -> { }));
        assertTrue(shard.getMessage().contains("--shard"), shard.getMessage());
        assertEquals(3 * 4, medium.cells().size(), "first stage: 3 depths x 4 rates");
        CnnRuns.Setup s = CnnRuns.Setup.medium();
        assertEquals(List.of(100, 100, 40, 32, 500, 20), List.of(s.trainPerClass(), s.testPerClass(), s.epochs(), s.batchSize(), s.rhoSamples(), s.sweepEpochs()));
        assertArrayEquals(new int[] {1, 2, 4}, s.depths());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, s.seeds());
        assertArrayEquals(new int[] {2, 4}, s.expandedDepths());
        var bad = assertThrows(IllegalArgumentException.class, () -> new CnnRuns.Setup(4, 2, new int[] {2, 4, 4, 4}, 6, 2, 8, 5e-4, 10,
                new int[] {1, 2}, new long[] {1, 6}, new double[] {0.1, 0.03}, 0.25, 1, 6, 1));
        assertTrue(bad.getMessage().contains("sweepSeed 6"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CnnRuns.Setup(4, 2, new int[] {2, 4, 4, 4}, 6, 2, 8, 5e-4, 10,
                new int[] {2, 4}, new long[] {1, 2}, new double[] {0.1, 0.03}, 0.25, 1, 6, 1), "depths must start with the plain net");
        assertTrue(Arrays.equals(new double[] {0.3, 0.1, 0.03, 0.01}, s.lrGrid()));
    }
}
