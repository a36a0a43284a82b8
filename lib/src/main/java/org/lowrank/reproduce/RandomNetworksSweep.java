package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.lowrank.notebook.Scale;
import org.lowrank.random.Init;
import org.lowrank.random.Nonlinearity;
import org.lowrank.random.ProductConfig;
import org.lowrank.random.RandomMatrices;
import org.lowrank.random.RandomNetConfig;
import org.lowrank.random.RandomNetworks;
import org.lowrank.random.RankDistribution;

/**
 * Notebook 02 (C2, random networks): ρ(W_e) of products of 16×16 matrices (cells {@code c2a|INIT|d=D}), ρ(K) of random
 * linear and ReLU nets (cells {@code c2b|ACT|INIT|d=D}) and ρ(K) per activation ({@code acts|ACT|d=D}), with the
 * notebook's seeds; each cell holds one value per draw.
 *
 * @param draws  draws per C2a cell
 * @param kDraws draws per C2b cell
 * @param aDraws draws per activation cell
 */
public record RandomNetworksSweep(int draws, int kDraws, int aDraws) implements DrawSweep {
    /** The notebook's depths. */
    public static final int[] DEPTHS = {1, 2, 4, 8, 16};
    /** The notebook's seed. */
    public static final long SEED = 20210318L;

    /** The notebook's sizes at {@code scale} (its cells 2, 7 and 13). */
    public static RandomNetworksSweep at(Scale scale) {
        return new RandomNetworksSweep(scale.pick(1000, 5000), scale.pick(1000, 5000), scale.pick(200, 1000));
    }

    @Override
    public String notebook() {
        return "02_random_networks";
    }

    @Override
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Init init : Init.values()) for (int i = 0; i < DEPTHS.length; i++) {
            int d = DEPTHS[i];
            long seed = SEED + 100L * init.ordinal() + i;
            cells.add(new Cell(c2aKey(init, d), () -> RandomMatrices.productRanks(ProductConfig.of(16, d, init), draws, seed).samples()));
        }
        for (Nonlinearity act : List.of(Nonlinearity.LINEAR, Nonlinearity.RELU)) for (Init init : Init.values())
            for (int i = 0; i < DEPTHS.length; i++) {
                int d = DEPTHS[i];
                long seed = SEED + 1000L * (act.ordinal() + 1) + 100L * init.ordinal() + i;
                cells.add(new Cell(c2bKey(act, init, d),
                        () -> RandomNetworks.gramRanks(RandomNetConfig.paperDefault(d, act, init), kDraws, seed).samples()));
            }
        for (Nonlinearity act : Nonlinearity.values()) for (int i = 0; i < DEPTHS.length; i++) {
            int d = DEPTHS[i];
            long seed = SEED + 5000L + 10L * act.ordinal() + i;
            cells.add(new Cell(actsKey(act, d),
                    () -> RandomNetworks.gramRanks(new RandomNetConfig(16, 64, 16, d, act, Init.NORMAL, 64, false, true), aDraws, seed).samples()));
        }
        return cells;
    }

    /** Key of the C2a cell (ρ of 16×16 products) of {@code init} at depth d. */
    public static String c2aKey(Init init, int d) {
        return "c2a|" + init + "|d=" + d;
    }

    /** Key of the C2b cell (ρ(K) of the paper-default net) of {@code act} and {@code init} at depth d. */
    public static String c2bKey(Nonlinearity act, Init init, int d) {
        return "c2b|" + act + "|" + init + "|d=" + d;
    }

    /** Key of the activation cell (ρ(K), fan-in scaled weights) of {@code act} at depth d. */
    public static String actsKey(Nonlinearity act, int d) {
        return "acts|" + act + "|d=" + d;
    }

    /** The C2a draws of {@code init} at each of {@link #DEPTHS}, from a {@code draws.csv}'s cells. */
    public static RankDistribution[] c2a(Map<String, double[]> cells, Init init) {
        return byDepth(cells, d -> c2aKey(init, d));
    }

    /** The C2b draws of {@code act} and {@code init} at each of {@link #DEPTHS}. */
    public static RankDistribution[] c2b(Map<String, double[]> cells, Nonlinearity act, Init init) {
        return byDepth(cells, d -> c2bKey(act, init, d));
    }

    /** The activation draws of {@code act} at each of {@link #DEPTHS}. */
    public static RankDistribution[] acts(Map<String, double[]> cells, Nonlinearity act) {
        return byDepth(cells, d -> actsKey(act, d));
    }

    private static RankDistribution[] byDepth(Map<String, double[]> cells, IntFunction<String> key) {
        RankDistribution[] out = new RankDistribution[DEPTHS.length];
        for (int i = 0; i < DEPTHS.length; i++) out[i] = new RankDistribution(RankLandscapeSweep.require(cells, key.apply(DEPTHS[i])));
        return out;
    }
}
