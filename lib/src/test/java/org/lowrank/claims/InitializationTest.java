package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.ResultsCsv;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunStatus;
import org.lowrank.experiment.Runner;

class InitializationTest {
    static final int[] DEPTHS = {1, 4, 16};

    static RunResult run(String group, String init, int d, long s, double rhoInit, double rhoFinal, double train) {
        return new RunResult(group + init + d + "/" + s, group, d, "LINEAR", init, 8, "SGD", 0.1, s, 10, RunStatus.BUDGET, train, 0.5,
                rhoInit, rhoFinal, Double.NaN, Double.NaN, Math.log(8), 0);
    }

    /** Low-rank init flat at 1.34; final ρ falls by {@code lowFall}·log₂d / 4; default init ends {@code gap} below. */
    static List<RunResult> runs(double lowFall, double gap) {
        List<RunResult> rs = new ArrayList<>();
        for (int s = 0; s < 5; s++)
            for (int d : DEPTHS) {
                double noise = 0.01 * Math.sin(3 * s + d), log2 = Math.log(d) / Math.log(2);
                double low = 2.3 + 0.02 * s - lowFall * log2 / 4 + noise;
                rs.add(run("c5", "DEFAULT", d, s, 2.5 - 0.4 * log2, low - gap + 0.5 * noise, 0.01 * d + 0.001 * s));
                rs.add(run("c5", "LOW_RANK", d, s, 1.337, low, 0.001 * s));
                rs.add(run("lr-c5", "LOW_RANK", d, 1000 + s, 1.337, 9, 9)); // a sweep run: ignored by the analysis
            }
        return rs;
    }

    static ReportLine line(Initialization.Analysis a, String prefix) {
        return a.lines().stream().filter(l -> l.name().startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix));
    }

    @Test
    void aFallFromTheFlatLowRankInitPassesAndNoFallFails() {
        var a = Initialization.analyze(runs(0.5, 0.0));
        assertArrayEquals(DEPTHS, a.depths());
        ReportLine low = line(a, "C5: from the low-rank init");
        assertEquals(ReportLine.Kind.CHECK, low.kind());
        assertTrue(low.holds(), low.detail());
        assertTrue(low.name().contains("1.337 at every depth"), low.name());
        ReportLine alike = line(a, "C5: at d >= 16");
        assertEquals(ReportLine.Kind.FINDING, alike.kind());
        assertTrue(alike.holds(), alike.detail());
        assertTrue(line(a, "C5: train loss grows").holds());

        var flat = Initialization.analyze(runs(0.0, 0.0));
        assertFalse(line(flat, "C5: from the low-rank init").holds());
    }

    @Test
    void aSeedWithARunThatDidNotFitLeavesTheRhoTestsAndIsNamed() {
        List<RunResult> rs = new ArrayList<>(runs(0.5, 0.0));
        rs.replaceAll(r -> r.group().equals("c5") && r.init().equals("LOW_RANK") && r.depth() == 16 && r.seed() == 2
                ? run("c5", "LOW_RANK", 16, 2, 1.337, 0.08, 0.82) : r);
        var a = Initialization.analyze(rs);
        ReportLine note = line(a, "C5: runs that did not fit");
        assertEquals("LOW_RANK r=8 d=16 seed 2: train MSE 0.820, rho 0.080, lr 0.100", note.detail());
        ReportLine low = line(a, "C5: from the low-rank init");
        assertTrue(low.holds(), low.detail());
        assertTrue(low.detail().contains("(n=4)"), low.detail());
        // the train-loss check keeps every run
        assertTrue(line(a, "C5: train loss grows").detail().contains("(n=5)"));
        assertEquals("none", line(Initialization.analyze(runs(0.5, 0.0)), "C5: runs that did not fit").detail());
    }

    @Test
    void aGapWiderThanATenthIsReportedAsNotHolding() {
        var a = Initialization.analyze(runs(0.5, 0.3));
        ReportLine alike = line(a, "C5: at d >= 16");
        assertFalse(alike.holds(), alike.detail());
        assertEquals(-0.3, a.gaps().get(0).gap().mean(), 0.02);
        assertTrue(alike.detail().contains("d=16: default - low-rank -0.3"), alike.detail());
    }

    @Test
    void ratesUsedComeFromTheRunsThemselves() {
        List<String> used = Initialization.ratesUsed(runs(0.5, 0));
        assertEquals(6, used.size());
        assertEquals("DEFAULT d=1: 0.100 ×5", used.get(0));
    }

    @Test
    void runTunesOnHeldOutSeedsAndTheAnalysisIsTheSameOnTheCsv(@TempDir Path dir) {
        var setup = Initialization.Setup.quick().withSizes(new int[] {1, 2}, 2, 40, 1);
        Path csv = dir.resolve("runs.csv");
        List<String> log = new ArrayList<>();
        var o = Initialization.run(new Runner(csv, 1), setup, log::add);
        assertEquals(2 * 2 * 2, o.runs().size());
        assertEquals(setup.runCount(), o.runs().size());
        for (LrSweep.Tuned t : o.tuned()) assertEquals(Initialization.SWEEP_SEED, t.choice().template().seed());
        assertTrue(o.runs().stream().allMatch(r -> r.seed() < 2 && r.group().equals("c5")));
        assertTrue(log.stream().anyMatch(l -> l.contains("held-out seeds 1000..1000")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("chosen")), String.join("\n", log));
        // the analysis of the live runs equals the analysis of every row of the CSV (sweep runs included)
        assertTrue(Files.exists(csv));
        List<RunResult> loaded = new ArrayList<>(ResultsCsv.read(csv).values());
        assertTrue(loaded.size() > o.runs().size());
        assertEquals(Initialization.analyze(o.runs()).lines(), Initialization.analyze(loaded).lines());
    }

    @Test
    void badSetupsNameTheArgument() {
        var q = Initialization.Setup.quick();
        var e = assertThrows(IllegalArgumentException.class, () -> q.withSizes(new int[] {4, 1}, 5, 100, 1));
        assertTrue(e.getMessage().startsWith("depths = [4, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Initialization.Setup(q.task(), 16, q.depths(), q.inits(), 5, 100,
                q.lrGrid(), 3, 1));
        assertTrue(e.getMessage().contains("sweepSeed = 3 overlaps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Initialization.analyze(List.of()));
        assertTrue(e.getMessage().contains("depths"), e.getMessage());
        assertEquals(List.of(NetConfig.Init.DEFAULT, NetConfig.Init.LOW_RANK), q.inits());
    }
}
