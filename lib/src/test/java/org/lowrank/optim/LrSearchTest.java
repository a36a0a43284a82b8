package org.lowrank.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

class LrSearchTest {
    /** A score with its minimum at {@code opt}, quadratic in log rate. */
    static DoubleUnaryOperator bowl(double opt) {
        return lr -> Math.pow(Math.log(lr / opt), 2);
    }

    @Test
    void interiorBestKeepsTheGridUnchanged() {
        List<Double> asked = new ArrayList<>();
        LrSearch.Result r = LrSearch.run("c", new double[] {0.4, 0.1, 0.2}, 3, lr -> {
            asked.add(lr);
            return bowl(0.2).applyAsDouble(lr);
        });
        assertEquals(0.2, r.lr());
        assertEquals(LrSearch.Outcome.INTERIOR, r.outcome());
        assertEquals(0, r.extensions());
        assertEquals(List.of(0.1, 0.2, 0.4), asked, "only the grid, ascending");
        assertArrayEquals(new double[] {0.1, 0.2, 0.4}, r.rates());
        assertEquals("", r.note());
    }

    @Test
    void bestAtTheTopEdgeExtendsUpwardByTheGridRatioUntilInterior() {
        LrSearch.Result r = LrSearch.run("c", new double[] {0.1, 0.2, 0.4}, 3, bowl(1.6));
        assertEquals(1.6, r.lr(), 1e-12);
        assertTrue(r.interior());
        assertEquals(3, r.extensions());
        assertArrayEquals(new double[] {0.1, 0.2, 0.4, 0.8, 1.6, 3.2}, r.rates(), 1e-12);
        assertTrue(r.note().contains("extended by 3"), r.note());
    }

    @Test
    void bestAtTheBottomEdgeExtendsDownwardByTheBottomRatio() {
        LrSearch.Result r = LrSearch.run("c", new double[] {0.1, 0.3, 0.9}, 3, bowl(0.03));
        assertEquals(0.1 / 3, r.lr(), 1e-12);
        assertTrue(r.interior());
        assertEquals(2, r.extensions());
        assertEquals(0.1 / 9, r.rates()[0], 1e-12);
    }

    @Test
    void aDivergedNeighbourMakesTheBestInterior() {
        // loss falls with the rate until it diverges above 0.5
        LrSearch.Result r = LrSearch.run("c", new double[] {0.1, 0.2, 0.4}, 3, lr -> lr > 0.5 ? Double.NaN : 1 - lr);
        assertEquals(0.4, r.lr());
        assertTrue(r.interior());
        assertEquals(1, r.extensions());
        assertTrue(r.points().get(3).diverged());
    }

    @Test
    void anEdgeThatStaysAnEdgeAfterTheBoundIsReportedNotHidden() {
        LrSearch.Result r = LrSearch.run("SGD d=4", new double[] {0.1, 0.2}, 2, bowl(100));
        assertEquals(0.8, r.lr(), 1e-12);
        assertEquals(LrSearch.Outcome.HIGH_EDGE, r.outcome());
        assertFalse(r.interior());
        assertEquals(2, r.extensions());
        assertTrue(r.note().contains("LARGEST") && r.note().contains("2 extensions"), r.note());
        LrSearch.Result none = LrSearch.run("c", new double[] {0.1, 0.2}, 0, bowl(100));
        assertEquals(LrSearch.Outcome.HIGH_EDGE, none.outcome());
        assertEquals(2, none.rates().length, "no extension allowed");
        assertEquals(LrSearch.Outcome.LOW_EDGE, LrSearch.run("c", new double[] {0.1, 0.2}, 1, bowl(1e-6)).outcome());
    }

    @Test
    void everyRateDivergedFailsLoudlyAfterTryingSmallerRates() {
        LrSearch.AllDivergedException e = assertThrows(LrSearch.AllDivergedException.class,
                () -> LrSearch.run("SGD d=32 DEFAULT", new double[] {0.05, 0.2, 0.8}, 2, lr -> Double.POSITIVE_INFINITY));
        assertEquals("SGD d=32 DEFAULT", e.configuration());
        assertArrayEquals(new double[] {0.05 / 16, 0.05 / 4, 0.05, 0.2, 0.8}, e.rates(), 1e-15);
        assertTrue(e.getMessage().contains("SGD d=32 DEFAULT") && e.getMessage().contains("0.8"), e.getMessage());
        // a smaller rate that does not diverge is found and then made interior
        LrSearch.Result r = LrSearch.run("c", new double[] {0.05, 0.2, 0.8}, 4, lr -> lr > 0.01 ? Double.NaN : 1 - lr);
        assertEquals(0.05 / 16, r.lr(), 1e-15);
        assertTrue(r.interior(), "diverged above, worse below");
    }

    @Test
    void tiesGoToTheSmallerRate() {
        LrSearch.Result r = LrSearch.select("c", List.of(new LrSearch.Point(0.3, 0.2), new LrSearch.Point(0.1, 0.5),
                new LrSearch.Point(0.03, 0.2), new LrSearch.Point(0.01, 0.4)));
        assertEquals(0.03, r.lr());
        assertEquals(LrSearch.Outcome.INTERIOR, r.outcome());
    }

    @Test
    void searchingManyConfigurationsInOneBatchGivesTheSameChoicesAsOneByOneAndIsDeterministic() {
        double[] grid = {0.01, 0.1, 1};
        double[] opts = {0.1, 5000, 1e-4, 0.5};
        List<String> names = List.of("a", "b", "c", "d");
        List<Integer> batchSizes = new ArrayList<>();
        LrSearch.BatchScorer scorer = probes -> {
            batchSizes.add(probes.size());
            return probes.stream().mapToDouble(p -> bowl(opts[p.configuration()]).applyAsDouble(p.lr())).toArray();
        };
        List<LrSearch.Result> batch = LrSearch.run(names, grid, 3, scorer);
        assertEquals(12, batchSizes.get(0), "the first round scores every grid point of every configuration at once");
        List<LrSearch.Result> again = LrSearch.run(names, grid, 3, scorer);
        for (int k = 0; k < names.size(); k++) {
            LrSearch.Result one = LrSearch.run(names.get(k), grid, 3, bowl(opts[k]));
            assertEquals(one, batch.get(k));
            assertEquals(batch.get(k), again.get(k));
        }
        assertTrue(batch.get(0).interior());
        assertEquals(LrSearch.Outcome.HIGH_EDGE, batch.get(1).outcome());
        assertEquals(1000, batch.get(1).lr(), 1e-9);
    }

    @Test
    void badInputIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LrSearch("c", new double[] {0.1}, 3));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LrSearch("c", new double[] {0.1, 0.1}, 3));
        assertThrows(IllegalArgumentException.class, () -> new LrSearch("c", new double[] {-0.1, 0.1}, 3));
        assertThrows(IllegalArgumentException.class, () -> new LrSearch("c", new double[] {0.1, 0.2}, -1));
        LrSearch s = new LrSearch("c", new double[] {0.1, 0.2}, 1);
        assertThrows(IllegalArgumentException.class, () -> s.record(new double[] {1}));
        assertThrows(IllegalStateException.class, s::result);
    }
}
