package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.claims.TrainedEmbeddings;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;
import org.lowrank.random.Nonlinearity;

class TrainedEmbeddingsSweepTest {
    @TempDir Path dir;

    static final int[] DEPTHS = {1, 2};
    static final List<Nonlinearity> ACTS = List.of(Nonlinearity.RELU, Nonlinearity.SIREN);

    /** 2 activations x 2 depths x 3 seeds, rates swept on held-out seed 100. */
    static TrainedEmbeddingsSweep tiny() {
        TaskSpec task = new TaskSpec(4, 3, 3, TaskSpec.Spectrum.CLUSTERS, 12, 12, 1.0);
        return new TrainedEmbeddingsSweep(new TrainedEmbeddings.Setup(task, 5, DEPTHS, ACTS, 3, 30, new double[] {1e-3, 1e-2}, 6, 100, 1));
    }

    @Test
    void atScaleIsTheNotebooksExperiment() {
        // notebook 04, cell 3: the notebook builds its setup with TrainedEmbeddingsSweep.at(SCALE); these are its documented sizes
        var q = TrainedEmbeddingsSweep.at(Scale.QUICK).setup();
        assertArrayEquals(new int[] {2, 4, 8, 16}, q.depths());
        assertEquals(List.of(Nonlinearity.values()), q.activations());
        assertEquals(5, q.seeds());
        assertEquals(600, q.steps());
        assertEquals(100, q.sweepSteps());
        assertEquals(1000, q.sweepSeed());
        assertEquals(2, q.sweepSeeds());
        assertArrayEquals(new double[] {3e-4, 1e-3, 3e-3, 1e-2, 3e-2}, q.lrGrid());
        assertEquals(32, q.width());
        assertEquals(140, q.runs());
        var p = TrainedEmbeddingsSweep.at(Scale.PAPER).setup();
        assertEquals(10, p.seeds());
        assertEquals(5000, p.steps());
        assertEquals(833, p.sweepSteps());
        assertEquals(q.task(), p.task());
        assertEquals("04_trained_embeddings", Sweeps.of("04", Scale.PAPER).notebook());
        assertTrue(q.describe().startsWith("width 32, depths [2, 4, 8, 16], 7 activations, seeds 0..4, 600 Adam steps"), q.describe());
        assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddingsSweep(null));
    }

    @Test
    void depthTestsOnTheCommittedCsvEqualThoseOfTheLiveRun() {
        TrainedEmbeddingsSweep sweep = tiny();
        var live = sweep.outcome(new Runner(null, 1), s -> { });
        Path out = dir.resolve("results");
        assertTrue(Reproduce.execute(sweep, new Reproduce.Options("04", Scale.QUICK, out, 2, Runner.Shard.ALL, 0), null, "local",
                new String[0], s -> { }));
        SweepResults loaded = SweepResults.load(out, "04_trained_embeddings", Scale.QUICK);
        assertEquals(withoutSeconds(live.runs()), withoutSeconds(loaded.group("c3")), "same runs, in the sweep's order, whatever the threads");
        assertEquals(sweep.setup().runs(), loaded.group("c3").size());
        var a = TrainedEmbeddings.depthTests(live, ACTS, DEPTHS);
        var b = TrainedEmbeddings.depthTests(loaded.group("c3"), ACTS, DEPTHS);
        assertEquals(ACTS.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).describe(), b.get(i).describe());
            assertEquals(a.get(i).pHolm(), b.get(i).pHolm(), 0.0);
            assertEquals(a.get(i).addedSlope(), b.get(i).addedSlope());
        }
        // replaying the sweep over the CSV (no training) gives the live choices too
        var replay = sweep.outcome(Runner.readOnly(List.of(out.resolve("quick/04_trained_embeddings/runs.csv"))), s -> { });
        assertEquals(withoutSeconds(live.runs()), withoutSeconds(replay.runs()));
        for (Nonlinearity act : ACTS) for (int d : DEPTHS) assertEquals(live.lr(act, d), replay.lr(act, d), 0.0);
    }

    /** The runs' CSV lines without the wall-time column (the only field that differs between two runs of one spec). */
    static List<String> withoutSeconds(List<RunResult> runs) {
        return runs.stream().map(r -> r.toCsv().substring(0, r.toCsv().lastIndexOf(','))).toList();
    }
}
