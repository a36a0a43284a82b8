package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunStatus;
import org.lowrank.experiment.Runner;

class LowRankTargetsTest {
    static RunResult c7(int rank, int d, long s, double train) {
        return new RunResult("c7|" + rank + "|" + d + "|" + s, "c7", d, "RELU", "DEFAULT", rank, "Adam", 1e-3, s, 10, RunStatus.BUDGET, train,
                train, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** Rank-64 loss grows with depth (plus a seed effect), low ranks stay tiny. */
    static List<RunResult> c7Runs(double growth, int[] depths) {
        List<RunResult> rs = new ArrayList<>();
        for (int rank : new int[] {1, 4, 64})
            for (int d : depths)
                for (int s = 0; s < 5; s++) {
                    double seed = 1 + 0.2 * Math.sin(2 * s + 1);
                    rs.add(c7(rank, d, s, rank == 64 ? 0.003 * seed * (1 + growth * d) : 1e-6 * seed * d));
                }
        return rs;
    }

    static ReportLine line(List<ReportLine> lines, String prefix) {
        return lines.stream().filter(l -> l.name().startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix));
    }

    @Test
    void c7LossThatGrowsWithDepthPassesAndAFlatOneFails() {
        var a = LowRankTargets.analyzeC7(c7Runs(1.0, new int[] {2, 4, 8}));
        ReportLine hi = line(a.lines(), "C7: for a rank-64 target");
        assertEquals(ReportLine.Kind.CHECK, hi.kind());
        assertTrue(hi.holds(), hi.detail());
        assertTrue(line(a.lines(), "C7: the gap between rank-64").holds());
        assertTrue(line(a.lines(), "C7: every run of rank 1, 4 stays below 10%").holds());
        assertTrue(line(a.lines(), "C7: mean train MSE").detail().contains("rank 64: d=2"));
        var flat = LowRankTargets.analyzeC7(c7Runs(0.0, new int[] {2, 4, 8}));
        assertFalse(line(flat.lines(), "C7: for a rank-64 target").holds());
    }

    @Test
    void anIncompleteDepthIsLeftOutAndNamed() {
        List<RunResult> rs = c7Runs(1.0, new int[] {2, 4, 8, 16});
        rs.removeIf(r -> r.depth() == 16 && r.targetRank() == 64 && r.seed() >= 2); // a sweep still running
        var a = LowRankTargets.analyzeC7(rs);
        assertArrayEquals(new int[] {2, 4, 8}, a.depths());
        ReportLine left = line(a.lines(), "C7: depths left out");
        assertEquals(ReportLine.Kind.FINDING, left.kind());
        assertNull(left.holds(), "a reported finding tests nothing");
        assertEquals("16", left.detail());
    }

    @Test
    void anUnfinishedResultsCheckBecomesAFindingWithTheSameVerdict() {
        ReportLine c = ReportLine.check("C7: a", false, "x").asFinding();
        assertEquals(ReportLine.Kind.FINDING, c.kind());
        assertEquals(Boolean.FALSE, c.holds());
        assertEquals("x", c.detail());
        ReportLine f = ReportLine.finding("C7: b", "y");
        assertSame(f, f.asFinding());
        assertThrows(IllegalArgumentException.class, () -> ReportLine.check(" ", true, ""));
    }

    @Test
    void tinyC6AndC7RunOnHeldOutSeedsAndAnalyzeAlikeFromTheCsv(@TempDir Path dir) {
        var c6 = LowRankTargets.C6Setup.quick().withSizes(new int[] {1, 2}, 2, 40);
        var c7 = LowRankTargets.C7Setup.quick().withSizes(new int[] {1, 2}, new int[] {1, 8}, 2, 20);
        Path csv = dir.resolve("runs.csv");
        Runner runner = new Runner(csv, 1);
        List<String> log = new ArrayList<>();
        var o6 = LowRankTargets.runC6(runner, c6, log::add);
        var o7 = LowRankTargets.runC7(runner, c7, log::add);
        assertEquals(c6.runCount(), o6.runs().size());
        assertEquals(c7.runCount(), o7.runs().size());
        for (LrSweep.Tuned t : o6.tuned()) assertEquals(LowRankTargets.SWEEP_SEED, t.choice().template().seed());
        for (LrSweep.Tuned t : o7.tuned()) assertEquals(LowRankTargets.SWEEP_SEED, t.choice().template().seed());
        List<RunResult> loaded = new ArrayList<>(ResultsCsv.read(csv).values());
        assertEquals(LowRankTargets.analyzeC6(o6.runs()).lines(), LowRankTargets.analyzeC6(loaded).lines());
        assertEquals(LowRankTargets.analyzeC7(o7.runs()).lines(), LowRankTargets.analyzeC7(loaded).lines());
    }

    @Test
    void badSetupsNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> LowRankTargets.C7Setup.quick().withSizes(new int[] {2, 4}, new int[] {4, 64}, 5, 800));
        assertTrue(e.getMessage().startsWith("ranks = [4, 64]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LowRankTargets.C6Setup.quick().withSizes(new int[] {1}, 5, 800));
        assertTrue(e.getMessage().startsWith("depths = [1]"), e.getMessage());
    }
}
