package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.claims.OptimizerComparison;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.notebook.Scale;

class OptimizersSweepTest {
    @TempDir Path dir;

    /** Two tiny comparisons: SGD (swept) and random search (one rate), then SGD against Adam from a small init. */
    static OptimizersSweep tiny() {
        TaskSpec task = new TaskSpec(8, 8, 2, TaskSpec.Spectrum.EQUAL, 6, 16, 0);
        var budget = new OptimizerComparison.Budget(40, 8, 120);
        Map<Optimizer, double[]> grids = new LinkedHashMap<>();
        grids.put(Optimizer.SGD, new double[] {0.05, 0.2});
        grids.put(Optimizer.RANDOM_SEARCH, new double[] {0.5});
        Map<Optimizer, double[]> small = new LinkedHashMap<>();
        small.put(Optimizer.SGD, new double[] {0.05, 0.2});
        small.put(Optimizer.ADAM, new double[] {0.01, 0.03});
        return new OptimizersSweep(new OptimizerComparison.Setup("c4", task, 8, NetConfig.Init.DEFAULT, new int[] {1, 2}, 3, grids, budget),
                new OptimizerComparison.Setup("s7-small", task, 8, NetConfig.Init.SMALL, new int[] {2}, 3, small, budget));
    }

    @Test
    void atScaleIsTheNotebooksExperiment() {
        // notebook 05, cells 3 and 13: the notebook builds both comparisons with OptimizersSweep.at(SCALE)
        var q = OptimizersSweep.at(Scale.QUICK);
        assertArrayEquals(new int[] {1, 2, 4, 8}, q.c4().depths());
        assertEquals(5, q.c4().seeds());
        assertEquals(new OptimizerComparison.Budget(2000, 400, 10000), q.c4().budget());
        assertEquals(List.of(Optimizer.SGD, Optimizer.NESTEROV, Optimizer.ADAM, Optimizer.LBFGS, Optimizer.CMAES, Optimizer.RANDOM_SEARCH,
                Optimizer.RMSPROP, Optimizer.SIGNUM, Optimizer.LION, Optimizer.MUON, Optimizer.SCALAR_ADAM), q.c4().optimizers());
        assertEquals(NetConfig.Init.DEFAULT, q.c4().init());
        assertEquals(220, q.c4().runs());
        assertArrayEquals(new int[] {2, 4}, q.small().depths());
        assertEquals(NetConfig.Init.SMALL, q.small().init());
        assertEquals(List.of(Optimizer.SGD, Optimizer.ADAM, Optimizer.RMSPROP, Optimizer.SIGNUM, Optimizer.LION, Optimizer.MUON,
                Optimizer.SCALAR_ADAM), q.small().optimizers());
        assertArrayEquals(new double[] {0.05, 0.2, 0.8}, q.small().grids().get(Optimizer.SGD));
        assertEquals(70, q.small().runs());
        var p = OptimizersSweep.at(Scale.PAPER);
        assertEquals(10, p.c4().seeds());
        assertEquals(new OptimizerComparison.Budget(20000, 2000, 200000), p.small().budget());
        assertEquals(q.c4().task(), p.small().task());
        assertTrue(q.small().describe().startsWith("s7-small: width 32, SMALL init, depths [2, 4], seeds 0..4; 2000 steps"), q.small().describe());
    }

    @Test
    void setupRejectsBadInputByName() {
        var q = OptimizersSweep.at(Scale.QUICK).c4();
        var e = assertThrows(IllegalArgumentException.class, () -> new OptimizerComparison.Setup("c4", q.task(), 32, NetConfig.Init.DEFAULT,
                new int[] {1}, 0, q.grids(), q.budget()));
        assertTrue(e.getMessage().contains("seeds = 0"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> new OptimizerComparison.Setup("c4", q.task(), 32, NetConfig.Init.DEFAULT,
                new int[] {1}, 2, Map.of(Optimizer.SGD, new double[0]), q.budget()));
        assertTrue(g.getMessage().contains("grid of SGD"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OptimizerComparison.Setup(" ", q.task(), 32, NetConfig.Init.DEFAULT,
                new int[] {1}, 2, q.grids(), q.budget()));
        assertThrows(UnsupportedOperationException.class, () -> q.grids().put(Optimizer.SGD, new double[] {1}));
    }

    @Test
    void analysesOnTheCommittedCsvEqualThoseOfTheLiveRun() {
        OptimizersSweep sweep = tiny();
        var liveC4 = sweep.c4().run(new Runner(null, 1), s -> { });
        var liveSmall = sweep.small().run(new Runner(null, 1), s -> { });
        Path out = dir.resolve("results");
        assertTrue(Reproduce.execute(sweep, new Reproduce.Options("05", Scale.QUICK, out, 2, Runner.Shard.ALL, 0), null, "local",
                new String[0], s -> { }));
        SweepResults loaded = SweepResults.load(out, "05_optimizers", Scale.QUICK);
        List<RunResult> c4 = loaded.group("c4"), small = loaded.group("s7-small");
        assertEquals(TrainedEmbeddingsSweepTest.withoutSeconds(liveC4.runs()), TrainedEmbeddingsSweepTest.withoutSeconds(c4));
        assertEquals(TrainedEmbeddingsSweepTest.withoutSeconds(liveSmall.runs()), TrainedEmbeddingsSweepTest.withoutSeconds(small));
        assertEquals(sweep.c4().runs() + sweep.small().runs(), c4.size() + small.size());
        assertEquals(OptimizerComparison.trainingEffect(liveC4.runs(), List.of(Optimizer.SGD), new int[] {1, 2}),
                OptimizerComparison.trainingEffect(c4, List.of(Optimizer.SGD), new int[] {1, 2}));
        assertEquals(OptimizerComparison.keepsBias(liveSmall.runs(), List.of(Optimizer.ADAM), Optimizer.SGD, 2),
                OptimizerComparison.keepsBias(small, List.of(Optimizer.ADAM), Optimizer.SGD, 2));
        assertEquals(OptimizerComparison.fits(liveC4.runs(), Optimizer.RANDOM_SEARCH), OptimizerComparison.fits(c4, Optimizer.RANDOM_SEARCH));
    }
}
