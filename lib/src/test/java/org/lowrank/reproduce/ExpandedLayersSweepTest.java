package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.claims.ExpandedRho;
import org.lowrank.data.FashionMnist;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;
import org.lowrank.train.ExpandExperiment;

/** Notebook 08's sweep on a tiny Fashion-MNIST subset (skipped when the dataset files are absent). */
class ExpandedLayersSweepTest {
    @TempDir Path dir;

    /**
     * Two hidden layers (so the flattening of layers is exercised), 2 epochs, 2 seeds: rate trials on seed 6 (96
     * images, 32 held out), then 4 model cells.
     */
    static final ExpandedLayersSweep TINY = new ExpandedLayersSweep(new ExpandedRho.Setup(
            new ExpandExperiment(new int[] {12, 8}, 3, 1.0, 2, 32, 1e-3, 1e-3, 128, 64, 1), new long[] {1, 2}, 0,
            new double[] {1e-3, 3e-3}, 6, 32));

    private static Reproduce.Options opts(Path out) {
        return new Reproduce.Options("08", Scale.QUICK, out, 2, Runner.Shard.ALL, 0);
    }

    private static Path draws(Path out) {
        return out.resolve("quick/08_expanded_layers/draws.csv");
    }

    @Test
    void sweepGivesTheNotebooksNumbersAndResumeSkipsFinishedModels() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.defaultDirectory()), "Fashion-MNIST not installed");
        Path whole = dir.resolve("whole"), resumed = dir.resolve("resumed");
        assertTrue(Reproduce.execute(TINY, opts(whole), null, "local", new String[0], s -> { }));
        List<String> lines = Files.readAllLines(draws(whole));
        List<String> keys = lines.stream().map(l -> l.split(",")[0]).toList();
        int trials = keys.size() - 5;
        assertTrue(trials >= 4, "at least the grid's 2 rates per model: " + keys);
        assertTrue(keys.subList(1, 1 + trials).stream().allMatch(k -> k.startsWith("lr|")), "trials first: " + keys);
        assertEquals(List.of("plain|seed=1", "expanded|seed=1", "plain|seed=2", "expanded|seed=2"),
                keys.subList(1 + trials, keys.size()), "a seed's two models next to each other");

        // the notebook's path: the rate searches run live, then both models trained together per seed (ExpandedRho.train)
        ExpandedRho.Trained notebook = TINY.setup().train();
        Map<String, double[]> cells = SweepResults.draws(whole, "08_expanded_layers", Scale.QUICK);
        ExpandedRho.Rates rates = TINY.rates(cells);
        assertEquals(notebook.rates().plain().lr(), rates.plain().lr(), 0.0);
        assertEquals(notebook.rates().expanded().lr(), rates.expanded().lr(), 0.0);
        assertArrayEquals(notebook.rates().expanded().scores(), rates.expanded().scores(), 0.0, "the same trials");
        List<ExpandedRho.Run> runs = TINY.runs(cells);
        assertEquals(2, runs.size());
        for (int s = 0; s < 2; s++) {
            ExpandedRho.Run a = notebook.result().runs().get(s), b = runs.get(s);
            assertEquals(a.seed(), b.seed());
            assertArrayEquals(a.rhoPlain(), b.rhoPlain(), 0.0, "seed " + a.seed());
            assertArrayEquals(a.rhoExpanded(), b.rhoExpanded(), 0.0, "seed " + a.seed());
            assertEquals(a.testAccPlain(), b.testAccPlain(), 0.0);
            assertEquals(a.testAccExpanded(), b.testAccExpanded(), 0.0);
            assertEquals(a.trainAccPlain(), b.trainAccPlain(), 0.0);
            assertEquals(a.trainAccExpanded(), b.trainAccExpanded(), 0.0);
        }
        ExpandExperiment.Arm second = TINY.arm(cells, true, 1);
        var first = notebook.first();
        for (int e = 0; e < first.epochs().size(); e++) {
            assertArrayEquals(first.epochs().get(e).rhoExpanded(), second.rho()[e], 0.0, "both hidden layers, epoch " + e);
            assertEquals(first.epochs().get(e).testAccExpanded(), second.testAcc()[e], 0.0);
        }
        assertEquals(notebook.result().pChangeLower(), ExpandedRho.of(runs).pChangeLower(), 0.0);

        // killed after the first model, mid-way through writing the second: only the missing three are trained
        Files.createDirectories(draws(resumed).getParent());
        Files.writeString(draws(resumed), String.join("\n", lines.subList(0, 2 + trials)) + "\n" + lines.get(2 + trials).substring(0, 30));
        assertEquals(List.of(), TINY.completeSeeds(DrawsCsv.read(draws(resumed))), "one model of seed 1 is no pair");
        assertTrue(Reproduce.execute(TINY, opts(resumed), null, "local", new String[0], s -> { }));
        assertEquals(lines, Files.readAllLines(draws(resumed)));
        String prov = Files.readString(resumed.resolve("quick/08_expanded_layers/provenance.jsonl"));
        assertTrue(prov.contains("\"runs_executed\": 3,"), "only the missing models are trained: " + prov);
        assertTrue(Reproduce.execute(TINY, opts(resumed), null, "local", new String[0], s -> { }));
        assertTrue(Files.readString(resumed.resolve("quick/08_expanded_layers/provenance.jsonl")).contains("\"runs_executed\": 0,"),
                "a finished sweep trains nothing");
    }

    @Test
    void theSweepRunsTheNotebooksSetupPerScale() {
        ExpandedRho.Setup quick = ((ExpandedLayersSweep) Sweeps.of("08", Scale.QUICK)).setup();
        ExpandedRho.Setup paper = ((ExpandedLayersSweep) Sweeps.of("08_expanded_layers", Scale.PAPER)).setup();
        assertArrayEquals(new int[] {128}, quick.base().hidden());
        assertArrayEquals(new int[] {256, 256}, paper.base().hidden());
        assertArrayEquals(new long[] {1, 2, 3, 4}, quick.seeds());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, paper.seeds());
        assertEquals(List.of(6, 3000, 1000), List.of(quick.base().epochs(), quick.base().nTrain(), quick.base().nTest()));
        assertEquals(List.of(30, 60000, 10000), List.of(paper.base().epochs(), paper.base().nTrain(), paper.base().nTest()));
        for (ExpandedRho.Setup s : List.of(quick, paper)) {
            assertEquals(List.of(4, 64, 0), List.of(s.base().depth(), s.base().batch(), s.layer()));
            assertEquals(1.0, s.base().width());
            assertArrayEquals(new double[] {3e-4, 1e-3, 3e-3}, s.lrGrid());
            assertEquals(6, s.sweepSeed());
        }
        assertEquals(List.of(600, 10000), List.of(quick.nValidation(), paper.nValidation()));
        assertEquals(6, ExpandedLayersSweep.at(Scale.PAPER).cells().size(), "before any trial: the grid's 3 rates x plain and expanded");
        assertEquals(10, ExpandedLayersSweep.at(Scale.PAPER).models(), "5 seeds x plain and expanded");
        double[] grid = quick.lrGrid();
        var e = assertThrows(IllegalArgumentException.class, () -> new ExpandedRho.Setup(quick.base(), new long[] {1}, 0, grid, 6, 600));
        assertTrue(e.getMessage().contains("seeds has 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExpandedRho.Setup(quick.base(), new long[] {1, 2}, 1, grid, 6, 600));
        e = assertThrows(IllegalArgumentException.class, () -> new ExpandedRho.Setup(quick.base(), new long[] {1, 6}, 0, grid, 6, 600));
        assertTrue(e.getMessage().contains("sweepSeed = 6 is an evaluation seed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reproduce.execute(ExpandedLayersSweep.at(Scale.QUICK),
                new Reproduce.Options("08", Scale.QUICK, dir, 1, Runner.Shard.parse("0/2"), 0), null, "local", new String[0], x -> { }));
        assertTrue(e.getMessage().contains("no shards"), e.getMessage());
    }

    @Test
    void armFlatteningRoundTripsAndRejectsBadShapes() {
        var arm = new ExpandExperiment.Arm(true, new double[][] {{1, 2}, {3, 4}}, new double[] {0.1, 0.2}, new double[] {0.3, 0.4});
        var back = ExpandExperiment.Arm.of(true, arm.flatten(), 2);
        assertArrayEquals(new double[] {1, 2, 0.1, 0.3, 3, 4, 0.2, 0.4}, arm.flatten());
        assertArrayEquals(arm.rho()[1], back.rho()[1]);
        assertArrayEquals(arm.testAcc(), back.testAcc());
        var e = assertThrows(IllegalArgumentException.class, () -> ExpandExperiment.Arm.of(true, new double[7], 2));
        assertTrue(e.getMessage().contains("values has 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpandedRho.run(1, arm, arm, 0), "two expanded arms are no pair");
    }
}
