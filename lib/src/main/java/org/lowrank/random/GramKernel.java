package org.lowrank.random;

/**
 * Which kernel of an embedding φ (N inputs × m features) ρ(K) is taken of, for chasing the paper's unknown C2b setup
 * (docs/reproduction-notes.md §3 C2b). Centring subtracts the mean embedding over the N inputs ({@code K_c = HKH},
 * {@code H = I − 11ᵀ/N}); cosine scales every row to unit length first.
 */
public enum GramKernel {
    /** K = φφᵀ (notebook 02's default). */
    PLAIN,
    /** K = (Hφ)(Hφ)ᵀ: the kernel of the centred embedding. */
    CENTRED,
    /** K_ij = cos(φ_i, φ_j). */
    COSINE,
    /** The cosine kernel of the centred embedding (a correlation kernel). */
    CENTRED_COSINE;

    /** Whether the embedding is centred over the inputs. */
    public boolean centred() {
        return this == CENTRED || this == CENTRED_COSINE;
    }

    /** Whether rows are normalized to unit length (after centring). */
    public boolean cosine() {
        return this == COSINE || this == CENTRED_COSINE;
    }
}
