package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.lowrank.random.FussCatalan;
import org.lowrank.random.Init;
import org.lowrank.random.LandscapeConfig;
import org.lowrank.random.RankDistribution;

/** The claim checks of notebooks 01-03 (RankLandscapeChecks, RandomNetworkChecks, RandomMatrixChecks) and ReportLine. */
class DrawChecksTest {
    private static double[] normal(long seed, int n, double mean, double std) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mean + std * r.nextGaussian();
        return x;
    }

    private static List<String> names(List<ReportLine> lines, ReportLine.Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).map(ReportLine::name).toList();
    }

    @Test
    void c1PassesWhenTwoLayersHaveTheLargerFractionAndFailsOtherwise() {
        double[] one = normal(1, 40, 0.25, 0.05), two = normal(2, 40, 0.5, 0.05);   // > 30 pairs: normal approximation (exact up to 30 enumerates 2^n sign patterns)
        var c1 = RankLandscapeChecks.c1(new double[][] {one, two});
        assertTrue(c1.holds());
        assertEquals(40, c1.draws());
        assertEquals(40, c1.twoLarger());
        ReportLine line = c1.lines().get(0);
        assertEquals(ReportLine.Kind.CHECK, line.kind());
        assertEquals("C1: low-rho region larger for two layers", line.name());
        assertTrue(line.detail().matches("mean fraction 0\\.\\d{3} \\(two\\) vs 0\\.\\d{3} \\(one\\), larger in 40/40 draws, one-sided Wilcoxon p = .*e-\\d\\d < 0.01"),
                line.detail());
        var swapped = RankLandscapeChecks.c1(new double[][] {two, one});
        assertFalse(swapped.holds());
        assertFalse(swapped.lines().get(0).holds());
        assertThrows(IllegalArgumentException.class, () -> RankLandscapeChecks.c1(new double[][] {one}));
        assertThrows(IllegalArgumentException.class, () -> RankLandscapeChecks.c1(new double[][] {one, new double[3]}));
    }

    @Test
    void c1AlternativeIsATestedFindingNamedByItsSetup() {
        var alt = new LandscapeConfig(4, 41, 2.0, false, 0.5, 20);
        ReportLine f = RankLandscapeChecks.alternative(alt, new double[][] {normal(3, 20, 0.1, 0.01), normal(4, 20, 0.3, 0.01)});
        assertEquals(ReportLine.Kind.FINDING, f.kind());
        assertEquals("C1 with n=4, unit-norm directions: two layers larger", f.name());
        assertEquals(Boolean.TRUE, f.holds());
        assertEquals(Boolean.FALSE, RankLandscapeChecks.alternative(alt, new double[][] {normal(4, 20, 0.3, 0.01), normal(3, 20, 0.1, 0.01)}).holds());
    }

    private static RankDistribution[] falling(long seed, double[] means, double[] stds) {
        RankDistribution[] d = new RankDistribution[means.length];
        for (int i = 0; i < means.length; i++) d[i] = new RankDistribution(normal(seed + i, 2000, means[i], stds[i]));
        return d;
    }

    @Test
    void c2aChecksCalibrationTrendAndEquivalenceInTheNotebooksOrder() {
        int[] depths = {1, 2, 4};
        double[] means = {2.5, 2.3, 2.0}, stds = {0.02, 0.04, 0.08};
        Map<Init, RankDistribution[]> products = new EnumMap<>(Init.class);
        products.put(Init.NORMAL, falling(10, means, stds));
        products.put(Init.UNIFORM, falling(20, means, stds));
        Map<Init, double[]> calibration = Map.of(Init.NORMAL, means, Init.UNIFORM, new double[] {2.5, 2.3, 1.9});
        List<ReportLine> lines = RandomNetworkChecks.c2a(depths, products, calibration, 0.1);
        assertEquals(List.of("C2a: 16x16 linear means match §6, NORMAL", "C2a: 16x16 linear means match §6, UNIFORM",
                "C2a: rho(W_e) falls with depth, NORMAL", "C2a: spread of rho(W_e) grows with depth, NORMAL",
                "C2a: rho(W_e) falls with depth, UNIFORM", "C2a: spread of rho(W_e) grows with depth, UNIFORM",
                "C2a: Normal and Uniform means equivalent within 0.1 at every depth"), names(lines, ReportLine.Kind.CHECK));
        Map<String, Boolean> holds = new LinkedHashMap<>();
        lines.stream().filter(l -> l.kind() == ReportLine.Kind.CHECK).forEach(l -> holds.put(l.name(), l.holds()));
        assertTrue(holds.get("C2a: 16x16 linear means match §6, NORMAL"));
        assertFalse(holds.get("C2a: 16x16 linear means match §6, UNIFORM"), "1.9 is 0.1 off the sample mean 2.0, tolerance 0.02");
        assertTrue(holds.get("C2a: rho(W_e) falls with depth, NORMAL"));
        assertTrue(holds.get("C2a: Normal and Uniform means equivalent within 0.1 at every depth"));
        assertTrue(lines.get(2).kind() == ReportLine.Kind.TEXT && lines.get(2).name().startsWith("rho(W_e), NORMAL:\nd  1-> 2: mean"));
        // a Uniform panel 0.3 higher at the last depth: no longer equivalent, and the gap is a finding
        products.put(Init.UNIFORM, falling(20, new double[] {2.5, 2.3, 2.3}, stds));
        List<ReportLine> far = RandomNetworkChecks.c2a(depths, products, calibration, 0.1);
        assertFalse(far.get(far.size() - 1).holds());
        assertTrue(names(far, ReportLine.Kind.FINDING).contains("C2a: Normal and Uniform differ at d=4"));
        assertThrows(IllegalArgumentException.class, () -> RandomNetworkChecks.c2a(new int[] {1, 2}, products, calibration, 0.1));
    }

    @Test
    void c2bAssertsTheLinearSpreadAndReportsTheReluSpreadAndPeaks() {
        int[] depths = {1, 2, 4};
        Map<String, RankDistribution[]> gram = new LinkedHashMap<>();
        gram.put("LINEAR NORMAL", falling(30, new double[] {2.2, 2.1, 1.9}, new double[] {0.05, 0.07, 0.09}));
        gram.put("RELU NORMAL", falling(40, new double[] {2.2, 1.4, 0.4}, new double[] {0.05, 0.25, 0.2}));
        Map<String, double[]> peaks = Map.of("LINEAR NORMAL", new double[] {2.2, 2.1, 1.9}, "RELU NORMAL", new double[] {2.2, 1.9, 1.7});
        List<ReportLine> lines = RandomNetworkChecks.c2b(depths, gram, peaks);
        assertEquals(List.of("C2b: rho(K) falls with depth, LINEAR NORMAL", "C2b: spread of rho(K) grows with depth, LINEAR NORMAL",
                "C2b: rho(K) falls with depth, RELU NORMAL"), names(lines, ReportLine.Kind.CHECK));
        assertTrue(lines.stream().filter(l -> l.kind() == ReportLine.Kind.CHECK).allMatch(ReportLine::holds));
        ReportLine spread = lines.stream().filter(l -> l.name().equals("C2b: spread of rho(K) grows at every depth step, RELU NORMAL")).findFirst().orElseThrow();
        assertEquals(Boolean.FALSE, spread.holds());
        assertTrue(spread.detail().matches("std 0\\.0\\d\\d -> 0\\.2\\d\\d -> 0\\.\\d{3}"), spread.detail());
        // peaks further than 0.05 from the paper's are reported (ReLU at d=2 and 4), the others not
        assertEquals(List.of("C2b peak vs paper, RELU NORMAL, d=2", "C2b peak vs paper, RELU NORMAL, d=4"), names(lines, ReportLine.Kind.FINDING)
                .stream().filter(n -> n.startsWith("C2b peak")).toList());
    }

    @Test
    void momentsMatchTheFussCatalanLawAndAWrongLawFails() {
        double[][] lambdas = FussCatalan.sampleSquaredSingularValues(128, 2, 6, 7L);
        var m = RandomMatrixChecks.moments(2, lambdas, 4);
        assertEquals(4, m.moments().size());
        assertEquals(3.0, m.moments().get(1).exact());
        assertTrue(m.ok());
        ReportLine check = RandomMatrixChecks.momentChecks(128, List.of(m)).get(0);
        assertEquals("C8: empirical moments k=1..3 match Fuss-Catalan, d=2", check.name());
        assertEquals("n = 128, tolerance max(5% relative, 3 standard errors)", check.detail());
        assertTrue(check.holds());
        // depth-2 spectra judged against the depth-3 law: m_2 = 4 vs about 3
        assertFalse(RandomMatrixChecks.moments(3, lambdas, 4).ok());
    }

    @Test
    void rhoChecksNeedAFallAtEverySizeAndTheLimitAtTheLargest() {
        int[] depths = {1, 2, 4};
        double[] limit = {-0.217, -0.401, -0.697};
        Map<Integer, double[]> gaps = new TreeMap<>(Map.of(16, new double[] {-0.23, -0.42, -0.73}, 64, new double[] {-0.22, -0.41, -0.71},
                256, new double[] {-0.219, -0.403, -0.701}));
        List<ReportLine> lines = RandomMatrixChecks.rhoChecks(depths, gaps, 256, limit);
        assertEquals(List.of("C8: rho(W_e) falls monotonically with d, n=16", "C8: rho(W_e) falls monotonically with d, n=64",
                "C8: rho(W_e) falls monotonically with d, n=256", "C8: rho(W_e) - ln n at n=256 within 0.03 of the Fuss-Catalan limit"),
                names(lines, ReportLine.Kind.CHECK));
        assertTrue(lines.stream().filter(l -> l.kind() == ReportLine.Kind.CHECK).allMatch(ReportLine::holds));
        assertEquals("[-0.23, -0.42, -0.73]", lines.get(0).detail());
        ReportLine finding = lines.get(lines.size() - 1);
        assertEquals(Boolean.TRUE, finding.holds());
        assertEquals("largest |difference| 0.033 over d = [1, 2, 4]", finding.detail());
        gaps.put(64, new double[] {-0.22, -0.20, -0.71});
        gaps.put(256, new double[] {-0.219, -0.403, -0.75});
        List<ReportLine> bad = RandomMatrixChecks.rhoChecks(depths, gaps, 256, limit);
        assertFalse(bad.get(1).holds(), "n=64 rises from d=1 to d=2");
        assertFalse(bad.get(3).holds(), "0.053 from the limit at d=4");
        assertThrows(IllegalArgumentException.class, () -> RandomMatrixChecks.rhoChecks(depths, gaps, 512, limit));
    }

    @Test
    void reportLinesRejectWhatTheyCannotPrint() {
        assertThrows(IllegalArgumentException.class, () -> new ReportLine(ReportLine.Kind.CHECK, "C1: x", null, ""));
        assertThrows(IllegalArgumentException.class, () -> ReportLine.check(" ", true, ""));
        assertThrows(IllegalArgumentException.class, () -> new ReportLine(ReportLine.Kind.TEXT, "t", true, ""));
        assertEquals("", ReportLine.finding("C1: x", null).detail());
    }
}
