package org.lowrank.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lowrank.optim.LrSearch;

class LrSweepTest {
    static final TaskSpec TASK = new TaskSpec(8, 8, 2, TaskSpec.Spectrum.EQUAL, 16, 16, 0);

    static RunSpec template(int depth) {
        return new RunSpec("t", TASK, NetConfig.linear(8, depth, NetConfig.Init.DEFAULT), new OptimizerSpec(Optimizer.SGD, 0.1), 200, 1e-12, 3, false);
    }

    @Test
    void aBestRateAtTheTopEdgeIsExtendedUntilInterior() {
        // rates far too small for 50 GD steps: the largest always wins until the rates diverge
        List<LrSweep.Choice> ch = LrSweep.pick(new Runner(null, 2), List.of(template(2)), new double[] {1e-3, 4e-3}, 50, 2, 6);
        LrSweep.Choice c = ch.get(0);
        assertTrue(c.grid().length > 2, c.describe());
        assertTrue(c.lr() > 4e-3, c.describe());
        assertTrue(c.interior(), c.describe());
        assertEquals(c.search().extensions(), c.grid().length - 2);
        for (int i = 1; i < c.grid().length; i++) assertEquals(4, c.grid()[i] / c.grid()[i - 1], 1e-9, "geometric");
        assertTrue(c.describe().contains("extended by"), c.describe());
    }

    @Test
    void anInteriorBestKeepsTheGridAndSweepsAreDeterministic() {
        double[] grid = {0.01, 0.05, 0.25, 1.25, 6.25};
        List<RunSpec> ts = List.of(template(2), template(3));
        List<LrSweep.Choice> a = LrSweep.pick(new Runner(null, 1), ts, grid, 40, 2);
        List<LrSweep.Choice> b = LrSweep.pick(new Runner(null, 2), ts, grid, 40, 2);
        for (int k = 0; k < ts.size(); k++) {
            assertTrue(a.get(k).interior(), a.get(k).describe());
            assertArrayEquals(grid, a.get(k).grid(), 0.0);
            assertEquals(a.get(k).lr(), b.get(k).lr());
            assertArrayEquals(a.get(k).losses(), b.get(k).losses(), 0.0);
            assertEquals(a.get(k).describe(), b.get(k).describe());
        }
    }

    @Test
    void everyRateDivergingThrowsNamingTheConfigurationAndTheRates() {
        LrSearch.AllDivergedException e = assertThrows(LrSearch.AllDivergedException.class,
                () -> LrSweep.pick(new Runner(null, 2), List.of(template(4)), new double[] {50, 100}, 20, 1, 1));
        assertTrue(e.getMessage().contains("SGD d=4 DEFAULT r=2") && e.getMessage().contains("100"), e.getMessage());
        assertArrayEquals(new double[] {25, 50, 100}, e.rates(), 0.0);
    }

    @Test
    void tunedRunsReportTheRateActuallyUsed() {
        LrSweep.Choice c = LrSweep.pick(new Runner(null, 2), List.of(template(2)), new double[] {0.05, 0.2, 0.8}, 40, 1).get(0);
        List<LrSweep.Tuned> t = LrSweep.train(new Runner(null, 2), List.of(c), "full", 60, 3);
        assertEquals(3, t.get(0).runs().size());
        assertEquals(List.of(0L, 1L, 2L), t.get(0).runs().stream().map(RunResult::seed).toList());
        String line = t.get(0).ratesUsed();
        assertTrue(line.startsWith("SGD d=2 DEFAULT r=2: chosen "), line);
        assertTrue(line.contains("×3") || line.contains("halved"), line);
        // a run whose rate diverges is halved by FastTrainer; the line says so
        LrSweep.Choice tooHigh = new LrSweep.Choice(c.template(), 50, c.grid(), c.losses(), c.search());
        String halved = LrSweep.train(new Runner(null, 2), List.of(tooHigh), "full", 60, 2).get(0).ratesUsed();
        assertTrue(halved.contains("2 of 2 halved after diverging"), halved);
        assertEquals(6, LrSweep.Tuned.all(List.of(t.get(0), t.get(0))).size());
    }
}
