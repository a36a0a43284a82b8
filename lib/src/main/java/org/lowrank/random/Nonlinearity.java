package org.lowrank.random;

/**
 * Element-wise non-linearities of the random deep nets (the paper's figure activations, docs/reproduction-notes.md pitfall 4).
 * ρ(K) is scale-invariant only for LINEAR, RELU and LEAKY_RELU in bias-free nets.
 */
public enum Nonlinearity {
    /** Identity: a deep linear net. */
    LINEAR,
    /** max(0, x). */
    RELU,
    /** x for x > 0, {@value #LEAKY_SLOPE}·x otherwise (PyTorch's default slope). */
    LEAKY_RELU,
    /** tanh(x). */
    TANH,
    /** SELU with the constants of Klambauer et al. 2017 (as in PyTorch). */
    SELU,
    /**
     * GELU, tanh approximation (PyTorch {@code approximate='tanh'}): exact GELU needs erf, and Commons Math's
     * {@code Erf.erf} (via the regularized gamma function) is ~50x slower than tanh, which would dominate
     * thousands of draws; the two differ by < 1e-3 everywhere.
     */
    GELU,
    /**
     * SIREN's sine, sin(ω₀·x) with ω₀ = {@value #SIREN_OMEGA0}. The paper's ω₀ and SIREN init are not known;
     * default we use: SIREN's ω₀ = 30 (Sitzmann et al. 2020) on every hidden layer.
     */
    SINE;

    /** Negative slope of LEAKY_RELU. */
    public static final double LEAKY_SLOPE = 0.01;
    /** ω₀ of SINE. */
    public static final double SIREN_OMEGA0 = 30.0;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** The activation of one value. */
    public double apply(double x) {
        switch (this) {
            case LINEAR: return x;
            case RELU: return x > 0 ? x : 0.0;
            case LEAKY_RELU: return x > 0 ? x : LEAKY_SLOPE * x;
            case TANH: return Math.tanh(x);
            case SELU: return SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
            case GELU: return 0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
            case SINE: return Math.sin(SIREN_OMEGA0 * x);
            default: throw new AssertionError(this);
        }
    }

    /** Applies the activation in place. */
    public void applyInPlace(double[] a) {
        if (this == LINEAR) return;
        for (int i = 0; i < a.length; i++) a[i] = apply(a[i]);
    }
}
