package org.lowrank.reproduce;

import java.util.List;
import java.util.Map;

import org.lowrank.notebook.Scale;
import org.lowrank.random.LandscapeConfig;
import org.lowrank.random.RankLandscape;

/**
 * Notebook 01 (C1, rank landscape), with its seed: cell {@code lowFractions|draws=N} holds the low-ρ fraction of each
 * draw's slice, one layer (first N values) then two layers (next N); {@code slice0|grid=G} the ρ grids of draw 0's
 * slice, one layer then two layers (row-major, G×G each); {@code alt|...} the notebook's two alternative setups as
 * {@code lowFractions}.
 *
 * @param config the notebook's C1 configuration at its scale
 */
public record RankLandscapeSweep(LandscapeConfig config) implements DrawSweep {
    /** The notebook's seed. */
    public static final long SEED = 20210318L;
    /** The notebook's two alternative setups (its last section): 4×4 weights, and unit-norm directions. */
    public static final List<LandscapeConfig> ALTERNATIVES = List.of(new LandscapeConfig(4, 41, 2.0, true, 0.5, 20),
            new LandscapeConfig(2, 41, 2.0, false, 0.5, 20));

    /** The notebook's configuration at {@code scale} (its cell 2). */
    public static RankLandscapeSweep at(Scale scale) {
        return new RankLandscapeSweep(new LandscapeConfig(2, scale.pick(61, 101), 2.0, true, 0.5, scale.pick(40, 200)));
    }

    @Override
    public String notebook() {
        return "01_rank_landscape";
    }

    /** The key of the main setup's low-ρ fractions. */
    public String lowFractionsKey() {
        return "lowFractions|draws=" + config.draws();
    }

    /** The key of an alternative setup's low-ρ fractions. */
    public static String alternativeKey(LandscapeConfig alt) {
        return "alt|n=" + alt.n() + "|" + (alt.layerNormalized() ? "layer-normalized" : "unit-norm") + "|draws=" + alt.draws();
    }

    @Override
    public List<Cell> cells() {
        LandscapeConfig alt4 = ALTERNATIVES.get(0), alt2 = ALTERNATIVES.get(1);
        return List.of(
                new Cell(lowFractionsKey(), () -> concat(RankLandscape.lowFractions(config, SEED))),
                new Cell("slice0|grid=" + config.grid(), () -> {
                    RankLandscape.Slice s = RankLandscape.sliceOfDraw(config, SEED, 0);
                    return concat(flatten(s.oneLayer()), flatten(s.twoLayer()));
                }),
                new Cell(alternativeKey(alt4), () -> concat(RankLandscape.lowFractions(alt4, SEED))),
                new Cell(alternativeKey(alt2), () -> concat(RankLandscape.lowFractions(alt2, SEED))));
    }

    /** The main setup's fractions as {@code RankLandscape.lowFractions} gives them: [one layer, two layers][draw]. */
    public double[][] lowFractions(Map<String, double[]> cells) {
        return split(require(cells, lowFractionsKey()), config.draws());
    }

    /** An alternative setup's fractions, [one layer, two layers][draw]. */
    public static double[][] alternativeFractions(Map<String, double[]> cells, LandscapeConfig alt) {
        return split(require(cells, alternativeKey(alt)), alt.draws());
    }

    static double[] require(Map<String, double[]> cells, String key) {
        double[] v = cells.get(key);
        if (v == null) throw new IllegalArgumentException("no cell '" + key + "' in the draws; cells: " + cells.keySet());
        return v;
    }

    private static double[][] split(double[] v, int draws) {
        if (v.length != 2 * draws) throw new IllegalArgumentException("cell has " + v.length + " values; expected 2 x " + draws + " draws");
        return new double[][] {java.util.Arrays.copyOfRange(v, 0, draws), java.util.Arrays.copyOfRange(v, draws, 2 * draws)};
    }

    static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
