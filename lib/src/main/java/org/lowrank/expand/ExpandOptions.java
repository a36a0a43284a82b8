package org.lowrank.expand;

import java.util.Arrays;
import java.util.Set;

/**
 * What {@link Expand} does to a network (official {@code overparameterize} arguments, plus include/exclude lists).
 *
 * @param depth             factors per expanded layer (>= 1)
 * @param width             hidden width factor, h = int(nOut·width)
 * @param batchNorm         batch norm after every factor
 * @param residual          residual edges (every expanded layer then needs nIn == nOut)
 * @param residualIntervals residual intervals (−1 = input to output)
 * @param target            which layer kinds to expand
 * @param only              if non-empty, expand only these layers (MultiLayerNetwork: index as text or layer name;
 *                          ComputationGraph: vertex name)
 * @param exclude           never expand these layers (same naming)
 */
public record ExpandOptions(int depth, double width, boolean batchNorm, boolean residual, int[] residualIntervals,
                            Target target, Set<String> only, Set<String> exclude) {

    /** Layer kinds to expand ({@code overparam='all'|'conv'|'fc'}). */
    public enum Target { ALL, CONV, DENSE }

    public ExpandOptions {
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("width = " + width + "; allowed: finite > 0");
        if (residualIntervals == null || residualIntervals.length == 0)
            throw new IllegalArgumentException("residualIntervals = " + Arrays.toString(residualIntervals) + "; allowed: non-empty");
        if (target == null) throw new IllegalArgumentException("target is null; allowed: ALL, CONV, DENSE");
        residualIntervals = residualIntervals.clone();
        only = only == null ? Set.of() : Set.copyOf(only);
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    }

    @Override
    public int[] residualIntervals() { return residualIntervals.clone(); }

    /** Depth and width; no batch norm or residual; all dense and conv layers. */
    public static ExpandOptions of(int depth, double width) {
        return new ExpandOptions(depth, width, false, false, new int[]{2}, Target.ALL, Set.of(), Set.of());
    }

    public ExpandOptions withBatchNorm(boolean bn) {
        return new ExpandOptions(depth, width, bn, residual, residualIntervals, target, only, exclude);
    }

    public ExpandOptions withResidual(int... intervals) {
        return new ExpandOptions(depth, width, batchNorm, true, intervals, target, only, exclude);
    }

    public ExpandOptions withTarget(Target t) {
        return new ExpandOptions(depth, width, batchNorm, residual, residualIntervals, t, only, exclude);
    }

    public ExpandOptions only(String... layers) {
        return new ExpandOptions(depth, width, batchNorm, residual, residualIntervals, target, Set.of(layers), exclude);
    }

    public ExpandOptions exclude(String... layers) {
        return new ExpandOptions(depth, width, batchNorm, residual, residualIntervals, target, only, Set.of(layers));
    }

    /** Whether the layer with this index/name is selected by only/exclude. */
    boolean selects(String... ids) {
        for (String id : ids) if (id != null && exclude.contains(id)) return false;
        if (only.isEmpty()) return true;
        for (String id : ids) if (id != null && only.contains(id)) return true;
        return false;
    }
}
