package org.lowrank.reproduce;

import java.util.List;

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

    /** The notebook's configuration at {@code scale} (its cell 2). */
    public static RankLandscapeSweep at(Scale scale) {
        return new RankLandscapeSweep(new LandscapeConfig(2, scale.pick(61, 101), 2.0, true, 0.5, scale.pick(40, 200)));
    }

    @Override
    public String notebook() {
        return "01_rank_landscape";
    }

    @Override
    public List<Cell> cells() {
        LandscapeConfig alt4 = new LandscapeConfig(4, 41, 2.0, true, 0.5, 20), alt2 = new LandscapeConfig(2, 41, 2.0, false, 0.5, 20);
        return List.of(
                new Cell("lowFractions|draws=" + config.draws(), () -> concat(RankLandscape.lowFractions(config, SEED))),
                new Cell("slice0|grid=" + config.grid(), () -> {
                    RankLandscape.Slice s = RankLandscape.sliceOfDraw(config, SEED, 0);
                    return concat(flatten(s.oneLayer()), flatten(s.twoLayer()));
                }),
                new Cell("alt|n=4|layer-normalized|draws=20", () -> concat(RankLandscape.lowFractions(alt4, SEED))),
                new Cell("alt|n=2|unit-norm|draws=20", () -> concat(RankLandscape.lowFractions(alt2, SEED))));
    }

    static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
