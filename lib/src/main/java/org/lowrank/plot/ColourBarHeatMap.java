package org.lowrank.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * An XChart heat map with a colour bar on its right: the colour gradient of the chart's scale, a few round ticks with
 * formatted labels ({@link Plots#colourBarTicks}) and a title. XChart 3.8's own heat-map legend labels only the
 * scale's ends, with {@code Double.toString} ({@code 0.6931471805599453}) and no title, and offers no hook to format
 * them; so the chart is drawn without it, {@link #BAR_AREA} pixels narrower, and the bar is painted beside it with
 * the same colours and the same linear value-to-colour rule as XChart's cells (colours evenly spaced from min to max).
 */
final class ColourBarHeatMap extends HeatMapChart {
    /** Width in pixels taken by the colour bar, its labels and its title. */
    static final int BAR_AREA = 104;
    private static final int BAR_WIDTH = 16, TICK = 4;

    private final String barTitle;

    ColourBarHeatMap(HeatMapChartBuilder builder, String barTitle) {
        super(builder);
        this.barTitle = barTitle;
    }

    /** The colour bar's title (may be null: no title). */
    String barTitle() {
        return barTitle;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setColor(getStyler().getChartBackgroundColor());
        g.fillRect(0, 0, width, height);
        super.paint(g, width - BAR_AREA, height);
        setWidth(width);                                  // the image keeps its full width
        paintBar(g, width, height);
    }

    /** Vertical extent of the bar: below the title, above the x-axis labels. */
    static int barTop(int height) {
        return Math.round(height * 0.12f);
    }

    static int barBottom(int height) {
        return Math.round(height * 0.80f);
    }

    /** Left edge of the bar. */
    static int barLeft(int width) {
        return width - BAR_AREA + 12;
    }

    private void paintBar(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double min = getStyler().getMin(), max = getStyler().getMax();
        Color[] colours = getStyler().getRangeColors();
        int left = barLeft(width), top = barTop(height), bottom = barBottom(height);
        float[] fractions = new float[colours.length];
        Color[] topDown = new Color[colours.length];
        for (int i = 0; i < colours.length; i++) {
            fractions[i] = colours.length == 1 ? 0f : (float) i / (colours.length - 1);
            topDown[i] = colours[colours.length - 1 - i];          // largest value at the top
        }
        if (colours.length == 1) {
            g.setColor(colours[0]);
        } else {
            g.setPaint(new LinearGradientPaint(left, top, left, bottom, fractions, topDown));
        }
        g.fillRect(left, top, BAR_WIDTH, bottom - top);
        g.setColor(getStyler().getChartFontColor());
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, BAR_WIDTH, bottom - top);

        Font font = getStyler().getAxisTickLabelsFont();
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        Plots.Ticks ticks = Plots.colourBarTicks(min, max);
        int labelsRight = left + BAR_WIDTH + TICK + 2;
        for (int i = 0; i < ticks.values().length; i++) {
            double f = max == min ? 0.5 : (ticks.values()[i] - min) / (max - min);
            int y = (int) Math.round(bottom - f * (bottom - top));
            g.drawLine(left + BAR_WIDTH, y, left + BAR_WIDTH + TICK, y);
            String label = ticks.labels().get(i);
            g.drawString(label, labelsRight, y + fm.getAscent() / 2 - 1);
        }
        if (barTitle != null && !barTitle.isBlank()) {
            Font titleFont = getStyler().getAxisTitleFont();
            g.setFont(titleFont);
            FontMetrics tm = g.getFontMetrics();
            String text = barTitle;
            int room = bottom - top + 40;
            while (tm.stringWidth(text) > room && text.length() > 4) text = text.substring(0, text.length() - 2);
            if (!text.equals(barTitle)) text = text.strip() + "…";
            AffineTransform saved = g.getTransform();
            int x = width - 6 - tm.getDescent();
            int yMid = (top + bottom) / 2;
            g.rotate(-Math.PI / 2, x, yMid);
            g.drawString(text, x - tm.stringWidth(text) / 2, yMid);
            g.setTransform(saved);
        }
    }
}
