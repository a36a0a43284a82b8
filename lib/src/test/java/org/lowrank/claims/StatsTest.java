package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class StatsTest {
    static final double[] LOW = {1.0, 1.2, 0.9, 1.1, 1.05}, HIGH = {2.0, 2.2, 1.9, 2.1, 2.3};

    @Test
    void welchOneSidedFollowsTheDirection() {
        double two = new TTest().tTest(LOW, HIGH);
        assertEquals(two / 2, Stats.welchLess(LOW, HIGH), 1e-15);
        assertEquals(1 - two / 2, Stats.welchLess(HIGH, LOW), 1e-15);
        assertTrue(Stats.welchT(LOW, HIGH) < 0);
        assertEquals(two, Stats.welchTwoSided(HIGH, LOW), 1e-15);
    }

    @Test
    void pairedTestsSeePairs() {
        double[] before = {1, 2, 3, 4, 5, 6}, after = {1.5, 2.4, 3.6, 4.3, 5.7, 6.2};
        assertTrue(Stats.pairedGreater(after, before) < 0.01);
        assertTrue(Stats.pairedGreater(before, after) > 0.99);
        assertTrue(Stats.wilcoxonGreater(after, before) < 0.05);
        assertTrue(Stats.wilcoxonGreater(before, after) > 0.95);
    }

    @Test
    void varianceTestSeesTheSpread() {
        double[] narrow = {1.0, 1.01, 0.99, 1.0, 1.02, 0.98}, wide = {0, 2, -1, 3, 1, 1.5};
        assertTrue(Stats.varianceGreater(narrow, wide) < 0.01);
        assertTrue(Stats.varianceGreater(wide, narrow) > 0.99);
    }

    @Test
    void badInputNamesArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stats.welchLess(new double[]{1}, HIGH));
        assertTrue(e.getMessage().contains("a has 1 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stats.pairedGreater(LOW, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("pairs"), e.getMessage());
    }

    @Test
    void holmMatchesTheStepDownDefinition() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, Stats.holm(new double[]{0.01, 0.04, 0.03, 0.005}), 1e-15);
        assertArrayEquals(new double[]{1.0, 1.0}, Stats.holm(new double[]{0.6, 0.9}), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stats.holm(new double[]{0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("p[1]"), e.getMessage());
    }

    @Test
    void pairedLessAndTwoSidedAgreeWithGreater() {
        double[] before = {1, 2, 3, 4, 5, 6}, after = {1.5, 2.4, 3.6, 4.3, 5.7, 6.2};
        assertEquals(Stats.pairedGreater(after, before), Stats.pairedLess(before, after), 1e-15);
        assertEquals(2 * Stats.pairedGreater(after, before), Stats.pairedTwoSided(before, after), 1e-15);
    }

    @Test
    void meanCiIsTheStudentInterval() {
        Stats.MeanCi ci = Stats.meanCi95(new double[]{1, 2, 3, 4, 5});
        assertEquals(3, ci.mean(), 1e-15);
        assertEquals(2.7764451051977987 * Math.sqrt(2.5 / 5), ci.halfWidth(), 1e-9); // Commons Math inverts the t CDF to ~1e-10
        Stats.MeanCi withNan = Stats.meanCi95(new double[]{1, Double.NaN, 2, 3, 4, 5});
        assertEquals(1, withNan.nanCount());
        assertEquals(5, withNan.n());
        assertEquals(ci.lo(), withNan.lo(), 1e-15);
        assertTrue(withNan.toString().contains("1 NaN"), withNan.toString());
        assertEquals(0, Stats.meanCi95(new double[]{7}).halfWidth());
    }
}
