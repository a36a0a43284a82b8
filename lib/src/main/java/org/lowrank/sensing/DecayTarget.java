package org.lowrank.sensing;

/** What weight decay in a {@link DeepFactorization} penalizes. */
public enum DecayTarget {
    /**
     * Every factor: {@code (λ/2) Σ_i ‖W_i‖_F²} (the residual branch {@code F_i − I} with skips). At a balanced
     * solution this is {@code (λN/2) Σ_k σ_k(W)^{2/N}}, a Schatten-2/N quasi-norm of the product.
     */
    FACTORS,
    /** The collapsed product only: {@code (λ/2) ‖W_N⋯W_1‖_F²}, a ridge penalty on the end-to-end map. */
    PRODUCT
}
