package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;

import org.lowrank.notebook.Scale;
import org.lowrank.random.Init;
import org.lowrank.random.Nonlinearity;
import org.lowrank.random.ProductConfig;
import org.lowrank.random.RandomMatrices;
import org.lowrank.random.RandomNetConfig;
import org.lowrank.random.RandomNetworks;

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
            cells.add(new Cell("c2a|" + init + "|d=" + d, () -> RandomMatrices.productRanks(ProductConfig.of(16, d, init), draws, seed).samples()));
        }
        for (Nonlinearity act : List.of(Nonlinearity.LINEAR, Nonlinearity.RELU)) for (Init init : Init.values())
            for (int i = 0; i < DEPTHS.length; i++) {
                int d = DEPTHS[i];
                long seed = SEED + 1000L * (act.ordinal() + 1) + 100L * init.ordinal() + i;
                cells.add(new Cell("c2b|" + act + "|" + init + "|d=" + d,
                        () -> RandomNetworks.gramRanks(RandomNetConfig.paperDefault(d, act, init), kDraws, seed).samples()));
            }
        for (Nonlinearity act : Nonlinearity.values()) for (int i = 0; i < DEPTHS.length; i++) {
            int d = DEPTHS[i];
            long seed = SEED + 5000L + 10L * act.ordinal() + i;
            cells.add(new Cell("acts|" + act + "|d=" + d,
                    () -> RandomNetworks.gramRanks(new RandomNetConfig(16, 64, 16, d, act, Init.NORMAL, 64, false, true), aDraws, seed).samples()));
        }
        return cells;
    }
}
