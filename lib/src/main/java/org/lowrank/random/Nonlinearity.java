package org.lowrank.random;

/**
 * The element-wise non-linearities of the paper's figures (linear, ReLU, leaky ReLU, tanh, SELU, GELU, SIREN), the one
 * definition used by the random deep nets ({@link RandomNetworks}) and the trained nets of the fast path
 * ({@code experiment.DeepNet}): φ, φ' for hand-derived backprop, and the init gain a trained layer followed by φ uses.
 * ρ(K) is scale-invariant only for LINEAR, RELU and LEAKY_RELU in bias-free nets (docs/reproduction-notes.md pitfall 4).
 *
 * <p>Our choices (the paper's are not known): leaky ReLU slope {@value #LEAKY_SLOPE} (PyTorch's default); GELU in its
 * tanh form; SIREN = sin(ω₀·z) with ω₀ = {@value #SIREN_OMEGA0} on every layer (Sitzmann et al. 2020), and for trained
 * nets SIREN's hidden-layer init, W ~ N(0, (√2/ω₀)²/fan_in), so that ω₀·z has unit scale at init.
 */
public enum Nonlinearity {
    /** Identity: a deep linear net. */
    LINEAR(1),
    /** max(0, x). */
    RELU(Math.sqrt(2)),
    /** x for x > 0, {@value #LEAKY_SLOPE}·x otherwise (PyTorch's default slope). */
    LEAKY_RELU(Math.sqrt(2 / (1 + Nonlinearity.LEAKY_SLOPE * Nonlinearity.LEAKY_SLOPE))),
    /** tanh(x). */
    TANH(5.0 / 3),
    /** SELU with the constants of Klambauer et al. 2017 (as in PyTorch); init gain 1 (LeCun normal, as SELU wants). */
    SELU(1),
    /**
     * GELU, tanh approximation (PyTorch {@code approximate='tanh'}): exact GELU needs erf, and Commons Math's
     * {@code Erf.erf} (via the regularized gamma function) is ~50x slower than tanh, which would dominate
     * thousands of draws; the two differ by < 1e-3 everywhere.
     */
    GELU(Math.sqrt(2)),
    /**
     * SIREN's sine, sin(ω₀·x) with ω₀ = {@value #SIREN_OMEGA0} ({@link #SIREN_OMEGA0}, the one place ω₀ is stated);
     * init gain √2/ω₀ (SIREN's hidden-layer init, U(±√(6/fan_in)/ω₀), in its normal form).
     */
    SIREN(Math.sqrt(2) / Nonlinearity.SIREN_OMEGA0);

    /** Negative slope of LEAKY_RELU. */
    public static final double LEAKY_SLOPE = 0.01;
    /**
     * SIREN's ω₀, used by every net in the lib (random and trained): 30, Sitzmann et al. 2020's value. The paper's
     * ω₀ is not known (docs/reproduction-notes.md).
     */
    public static final double SIREN_OMEGA0 = 30.0;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_C = 0.044715;

    // The constants' arguments name LEAKY_SLOPE and SIREN_OMEGA0 qualified: both are compile-time constants,
    // inlined, so the forward reference reads the value, never a not-yet-initialized field.

    private final double gain;

    Nonlinearity(double gain) {
        this.gain = gain;
    }

    /**
     * Init gain for a trained layer followed by this non-linearity: its weights have std gain/√fan_in (PyTorch's
     * {@code calculate_gain}; SELU 1; SIREN √2/ω₀). Random nets ({@link RandomNetConfig}) do not use it.
     */
    public double gain() {
        return gain;
    }

    /** φ(x). */
    public double apply(double x) {
        switch (this) {
            case LINEAR: return x;
            case RELU: return x > 0 ? x : 0.0;
            case LEAKY_RELU: return x > 0 ? x : LEAKY_SLOPE * x;
            case TANH: return Math.tanh(x);
            case SELU: return SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
            case GELU: return 0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x)));
            case SIREN: return Math.sin(SIREN_OMEGA0 * x);
            default: throw new AssertionError(this);
        }
    }

    /** φ'(x). */
    public double derivative(double x) {
        switch (this) {
            case LINEAR: return 1;
            case RELU: return x > 0 ? 1 : 0;
            case LEAKY_RELU: return x > 0 ? 1 : LEAKY_SLOPE;
            case TANH: {
                double t = Math.tanh(x);
                return 1 - t * t;
            }
            case SELU: return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x);
            case GELU: {
                double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x));
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * x * x);
            }
            case SIREN: return SIREN_OMEGA0 * Math.cos(SIREN_OMEGA0 * x);
            default: throw new AssertionError(this);
        }
    }

    /** Applies φ in place. */
    public void applyInPlace(double[] a) {
        if (this == LINEAR) return;
        for (int i = 0; i < a.length; i++) a[i] = apply(a[i]);
    }

    /** Parses a name such as {@code relu}, {@code leaky-relu} (any case). */
    public static Nonlinearity parse(String name) {
        if (name == null) throw new IllegalArgumentException("nonlinearity must be one of " + java.util.Arrays.toString(values()) + ", got null");
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nonlinearity must be one of " + java.util.Arrays.toString(values()) + ", got '" + name + "'");
        }
    }
}
