package org.lowrank.plot;

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
