package org.lowrank.sensing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensingTest {

    @Test
    void gradientMatchesFiniteDifferences() {
        for (MeasurementKind kind : MeasurementKind.values()) {
            SensingProblem p = new SensingProblem(kind, 5, 2, 12, 3);
            double[] w = new double[25], g = new double[25];
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < 25; i++) w[i] = r.nextGaussian();
            p.lossAndGradient(w, g);
            for (int i = 0; i < 25; i += 3) {
                double h = 1e-6;
                double[] wp = w.clone(), wm = w.clone();
                wp[i] += h;
                wm[i] -= h;
                double fd = (p.lossAndGradient(wp, new double[25]) - p.lossAndGradient(wm, new double[25])) / (2 * h);
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), kind + " entry " + i);
            }
        }
    }

    @Test
    void targetHasRankAndNormAndMeasurementsMatch() {
        SensingProblem p = new SensingProblem(MeasurementKind.COMPLETION, 8, 3, 20, 5);
        double[] t = p.target();
        double[] s = org.lowrank.rank.RankMetrics.singularValuesRowMajor(t, 8, 8);
        assertTrue(s[2] > 1e-6 && s[3] < 1e-10, java.util.Arrays.toString(s));
        assertEquals(Math.sqrt(3), Mat.frobenius(t), 1e-12);
        assertEquals(0.0, p.lossAndGradient(t, new double[64]), 1e-25);
        assertEquals(64.0 / 20, p.operatorNorm(), 0);
        assertEquals(76, SensingProblem.degreesOfFreedom(20, 2));
    }

    @Test
    void badInputNamesTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SensingProblem(MeasurementKind.GAUSSIAN, 4, 5, 3, 0));
        assertTrue(e.getMessage().contains("rank = 5"));
        e = assertThrows(IllegalArgumentException.class, () -> new SensingProblem(MeasurementKind.GAUSSIAN, 4, 1, 17, 0));
        assertTrue(e.getMessage().contains("m = 17"));
        e = assertThrows(IllegalArgumentException.class, () -> new FactorizationConfig(0, 0.1, 1, 10, 0, 1));
        assertTrue(e.getMessage().contains("depth = 0"));
        e = assertThrows(IllegalArgumentException.class, () -> new NuclearNorm(1, 1, 0));
        assertTrue(e.getMessage().contains("finalLambdaRel"));
    }

    @Test
    void fullMeasurementsAreRecoveredAtEveryDepth() {
        // all n² entries observed identify any W: every depth must reach the target (deep models shrink the
        // target's null directions only polynomially in time, hence 1e-3 rather than machine precision)
        SensingProblem p = new SensingProblem(MeasurementKind.COMPLETION, 6, 2, 36, 2);
        for (int d = 1; d <= 3; d++) {
            SensingRun run = DeepFactorization.fit(p, new FactorizationConfig(d, 0.3, 1.0, 20000, 1e-14, 1000), 9);
            assertFalse(run.diverged());
            assertTrue(run.error() < 1e-3, "depth " + d + " error " + run.error());
        }
    }

    @Test
    void depthOneFromZeroIsTheMinimumNormInterpolant() {
        // GD on W from (near) zero stays in the row space of A: the error on the complement of the observed
        // entries stays at its init, so a completion problem's depth-1 fit is the target on Ω and ~0 elsewhere
        SensingProblem p = new SensingProblem(MeasurementKind.COMPLETION, 6, 1, 18, 4);
        SensingRun run = DeepFactorization.fit(p, new FactorizationConfig(1, 1e-8, 1.0, 100, 1e-20, 10), 1);
        double[] t = p.target();
        double missing = 0, total = 0;
        for (double v : t) total += v * v;
        // error² = energy of W* off the mask (up to the 1e-8 init)
        double[] y = p.y();
        double observed = 0;
        for (double v : y) observed += (v / 6) * (v / 6);
        missing = total - observed;
        assertEquals(Math.sqrt(missing / total), run.error(), 1e-6);
    }

    @Test
    void sameSeedSameNumbersAndTraceRecorded() {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, 6, 1, 20, 1);
        FactorizationConfig c = new FactorizationConfig(3, 0.1, 1.0, 300, 0, 100);
        SensingRun a = DeepFactorization.fit(p, c, 5), b = DeepFactorization.fit(new SensingProblem(MeasurementKind.GAUSSIAN, 6, 1, 20, 1), c, 5);
        assertEquals(a.error(), b.error(), 0);
        List<SensingRun.TracePoint> tr = a.trace();
        assertEquals(List.of(0, 100, 200, 300), tr.stream().map(SensingRun.TracePoint::step).toList());
        assertTrue(tr.get(3).loss() < tr.get(0).loss());
    }

    @Test
    void thresholdingShrinksSingularValues() {
        // diag(3, 1, 0.5) thresholded at 0.8 → diag(2.2, 0.2, 0)
        double[] a = {3, 0, 0, 0, 1, 0, 0, 0, 0.5}, out = new double[9];
        NuclearNorm.threshold(a, 3, 0.8, out);
        double[] expected = {2.2, 0, 0, 0, 0.2, 0, 0, 0, 0};
        assertArrayEquals(expected, out, 1e-12);
    }

    @Test
    void nuclearNormRecoversWithManyMeasurements() {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, 8, 1, 50, 3);
        SensingRun run = new NuclearNorm(15, 200, 1e-6).fit(p);
        assertTrue(run.error() < 1e-2, "error " + run.error());
    }

    @Test
    void pairedStatistics() {
        double[] ci = PairedStats.meanCi95(new double[] {1, 2, 3});
        assertEquals(2.0, ci[0], 1e-12);
        assertEquals(4.302652729911275 / Math.sqrt(3), ci[1], 1e-9);
        assertArrayEquals(new boolean[] {true, true, true}, PairedStats.holm(new double[] {0.01, 0.04, 0.02}, 0.05));
        assertArrayEquals(new boolean[] {true, false, false}, PairedStats.holm(new double[] {0.01, 0.04, 0.03}, 0.05));
        assertArrayEquals(new boolean[] {false, false}, PairedStats.holm(new double[] {0.03, 0.04}, 0.05));
        double[] a = {1, 2, 3, 4}, b = {1.5, 2.4, 3.6, 4.5};
        assertTrue(PairedStats.pairedLess(a, b) < 0.01);
        assertTrue(PairedStats.pairedLess(b, a) > 0.99);
        assertEquals(1.0, PairedStats.pairedLess(a, a));
    }
}
