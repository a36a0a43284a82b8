package org.lowrank.sensing;

/** How the factors of a {@link DeepFactorization} are drawn (both at the same Frobenius norm, see {@link FactorizationConfig}). */
public enum FactorInit {
    /** i.i.d. Gaussian entries, N(0, initScale²/fan_in). */
    GAUSSIAN,
    /** A Haar-random (semi-)orthogonal matrix, scaled to the Gaussian draw's expected Frobenius norm. */
    ORTHOGONAL
}
