package org.lowrank.reproduce;

import java.util.ArrayList;
import java.util.List;

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
            cells.add(new Cell("lambda|d=" + d + "|draws=" + draws + "|n=" + n,
                    () -> RankLandscapeSweep.flatten(FussCatalan.sampleSquaredSingularValues(n, d, draws, SEED + d))));
        }
        for (int size : new int[] {16, 64, n}) for (int d : new int[] {1, 2, 4, 8, 16}) {
            int dr = size <= 64 ? small : draws;
            cells.add(new Cell("rho|n=" + size + "|d=" + d, () -> RandomMatrices.productRanks(
                    new ProductConfig(size, d, Init.NORMAL, 1 / Math.sqrt(size)), dr, SEED + 31L * size + d).samples()));
        }
        return cells;
    }
}
