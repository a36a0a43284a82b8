package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lowrank.claims.ExpandedRho;
import org.lowrank.notebook.Scale;
import org.lowrank.train.ExpandExperiment;

/**
 * Notebook 08 (expanded layers, C9's mechanism): its experiment ({@link ExpandedRho.Setup}) as cells, in two stages.
 * First each model's learning-rate trials, {@code lr|plain|lr=R} and {@code lr|expanded|lr=R} (one value: the
 * validation accuracy, NaN when the trial diverged), as the setup's search asks for them (a best rate at an edge of
 * the grid adds a trial). Once both searches are decided, every model a cell, {@code plain|seed=S} and
 * {@code expanded|seed=S} at its chosen rate, in seed order (a seed's two models next to each other, so a sweep
 * stopped early leaves complete pairs). A model cell holds {@link ExpandExperiment.Arm#flatten}: per epoch (0 = at
 * initialization) ρ of every hidden layer, train and test accuracy. Each model trains alone; its numbers are the
 * notebook's for that seed. Local engine only, whole (staged cells cannot be sharded).
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

    /** The key of one learning-rate trial's cell. */
    public static String trialKey(boolean expanded, double lr) {
        return "lr|" + (expanded ? "expanded" : "plain") + "|lr=" + lr;
    }

    @Override
    public List<Cell> cells() {
        return cells(Map.of());
    }

    @Override
    public boolean staged() {
        return true;
    }

    @Override
    public List<Cell> cells(Map<String, double[]> done) {
        List<Cell> cells = new ArrayList<>();
        ExpandedRho.Replay[] replays = new ExpandedRho.Replay[2];
        for (boolean expanded : new boolean[] {false, true}) {
            java.util.Set<Double> rates = new java.util.LinkedHashSet<>();
            ExpandedRho.Replay r = setup.replay(expanded, lr -> {
                rates.add(lr);
                double[] v = done.get(trialKey(expanded, lr));
                return v == null ? null : v[0];
            });
            for (double lr : r.pending()) rates.add(lr);
            for (double lr : rates) cells.add(new Cell(trialKey(expanded, lr), () -> new double[] {setup.trial(expanded, lr)}));
            replays[expanded ? 1 : 0] = r;
        }
        if (replays[0].result() == null || replays[1].result() == null) return cells;
        ExpandedRho.Rates rates = new ExpandedRho.Rates(replays[0].result(), replays[1].result());
        for (long seed : setup.seeds()) for (boolean expanded : new boolean[] {false, true}) {
            ExpandExperiment x = setup.withSeed(seed, rates);
            cells.add(new Cell(key(expanded, seed), () -> x.runArm(expanded).flatten()));
        }
        return cells;
    }

    /** Both models' rate searches as decided by the trial cells in {@code cells}; null while a trial is missing. */
    public ExpandedRho.Rates rates(Map<String, double[]> cells) {
        ExpandedRho.Replay p = setup.replay(false, lr -> value(cells, trialKey(false, lr)));
        ExpandedRho.Replay x = setup.replay(true, lr -> value(cells, trialKey(true, lr)));
        return p.result() == null || x.result() == null ? null : new ExpandedRho.Rates(p.result(), x.result());
    }

    private static Double value(Map<String, double[]> cells, String key) {
        double[] v = cells.get(key);
        return v == null ? null : v[0];
    }

    /** How many models the sweep trains (two per seed). */
    public int models() {
        return 2 * setup.seeds().length;
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
