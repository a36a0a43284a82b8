package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lowrank.claims.CnnRuns.Metric;
import org.lowrank.train.CnnExperiment.Run;
import org.lowrank.train.EpochMetrics;

class CnnRunsTest {
    /** A run whose only epoch ends with these accuracies and ρ(K). */
    private static Run run(int depth, long seed, double train, double test, double rhoInit, double rho) {
        EpochMetrics m = new EpochMetrics(1, 10, 1.0, train, test, 0.1, 100, 1);
        return new Run(depth, 0.1, seed, List.of(m), new double[]{rho}, rhoInit, rho, test, 0, 10, 10, true, 1, 1);
    }

    /**
     * Plain runs with a large seed-to-seed spread; depth 2 = plain + {@code shift2} (+ tiny noise), depth 4 = plain +
     * {@code shift4}: a paired test sees the shift, an unpaired one drowns it in the spread.
     */
    private static List<Run> runs(double shift2, double shift4) {
        List<Run> rs = new ArrayList<>();
        double[] base = {0.60, 0.75, 0.66, 0.82, 0.70};
        double[] noise = {0.001, -0.002, 0.0015, -0.001, 0.0005};
        for (int k = 0; k < base.length; k++) {
            long seed = k + 1;
            rs.add(run(1, seed, base[k] + 0.1, base[k], 2.0, 1.8));
            rs.add(run(2, seed, base[k] + 0.1, base[k] + shift2 + noise[k], 2.0, 1.8));
            rs.add(run(4, seed, base[k] + 0.1, base[k] + shift4 + noise[k], 2.0, 1.8));
        }
        return rs;
    }

    @Test
    void pairedTestSeesAShiftThatTheSeedSpreadWouldHide() {
        List<CnnRuns.Comparison> c = CnnRuns.vsPlain(runs(0.01, 0.02), new int[]{2, 4}, Metric.TEST_ACCURACY);
        assertEquals(2, c.size());
        for (CnnRuns.Comparison x : c) {
            assertEquals(5, x.pairs());
            assertTrue(x.asPaper(), x.toString());
            assertFalse(x.opposite(), x.toString());
            assertEquals("as the paper", x.verdict());
            assertTrue(x.difference().lo() > 0, x.toString());
        }
        assertEquals(0.02, c.get(1).difference().mean(), 1e-12);
        // the unpaired test on the same numbers is nowhere near significant
        assertTrue(Stats.welchTwoSided(CnnRuns.paired(runs(0.01, 0.02), 2, 1, Metric.TEST_ACCURACY)[0],
                CnnRuns.paired(runs(0.01, 0.02), 2, 1, Metric.TEST_ACCURACY)[1]) > 0.5);
    }

    @Test
    void theOppositeDirectionIsReportedAsSuchAndAFlatDifferenceAsNotSignificant() {
        List<CnnRuns.Comparison> c = CnnRuns.vsPlain(runs(-0.03, 0.0), new int[]{2, 4}, Metric.TEST_ACCURACY);
        assertFalse(c.get(0).asPaper());
        assertTrue(c.get(0).opposite());
        assertEquals("opposite to the paper", c.get(0).verdict());
        assertEquals("not significant", c.get(1).verdict(), c.get(1).toString());
        // same train accuracy, test 0.03 lower: the gap is larger, against the paper's "smaller"
        CnnRuns.Comparison gap = CnnRuns.vsPlain(runs(-0.03, 0.0), new int[]{2, 4}, Metric.GAP).get(0);
        assertEquals(0.03, gap.difference().mean(), 1e-3);
        assertTrue(gap.opposite(), gap.toString());
    }

    @Test
    void holmAdjustsAcrossTheDepthsOfTheFamily() {
        List<CnnRuns.Comparison> c = CnnRuns.vsPlain(runs(0.004, 0.02), new int[]{2, 4}, Metric.TEST_ACCURACY);
        double[] raw = {c.get(0).pPaper(), c.get(1).pPaper()};
        double[] adj = Stats.holm(raw);
        assertEquals(adj[0], c.get(0).pPaperHolm(), 0.0);
        assertEquals(adj[1], c.get(1).pPaperHolm(), 0.0);
        assertTrue(c.get(0).pPaperHolm() >= c.get(0).pPaper());
    }

    @Test
    void pairsAreMatchedBySeedNotByListOrder() {
        List<Run> rs = new ArrayList<>(runs(0.01, 0.02));
        java.util.Collections.reverse(rs);
        assertEquals(CnnRuns.vsPlain(runs(0.01, 0.02), new int[]{2}, Metric.TEST_ACCURACY).get(0).pPaper(),
                CnnRuns.vsPlain(rs, new int[]{2}, Metric.TEST_ACCURACY).get(0).pPaper(), 0.0);
    }

    @Test
    void rhoChangeIsFinalMinusInitAndCurvesStartAtInit() {
        List<Run> rs = List.of(run(1, 1, 0.9, 0.8, 2.5, 1.5), run(1, 2, 0.9, 0.8, 2.0, 1.9));
        assertEquals(-1.0, Metric.RHO_CHANGE.of(rs.get(0)), 1e-15);
        double[][] rho = CnnRuns.rhoCurves(rs, 1);
        assertArrayEquals(new double[]{2.5, 2.0}, rho[0], 0.0);
        assertArrayEquals(new double[]{1.5, 1.9}, rho[1], 0.0);
        assertArrayEquals(new double[]{0.8, 0.8}, CnnRuns.curves(rs, 1, EpochMetrics::testAccuracy)[0], 0.0);
        assertEquals(0.8, CnnRuns.model(rs, 1).test().mean(), 1e-15);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        List<Run> rs = runs(0.01, 0.02);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CnnRuns.vsPlain(rs, new int[]{1}, Metric.GAP));
        assertTrue(e.getMessage().contains("depths > 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CnnRuns.vsPlain(rs, new int[]{}, Metric.GAP));
        assertThrows(IllegalArgumentException.class, () -> CnnRuns.vsPlain(rs.subList(0, 3), new int[]{2}, Metric.GAP));
        List<Run> nan = new ArrayList<>(rs);
        nan.set(1, run(2, 1, 0.7, 0.6, 2.0, Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> CnnRuns.vsPlain(nan, new int[]{2}, Metric.RHO));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
