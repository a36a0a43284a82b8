package org.lowrank.experiment;

/**
 * Element-wise activations of the paper's C3 figure (linear, tanh, ReLU, leaky ReLU, SELU, GELU, SIREN), with
 * derivatives for hand-derived backprop, and the Kaiming-style init gain each one uses.
 * Our choices (paper: not known): leaky ReLU slope 0.01 (torch default); GELU in its tanh form
 * (Hendrycks &amp; Gimpel), avoiding a slow erf per element; SIREN = {@code sin(ω₀z)} with ω₀ = 1 and gain 1.
 */
public enum Activation {
    LINEAR(1), TANH(5.0 / 3), RELU(Math.sqrt(2)), LEAKY_RELU(Math.sqrt(2 / (1 + 0.01 * 0.01))), SELU(1),
    GELU(Math.sqrt(2)), SIREN(1);

    private static final double SELU_L = 1.0507009873554805, SELU_A = 1.6732632423543772;
    private static final double GC = Math.sqrt(2 / Math.PI);
    private final double gain;

    Activation(double gain) {
        this.gain = gain;
    }

    /** Init gain for a layer followed by this activation (std = gain/√fan_in; torch's calculate_gain, SELU: 1). */
    public double gain() {
        return gain;
    }

    /** φ(z). */
    public double apply(double z) {
        switch (this) {
            case LINEAR: return z;
            case TANH: return Math.tanh(z);
            case RELU: return z > 0 ? z : 0;
            case LEAKY_RELU: return z > 0 ? z : 0.01 * z;
            case SELU: return z > 0 ? SELU_L * z : SELU_L * SELU_A * (Math.exp(z) - 1);
            case GELU: return 0.5 * z * (1 + Math.tanh(GC * (z + 0.044715 * z * z * z)));
            case SIREN: return Math.sin(z);
            default: throw new AssertionError(this);
        }
    }

    /** φ'(z). */
    public double derivative(double z) {
        switch (this) {
            case LINEAR: return 1;
            case TANH: {
                double t = Math.tanh(z);
                return 1 - t * t;
            }
            case RELU: return z > 0 ? 1 : 0;
            case LEAKY_RELU: return z > 0 ? 1 : 0.01;
            case SELU: return z > 0 ? SELU_L : SELU_L * SELU_A * Math.exp(z);
            case GELU: {
                double u = GC * (z + 0.044715 * z * z * z), t = Math.tanh(u);
                return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GC * (1 + 3 * 0.044715 * z * z);
            }
            case SIREN: return Math.cos(z);
            default: throw new AssertionError(this);
        }
    }

    /** Parses a name such as {@code relu}, {@code leaky_relu} (any case). */
    public static Activation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("activation must be one of " + java.util.Arrays.toString(values()) + ", got '" + name + "'");
        }
    }
}
