/**
 * Low-rank matrix sensing and completion (the setup of Arora, Cohen, Hu, Luo, NeurIPS 2019): a rank-r target
 * {@code W*} in n×n, measurements {@code y_k = ⟨A_k, W*⟩}, deep factorized models {@code W = W_N⋯W_1} trained by
 * full-batch gradient descent from small initialization, a nuclear-norm baseline, and the seed-paired statistics
 * the notebooks use. Plain {@code double[]} row-major matrices: at n ≈ 20–100 the per-call overhead of ND4J would
 * dominate.
 */
package org.lowrank.sensing;
