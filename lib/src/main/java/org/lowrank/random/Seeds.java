package org.lowrank.random;

/**
 * The one way the lib derives a seed from another: a seed and a stream number go through SplitMix64's mixer,
 * so consecutive seeds or streams give decorrelated generators. Streams name what the derived seed is for.
 */
public final class Seeds {
    private Seeds() {}

    /** Stream of a synthetic task's target and data ({@code experiment.TaskSpec}). */
    public static final long TASK = 12345;
    /** Stream of a fast-path network's initial weights ({@code experiment.FastTrainer}). */
    public static final long NET_INIT = 7919;

    /** SplitMix64 of (seed, stream): the seed for {@code stream} of a run seeded with {@code seed}. */
    public static long derive(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
