package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lowrank.notebook.Scale;
import org.lowrank.random.FussCatalan;
import org.lowrank.random.Init;
import org.lowrank.random.ProductConfig;
import org.lowrank.random.RandomMatrices;

/**
 * Notebook 03 (C8, random-matrix theory), with its seeds: cells {@code lambda|d=D|draws=K|n=N} hold the squared
 * singular values of K products of d Gaussian N×N matrices (draw after draw, N values each); cells
 * {@code rho|n=S|d=D} the ρ(W_e) of each draw of products of d S×S Gaussian matrices (variance 1/S).
 *
 * @param n       the large size
 * @param draws   products per depth at size n
 * @param small   draws per depth at sizes 16 and 64
 */
public record RandomMatrixTheorySweep(int n, int draws, int small) implements DrawSweep {
    public RandomMatrixTheorySweep {
        if (n <= 64) throw new IllegalArgumentException("n = " + n + "; allowed: > 64 (16 and 64 are the small sizes)");
        if (draws < 1 || small < 1) throw new IllegalArgumentException("draws = " + draws + ", small = " + small + "; allowed: >= 1");
    }

    /** The notebook's seed. */
    public static final long SEED = 20210318L;

    /** The notebook's sizes at {@code scale} (its cells 2 and 9). */
    public static RandomMatrixTheorySweep at(Scale scale) {
        return new RandomMatrixTheorySweep(scale.pick(256, 512), scale.pick(8, 32), scale.pick(400, 2000));
    }

    @Override
    public String notebook() {
        return "03_random_matrix_theory";
    }

    @Override
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int d : new int[] {1, 2, 3, 4}) {
            cells.add(new Cell(lambdaKey(d),
                    () -> RankLandscapeSweep.flatten(FussCatalan.sampleSquaredSingularValues(n, d, draws, SEED + d))));
        }
        for (int size : new int[] {16, 64, n}) for (int d : new int[] {1, 2, 4, 8, 16}) {
            int dr = size <= 64 ? small : draws;
            cells.add(new Cell(rhoKey(size, d), () -> RandomMatrices.productRanks(
                    new ProductConfig(size, d, Init.NORMAL, 1 / Math.sqrt(size)), dr, SEED + 31L * size + d).samples()));
        }
        return cells;
    }

    /** Key of the cell of squared singular values at depth d (this sweep's n and draws). */
    public String lambdaKey(int d) {
        return "lambda|d=" + d + "|draws=" + draws + "|n=" + n;
    }

    /** Key of the cell of ρ(W_e) per draw at size {@code size} and depth d. */
    public static String rhoKey(int size, int d) {
        return "rho|n=" + size + "|d=" + d;
    }

    /** The squared singular values at depth d, one row of n per draw, from a {@code draws.csv}'s cells. */
    public double[][] lambdas(Map<String, double[]> cells, int d) {
        double[] v = RankLandscapeSweep.require(cells, lambdaKey(d));
        if (v.length != n * draws) throw new IllegalArgumentException("cell " + lambdaKey(d) + " has " + v.length + " values; expected " + draws + " x " + n);
        double[][] out = new double[draws][];
        for (int i = 0; i < draws; i++) out[i] = java.util.Arrays.copyOfRange(v, i * n, (i + 1) * n);
        return out;
    }

    /** ρ(W_e) of each draw at size {@code size} and depth d. */
    public static double[] rho(Map<String, double[]> cells, int size, int d) {
        return RankLandscapeSweep.require(cells, rhoKey(size, d));
    }
}
