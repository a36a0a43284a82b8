package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

/**
 * A bias-free fully connected network {@code in → width → … → width → out} with {@code depth} weight matrices
 * (depth 1: a single {@code out×in} layer), activation between layers, none after the last.
 *
 * @param inputDim  input size
 * @param width     hidden width (unused at depth 1)
 * @param outputDim output size
 * @param depth     number of weight matrices, ≥ 1
 * @param activation activation between layers
 * @param init      initialization
 */
public record NetConfig(int inputDim, int width, int outputDim, int depth, Nonlinearity activation, Init init) implements java.io.Serializable {
    /** Initializations (C5, C6). */
    public enum Init {
        /** W_i ~ N(0, gain²/fan_in); gain 1 on the last layer, the activation's gain before it. */
        DEFAULT,
        /**
         * Balanced low-rank init (our construction; the paper's is not known): a fixed spectrum D with 4 leading
         * values (singular values of a random rank-4 Gaussian product) and the rest 1e-3·D₁, scaled to
         * ‖D‖² = out; layers W_i = Q_{i+1}·D^{1/d}·Q_iᵀ with random orthogonal Q_i, so
         * W_e = Q_{d+1}·D·Q_1ᵀ and ρ(W_e) ≈ 1.3–1.4 at every depth. Needs all sizes equal.
         */
        LOW_RANK,
        /**
         * Small init: DEFAULT scaled by 0.01^{1/depth} per layer, so the end-to-end map starts at 1% of the default
         * scale whatever the depth (the "small initialization" regime of implicit-low-rank-bias theory).
         */
        SMALL
    }

    public NetConfig {
        if (inputDim < 1) throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
        if (outputDim < 1) throw new IllegalArgumentException("outputDim must be >= 1, got " + outputDim);
        if (depth < 1 || depth > 256) throw new IllegalArgumentException("depth must be in [1, 256], got " + depth);
        if (activation == null) throw new IllegalArgumentException("activation must not be null");
        if (init == null) throw new IllegalArgumentException("init must not be null");
        if (init == Init.LOW_RANK && !(inputDim == outputDim && (depth == 1 || width == inputDim))) {
            throw new IllegalArgumentException("init LOW_RANK needs inputDim = width = outputDim, got "
                    + inputDim + "/" + width + "/" + outputDim);
        }
    }

    /** A square linear net {@code n×n} of the given depth. */
    public static NetConfig linear(int n, int depth, Init init) {
        return new NetConfig(n, n, n, depth, Nonlinearity.LINEAR, init);
    }

    /** Rows (fan-out) of layer i (0-based). */
    public int rows(int i) {
        return i == depth - 1 ? outputDim : width;
    }

    /** Columns (fan-in) of layer i (0-based). */
    public int cols(int i) {
        return i == 0 ? inputDim : width;
    }

    /** Total number of weights. */
    public int parameterCount() {
        int s = 0;
        for (int i = 0; i < depth; i++) s += rows(i) * cols(i);
        return s;
    }
}
