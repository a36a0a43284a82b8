package org.lowrank.sensing;

/** How a {@link SensingProblem} observes its target. */
public enum MeasurementKind {
    /** {@code A_k} with i.i.d. standard Gaussian entries. */
    GAUSSIAN,
    /** {@code A_k = n·e_i e_jᵀ} for m distinct entries (i, j) drawn uniformly: matrix completion. */
    COMPLETION
}
