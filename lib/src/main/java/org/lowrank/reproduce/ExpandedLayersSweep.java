package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lowrank.claims.ExpandedRho;
import org.lowrank.notebook.Scale;
import org.lowrank.train.ExpandExperiment;

/**
 * Notebook 08 (expanded layers, C9's mechanism): its experiment ({@link ExpandedRho.Setup}) with every model a cell,
 * {@code plain|seed=S} and {@code expanded|seed=S}, in seed order (a seed's two models next to each other, so a
 * sweep stopped early leaves complete pairs). A cell holds {@link ExpandExperiment.Arm#flatten}: per epoch (0 = at
 * initialization) ρ of every hidden layer, train and test accuracy. Each model trains alone; its numbers are the
 * notebook's for that seed. Local engine only (cells, like the random draws of 01–03).
 *
 * @param setup the notebook's experiment at its scale
 */
public record ExpandedLayersSweep(ExpandedRho.Setup setup) implements DrawSweep {

    /** The notebook's experiment at {@code scale} (its section 2). */
    public static ExpandedLayersSweep at(Scale scale) {
        return new ExpandedLayersSweep(scale.pick(ExpandedRho.Setup.quick(), ExpandedRho.Setup.paper()));
    }

    @Override
    public String notebook() {
        return "08_expanded_layers";
    }

    /** The key of one model's cell. */
    public static String key(boolean expanded, long seed) {
        return (expanded ? "expanded" : "plain") + "|seed=" + seed;
    }

    @Override
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (long seed : setup.seeds()) for (boolean expanded : new boolean[] {false, true}) {
            ExpandExperiment x = setup.withSeed(seed);
            cells.add(new Cell(key(expanded, seed), () -> x.runArm(expanded).flatten()));
        }
        return cells;
    }

    /** The seeds whose two models are both in {@code cells}, in the setup's order. */
    public List<Long> completeSeeds(Map<String, double[]> cells) {
        List<Long> out = new ArrayList<>();
        for (long s : setup.seeds()) if (cells.containsKey(key(false, s)) && cells.containsKey(key(true, s))) out.add(s);
        return out;
    }

    /** One model's history from {@code cells}; errors name the missing key. */
    public ExpandExperiment.Arm arm(Map<String, double[]> cells, boolean expanded, long seed) {
        double[] v = RankLandscapeSweep.require(cells, key(expanded, seed));
        return ExpandExperiment.Arm.of(expanded, v, setup.base().hidden().length);
    }

    /** The paired runs of the complete seeds ({@link ExpandedRho#of} needs at least two). */
    public List<ExpandedRho.Run> runs(Map<String, double[]> cells) {
        List<ExpandedRho.Run> runs = new ArrayList<>();
        for (long s : completeSeeds(cells)) runs.add(ExpandedRho.run(s, arm(cells, false, s), arm(cells, true, s), setup.layer()));
        return runs;
    }
}
