package org.lowrank.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @Test
    void lineChartRendersAndSavesAsPng(@TempDir Path dir) throws Exception {
        var chart = Plots.lines("t", "x", "y");
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        var img = Plots.image(chart);
        assertEquals(Plots.WIDTH, img.getWidth());
        Path png = Plots.savePng(chart, dir.resolve("sub/fig.png"));
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 8 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', "PNG signature");
    }

    @Test
    void heatmapLabelsAFewTicksAndChecksShape() {
        double[] xs = new double[61], ys = new double[61];
        double[][] z = new double[61][61];
        for (int i = 0; i < 61; i++) { xs[i] = ys[i] = -2 + 4.0 * i / 60; }
        for (int i = 0; i < 61; i++) for (int j = 0; j < 61; j++) z[i][j] = i * j;
        var chart = Plots.heatmap("z", z, xs, ys);
        long labelled = chart.getHeatMapSeries().getXData().stream().filter(o -> !o.toString().isBlank()).count();
        assertTrue(labelled >= 5 && labelled <= 13, "labelled ticks: " + labelled);
        assertTrue(Plots.image(chart).getHeight() > 0);
        assertThrows(IllegalArgumentException.class, () -> Plots.heatmap("bad", new double[2][3], new double[2], new double[2]));
    }

    @Test
    void lineChartLegendSitsOutsideThePlot() {
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, Plots.lines("t", "x", "y").getStyler().getLegendPosition());
    }

    @Test
    void heatmapAxisLabelsAreIntegersForIndicesAndShortDecimalsOtherwise() {
        double[] idx = new double[100];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        var labelled = Plots.sparseLabels(idx, 9).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(java.util.List.of("0", "11", "22", "33", "44", "55", "66", "77", "88", "99"), labelled);
        double[] grid = new double[61];
        for (int i = 0; i < grid.length; i++) grid[i] = -2 + 4.0 * i / 60;
        var g = Plots.sparseLabels(grid, 9).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(java.util.List.of("-2.0", "-1.6", "-1.2", "-0.8", "-0.4", "0.0", "0.4", "0.8", "1.2", "1.6", "2.0"), g);
        var thirds = Plots.sparseLabels(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, 4);
        assertEquals(java.util.List.of("0.000", "0.333", "0.667", "1.000"), thirds);
    }

    @Test
    void colourBarTicksAreRoundAndFormatted() {
        var t = Plots.colourBarTicks(0, Math.log(2));
        assertEquals(java.util.List.of("0.0", "0.2", "0.4", "0.6"), t.labels());
        assertEquals(0.6, t.values()[3], 1e-12);
        assertEquals(java.util.List.of("-0.5", "0.0", "0.5", "1.0"), Plots.colourBarTicks(-0.8486940434971526, 1.0).labels());
        assertEquals(java.util.List.of("0", "20", "40", "60", "80"), Plots.colourBarTicks(0, 99).labels());
        assertEquals(java.util.List.of("0.0010", "0.0012", "0.0014", "0.0016", "0.0018", "0.0020"), Plots.colourBarTicks(0.001, 0.0021).labels());
        assertEquals(java.util.List.of("0.693"), Plots.colourBarTicks(Math.log(2), Math.log(2)).labels());
        for (String label : Plots.colourBarTicks(-3.7, 12.3).labels()) assertTrue(label.length() <= 4, label);
        assertThrows(IllegalArgumentException.class, () -> Plots.colourBarTicks(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Plots.colourBarTicks(0, Double.POSITIVE_INFINITY));
    }

    @Test
    void heatmapDrawsATitledColourBarInsteadOfXChartsRawLegend() {
        double[][] z = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) z[i][j] = Math.log(2) * (i + j) / 8;
        double[] xs = {1, 2, 3, 4, 5};
        var chart = Plots.heatmap("rho", z, xs, xs, 5, "depth", "depth", "rho (nats)", 0, Math.log(2));
        assertTrue(!chart.getStyler().isLegendVisible(), "XChart's legend (raw doubles) is off");
        assertEquals("rho (nats)", ((ColourBarHeatMap) chart).barTitle());
        var img = Plots.image(chart);
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.WIDTH, Plots.image(chart).getWidth(), "rendering twice keeps the width");
        int x = ColourBarHeatMap.barLeft(Plots.WIDTH) + 8;
        java.awt.Color[] v = Plots.viridis();
        assertClose(v[v.length - 1], new java.awt.Color(img.getRGB(x, ColourBarHeatMap.barTop(Plots.HEIGHT) + 2)));
        assertClose(v[0], new java.awt.Color(img.getRGB(x, ColourBarHeatMap.barBottom(Plots.HEIGHT) - 2)));
        assertThrows(IllegalArgumentException.class, () -> Plots.heatmap("bad", z, xs, xs, 5, "a", "b", "c", 1, 0));
    }

    @Test
    void rhoOverSeedsShowsInitBesideFinalWithErrorBars() {
        var runs = new java.util.ArrayList<org.lowrank.claims.ExpandedRho.Run>();
        for (int s = 1; s <= 3; s++)
            runs.add(new org.lowrank.claims.ExpandedRho.Run(s, new double[] {4.8 + 0.01 * s, 4.78}, new double[] {4.3, 3.8 - 0.01 * s},
                    0.8, 0.8, 0.9, 0.9));
        var c = ExpandPlots.rhoOverSeeds(org.lowrank.claims.ExpandedRho.of(runs));
        var expanded = c.getSeriesMap().get("expanded (collapsed)");
        assertEquals(2, c.getSeriesMap().size());
        assertArrayEquals(new double[] {0, 1}, expanded.getXData(), 0);
        assertEquals(4.3, expanded.getYData()[0], 1e-12);
        assertTrue(expanded.getExtraValues()[1] > 0, "error bar over seeds");
        assertTrue(Plots.image(c).getWidth() > 0);
    }

    private static void assertClose(java.awt.Color want, java.awt.Color got) {
        int d = Math.abs(want.getRed() - got.getRed()) + Math.abs(want.getGreen() - got.getGreen()) + Math.abs(want.getBlue() - got.getBlue());
        assertTrue(d < 30, "want " + want + ", got " + got);
    }

    @org.junit.jupiter.api.Test
    void meanCiCurveHasErrorBars() {
        org.knowm.xchart.XYChart c = Plots.lines("t", "depth", "rho");
        org.knowm.xchart.XYSeries s = Plots.addMeanCi(c, "a", new double[]{1, 2},
                new double[][]{{1, 2, 3}, {2, Double.NaN, 4}});
        org.junit.jupiter.api.Assertions.assertEquals(2.0, s.getYData()[0], 1e-15);
        org.junit.jupiter.api.Assertions.assertEquals(3.0, s.getYData()[1], 1e-15);
        org.junit.jupiter.api.Assertions.assertTrue(s.getExtraValues()[0] > 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Plots.addMeanCi(c, "b", new double[]{1}, new double[][]{{1}, {2}}));
        org.junit.jupiter.api.Assertions.assertNotNull(Plots.image(c));
    }
}
