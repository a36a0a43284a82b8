package org.lowrank.random;

/**
 * Seeds handed to ND4J's native random generator ({@code Nd4j.getRandom().setSeed}, and DL4J's
 * {@code NeuralNetConfiguration.Builder.seed}, which {@code MultiLayerNetwork.init()} passes to it).
 *
 * <p>Why: in ND4J 1.0.0-M2.1 {@code setSeed(0)} does not reset the native generator's stream: two
 * {@code Nd4j.randn} calls after {@code setSeed(0)} differ, within one JVM and between JVMs, while every other
 * seed tried (small, negative, 2^32, 2^40, {@code Long.MIN_VALUE}) reproduces (measured; the test
 * {@code Nd4jSeedTest} fails on a fixed ND4J). A network configured with seed 0 therefore got new initial weights
 * on every run. Every seed this lib passes to ND4J goes through {@link #of}.
 */
public final class Nd4jSeed {
    /** What seed 0 becomes (the 64-bit golden ratio; any fixed non-zero value would do). */
    public static final long ZERO_REPLACEMENT = 0x9E3779B97F4A7C15L;

    private Nd4jSeed() { }

    /** {@code seed} itself, except 0, which ND4J does not reproduce, becomes {@link #ZERO_REPLACEMENT}. */
    public static long of(long seed) {
        return seed == 0 ? ZERO_REPLACEMENT : seed;
    }
}
