package org.lowrank.random;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Independent random draws, run in parallel on all cores, with results that depend only on the master
 * seed: draw i gets its own generator seeded with the i-th {@code long} of {@code new SplittableRandom(seed)},
 * derived sequentially before any thread starts, and writes only slot i of the result.
 */
public final class Draws {
    private Draws() {}

    /** The per-draw seeds for a master seed. */
    public static long[] seeds(long masterSeed, int draws) {
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        SplittableRandom root = new SplittableRandom(masterSeed);
        long[] s = new long[draws];
        for (int i = 0; i < draws; i++) s[i] = root.nextLong();
        return s;
    }

    /** {@code draws} values of {@code f}, each from its own generator, in draw order. */
    public static double[] sample(int draws, long masterSeed, ToDoubleFunction<SplittableRandom> f) {
        long[] s = seeds(masterSeed, draws);
        double[] out = new double[draws];
        IntStream.range(0, draws).parallel().forEach(i -> out[i] = f.applyAsDouble(new SplittableRandom(s[i])));
        return out;
    }

    /** Like {@link #sample} for results of any type; {@code f} gets the draw index and its generator. */
    public static <T> T[] sampleObjects(int draws, long masterSeed, IntFunction<T[]> newArray,
                                        java.util.function.BiFunction<Integer, SplittableRandom, T> f) {
        long[] s = seeds(masterSeed, draws);
        T[] out = newArray.apply(draws);
        IntStream.range(0, draws).parallel().forEach(i -> out[i] = f.apply(i, new SplittableRandom(s[i])));
        return out;
    }
}
