package org.lowrank.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.claims.Initialization;
import org.lowrank.claims.LowRankTargets;
import org.lowrank.experiment.Runner;
import org.lowrank.notebook.Scale;

/** The sweeps of notebooks 06 and 07 run the notebooks' drivers: the analysis of a loaded sweep equals the live one. */
class DriverSweepsTest {
    @TempDir Path dir;

    @Test
    void notebook06SweepLoadsToTheDriversOwnAnalysis() {
        var setup = Initialization.Setup.quick().withSizes(new int[] {1, 2}, 2, 40, 1);
        var live = Initialization.run(new Runner(dir.resolve("live.csv"), 1), setup, s -> { });
        Path out = dir.resolve("results");
        assertTrue(Reproduce.execute(new InitializationSweep(setup), new Reproduce.Options("06", Scale.QUICK, out, 1, Runner.Shard.ALL, 0), null,
                "local", new String[0], s -> { }));
        SweepResults loaded = SweepResults.load(out, "06_initialization", Scale.QUICK);
        assertEquals(setup.runCount(), loaded.group(Initialization.GROUP).size());
        assertEquals(Initialization.analyze(live.runs()).lines(), Initialization.analyze(loaded.runs()).lines());
    }

    @Test
    void notebook07SweepLoadsToTheDriversOwnAnalyses() {
        var c6 = LowRankTargets.C6Setup.quick().withSizes(new int[] {1, 2}, 2, 40);
        var c7 = LowRankTargets.C7Setup.quick().withSizes(new int[] {1, 2}, new int[] {1, 8}, 2, 20);
        Runner runner = new Runner(dir.resolve("live.csv"), 1);
        var live6 = LowRankTargets.runC6(runner, c6, s -> { });
        var live7 = LowRankTargets.runC7(runner, c7, s -> { });
        Path out = dir.resolve("results");
        assertTrue(Reproduce.execute(new LowRankTargetsSweep(c6, c7), new Reproduce.Options("07", Scale.QUICK, out, 1, Runner.Shard.ALL, 0), null,
                "local", new String[0], s -> { }));
        SweepResults loaded = SweepResults.load(out, "07_low_rank_targets", Scale.QUICK);
        assertEquals(LowRankTargets.analyzeC6(live6.runs()).lines(), LowRankTargets.analyzeC6(loaded.runs()).lines());
        assertEquals(LowRankTargets.analyzeC7(live7.runs()).lines(), LowRankTargets.analyzeC7(loaded.runs()).lines());
    }
}
