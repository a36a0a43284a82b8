package org.lowrank.random;

/**
 * A bias-free random deep net {@code inputDim → width → … → width → outputDim} with {@code depth} weight
 * matrices (depth 1 is the single map inputDim → outputDim), the activation after every layer but the last,
 * fed {@code numInputs} i.i.d. standard-normal inputs. Weights have i.i.d. entries from {@code init}, times
 * 1/√fan_in when {@code fanInScaled} (the paper's figures use unscaled Normal(0, I) / Uniform(−1, 1)).
 * The embedding is the net's output (N × outputDim); ρ(K) is taken of its Gram matrix, with rows
 * L2-normalised first when {@code cosine}.
 *
 * <p>Defaults we use (docs/reproduction-notes.md §3 C2b, "not known" there): 16 → 64 → … → 64 → 16, N = 64, plain
 * (not cosine) Gram, no activation after the last layer (the paper's depth-1 ReLU and linear ρ(K) agree,
 * 2.15 vs 2.15, which an output ReLU would break), bias-free.
 */
public record RandomNetConfig(int inputDim, int width, int outputDim, int depth, Nonlinearity activation, Init init,
                        int numInputs, boolean cosine, boolean fanInScaled) {
    /** Validates the fields. */
    public RandomNetConfig {
        if (inputDim < 1) throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
        if (outputDim < 1) throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        if (numInputs < 1) throw new IllegalArgumentException("numInputs must be >= 1, got " + numInputs);
        if (activation == null) throw new IllegalArgumentException("activation must not be null");
        if (init == null) throw new IllegalArgumentException("init must be NORMAL or UNIFORM, got null");
    }

    /** Our default for the paper's C2b figure: 16 → 64 → … → 64 → 16, N = 64, plain Gram, unscaled init. */
    public static RandomNetConfig paperDefault(int depth, Nonlinearity activation, Init init) {
        return new RandomNetConfig(16, 64, 16, depth, activation, init, 64, false, false);
    }

    /** The same net at another depth. */
    public RandomNetConfig withDepth(int newDepth) {
        return new RandomNetConfig(inputDim, width, outputDim, newDepth, activation, init, numInputs, cosine, fanInScaled);
    }

    /** The same net with another activation. */
    public RandomNetConfig withActivation(Nonlinearity a) {
        return new RandomNetConfig(inputDim, width, outputDim, depth, a, init, numInputs, cosine, fanInScaled);
    }

    /** The same net with another init. */
    public RandomNetConfig withInit(Init i) {
        return new RandomNetConfig(inputDim, width, outputDim, depth, activation, i, numInputs, cosine, fanInScaled);
    }

    /** Layer sizes, {@code depth + 1} values from inputDim to outputDim. */
    public int[] layerSizes() {
        int[] s = new int[depth + 1];
        s[0] = inputDim;
        for (int i = 1; i < depth; i++) s[i] = width;
        s[depth] = outputDim;
        return s;
    }
}
