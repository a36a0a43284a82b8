package org.lowrank.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.lowrank.random.Init;
import org.lowrank.random.RankDistribution;

/**
 * Notebook 02's claim checks (C2a, C2b) on ρ of random products and random nets by depth: the same rules for the
 * notebook's live draws and for its committed larger-scale draws. Each method returns its lines in the order the
 * notebook prints them (the per-step test tables included).
 */
public final class RandomNetworkChecks {
    private RandomNetworkChecks() {}

    /** Family-wise level of the depth-trend tests and of the equivalence tests. */
    public static final double ALPHA = 0.01;
    /** C2b: a KDE peak further than this from the paper's read-off peak is reported. */
    public static final double PEAK_REPORT = 0.05;

    /**
     * C2a, ρ(W_e) of products of 16×16 matrices: means match the numpy calibration (tolerance: the larger of 0.02 and
     * 3·std/√draws) per init; mean falls and spread grows with depth (DepthTrend) per init; Normal and Uniform means
     * equivalent within {@code margin} at every depth (TOST), with a finding where their gap is significant.
     *
     * @param depths      increasing depths
     * @param products    per init, the draws at each depth
     * @param calibration per init, the calibration mean at each depth
     * @param margin      the equivalence margin between Normal and Uniform (nats)
     */
    public static List<ReportLine> c2a(int[] depths, Map<Init, RankDistribution[]> products, Map<Init, double[]> calibration, double margin) {
        for (Init init : Init.values()) {
            requireDepths("products of " + init, depths, products.get(init));
            if (calibration.get(init) == null || calibration.get(init).length != depths.length)
                throw new IllegalArgumentException("calibration of " + init + " must have one mean per depth (" + depths.length + ")");
        }
        List<ReportLine> out = new ArrayList<>();
        for (Init init : Init.values()) {
            boolean ok = true;
            StringBuilder detail = new StringBuilder();
            for (int i = 0; i < depths.length; i++) {
                RankDistribution r = products.get(init)[i];
                double tol = Math.max(0.02, 3 * r.std() / Math.sqrt(r.size()));
                ok &= Math.abs(r.mean() - calibration.get(init)[i]) <= tol;
                detail.append(String.format(Locale.ROOT, "d=%d %.3f vs %.3f (tol %.3f); ", depths[i], r.mean(), calibration.get(init)[i], tol));
            }
            out.add(ReportLine.check("C2a: 16x16 linear means match §6, " + init, ok, detail.toString()));
        }
        for (Init init : Init.values()) {
            DepthTrend.Result trend = DepthTrend.test(depths, products.get(init), ALPHA);
            out.add(ReportLine.text("rho(W_e), " + init + ":\n" + trend.describe()));
            out.add(ReportLine.check("C2a: rho(W_e) falls with depth, " + init, trend.meanFalls(), "one-sided Welch t-tests, Bonferroni alpha 0.01"));
            out.add(ReportLine.check("C2a: spread of rho(W_e) grows with depth, " + init, trend.stdGrows(), "one-sided F-tests, Bonferroni alpha 0.01"));
        }
        boolean allEquivalent = true;
        for (int i = 0; i < depths.length; i++) {
            double[] normal = products.get(Init.NORMAL)[i].samples(), uniform = products.get(Init.UNIFORM)[i].samples();
            Equivalence.Result eq = Equivalence.tost(normal, uniform, margin, ALPHA);
            allEquivalent &= eq.equivalent();
            out.add(ReportLine.text("d=" + depths[i] + ": Normal - Uniform " + eq.describe()));
            double p = Stats.welchTwoSided(normal, uniform);
            if (p < ALPHA) out.add(ReportLine.finding("C2a: Normal and Uniform differ at d=" + depths[i],
                    String.format(Locale.ROOT, "mean gap %.3f (s.e. %.4f), Welch two-sided p=%.2g: small but real", eq.gap(), eq.se(), p)));
        }
        out.add(ReportLine.check("C2a: Normal and Uniform means equivalent within " + margin + " at every depth", allEquivalent,
                "TOST (two one-sided Welch tests) at alpha 0.01 per depth, all depths required"));
        return out;
    }

    /**
     * C2b, ρ(K) of random nets, per panel (e.g. {@code "RELU NORMAL"}): the mean falls with depth (check); the spread
     * grows (a check for linear panels, a tested finding for the others, whose spread need not grow as ρ(K) nears 0);
     * KDE peaks further than {@value #PEAK_REPORT} from the paper's read-off peaks are reported.
     *
     * @param depths     increasing depths
     * @param gram       per panel, the draws at each depth; a panel whose name starts with LINEAR is linear
     * @param paperPeaks per panel, the paper's peak at each depth
     */
    public static List<ReportLine> c2b(int[] depths, Map<String, RankDistribution[]> gram, Map<String, double[]> paperPeaks) {
        List<ReportLine> out = new ArrayList<>();
        for (var e : gram.entrySet()) {
            requireDepths("panel " + e.getKey(), depths, e.getValue());
            double[] paper = paperPeaks.get(e.getKey());
            if (paper == null || paper.length != depths.length)
                throw new IllegalArgumentException("paperPeaks of panel " + e.getKey() + " must have one peak per depth (" + depths.length + ")");
            DepthTrend.Result trend = DepthTrend.test(depths, e.getValue(), ALPHA);
            out.add(ReportLine.text("rho(K), " + e.getKey() + ":\n" + trend.describe()));
            out.add(ReportLine.check("C2b: rho(K) falls with depth, " + e.getKey(), trend.meanFalls(), "one-sided Welch t-tests, Bonferroni alpha 0.01"));
            if (e.getKey().startsWith("LINEAR")) {
                out.add(ReportLine.check("C2b: spread of rho(K) grows with depth, " + e.getKey(), trend.stdGrows(), "one-sided F-tests, Bonferroni alpha 0.01"));
            } else {
                out.add(ReportLine.finding("C2b: spread of rho(K) grows at every depth step, " + e.getKey(), trend.stdGrows(),
                        "std " + trend.steps().stream().map(s -> String.format(Locale.ROOT, "%.3f", s.stdFrom())).collect(Collectors.joining(" -> "))
                                + String.format(Locale.ROOT, " -> %.3f", trend.steps().get(trend.steps().size() - 1).stdTo())));
            }
            for (int i = 0; i < depths.length; i++) {
                double ours = e.getValue()[i].kdePeak(0, 3, 3001).location();
                if (Math.abs(ours - paper[i]) > PEAK_REPORT) {
                    out.add(ReportLine.finding("C2b peak vs paper, " + e.getKey() + ", d=" + depths[i],
                            String.format(Locale.ROOT, "ours %.2f, paper %.2f", ours, paper[i])));
                }
            }
        }
        return out;
    }

    private static void requireDepths(String what, int[] depths, RankDistribution[] d) {
        if (d == null || d.length != depths.length)
            throw new IllegalArgumentException(what + " must have one set of draws per depth (" + depths.length + "), got "
                    + (d == null ? "none" : d.length));
    }
}
