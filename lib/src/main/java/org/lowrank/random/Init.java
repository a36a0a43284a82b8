package org.lowrank.random;

import java.util.random.RandomGenerator;

/** Entry distributions of random weight matrices in the paper's random-network figures (docs/reproduction-notes.md §2.4). */
public enum Init {
    /** i.i.d. standard normal entries, W ~ Normal(0, I). */
    NORMAL,
    /** i.i.d. uniform entries on (−1, 1). */
    UNIFORM;

    /** One draw. */
    public double sample(RandomGenerator rng) {
        return this == NORMAL ? rng.nextGaussian() : 2.0 * rng.nextDouble() - 1.0;
    }

    /** Fills {@code a} with i.i.d. draws times {@code scale}, in index order. */
    public void fill(double[] a, double scale, RandomGenerator rng) {
        for (int i = 0; i < a.length; i++) a[i] = scale * sample(rng);
    }
}
