package org.lowrank.rank;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rank measures of matrices, all computed in double precision.
 *
 * <p>The paper's effective rank (Huh et al., §2.1 of shared/paper.md) is the Shannon entropy, in nats,
 * of the L1-normalised singular values: {@code ρ(A) = −Σ p_i ln p_i}, {@code p_i = σ_i / Σ_j σ_j}.
 * Singular values at or below {@code 1e-12·σ_max} count as exact zeros ({@code 0·ln 0 := 0}).
 */
public final class RankMetrics {
    /** Relative threshold under which a singular value is treated as zero. */
    public static final double ZERO_TOLERANCE = 1e-12;

    private RankMetrics() {}

    /** The paper's effective rank ρ of a matrix (entropy of normalised singular values, nats). */
    public static double effectiveRank(INDArray matrix) {
        return effectiveRankOfSpectrum(singularValues(matrix));
    }

    /** The paper's effective rank ρ of a row-major matrix. */
    public static double effectiveRank(double[][] matrix) {
        return effectiveRankOfSpectrum(singularValues(matrix));
    }

    /** ρ from singular values (any order, non-negative). */
    public static double effectiveRankOfSpectrum(double[] singularValues) {
        requireFinite("singularValues", singularValues);
        double max = 0, sum = 0;
        for (double s : singularValues) {
            if (s < 0) throw new IllegalArgumentException("singularValues must be >= 0, got " + s);
            max = Math.max(max, s);
        }
        double cut = ZERO_TOLERANCE * max;
        for (double s : singularValues) if (s > cut) sum += s;
        if (sum == 0) return 0.0;
        double h = 0;
        for (double s : singularValues) {
            if (s > cut) {
                double p = s / sum;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /**
     * ρ(K) of the Gram matrix K = φφᵀ of an embedding φ (one row per input, N×m). K's eigenvalues are the
     * squared singular values of φ, so no N×N matrix is formed. With {@code cosine}, rows are first scaled
     * to unit L2 norm (the cosine kernel); a zero row is an error then.
     */
    public static double gramEffectiveRank(INDArray embeddings, boolean cosine) {
        if (embeddings == null || embeddings.rank() != 2) {
            throw new IllegalArgumentException("embeddings must be a 2-D array (N inputs x m features)");
        }
        INDArray phi = embeddings.castTo(DataType.DOUBLE).dup();
        if (cosine) {
            INDArray norms = phi.norm2(1);
            for (long i = 0; i < norms.length(); i++) {
                if (!(norms.getDouble(i) > 0)) {
                    throw new IllegalArgumentException("embeddings row " + i + " has norm " + norms.getDouble(i)
                            + "; the cosine kernel needs non-zero, finite rows");
                }
            }
            phi.diviColumnVector(norms.reshape(norms.length(), 1));
        }
        double[] s = singularValues(phi);
        for (int i = 0; i < s.length; i++) s[i] = s[i] * s[i];
        return effectiveRankOfSpectrum(s);
    }

    /** Singular values (descending) of a 2-D array, computed by LAPACK gesvd in double precision. */
    public static double[] singularValues(INDArray matrix) {
        if (matrix == null) throw new IllegalArgumentException("matrix must not be null");
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("matrix must be 2-D, got shape " + java.util.Arrays.toString(matrix.shape()));
        }
        long m = matrix.rows(), n = matrix.columns();
        if (m == 0 || n == 0) throw new IllegalArgumentException("matrix must be non-empty, got " + m + "x" + n);
        INDArray a = matrix.castTo(DataType.DOUBLE).dup('f');
        double[] check = a.data().asDouble();
        requireFinite("matrix", check);
        INDArray s = Nd4j.create(DataType.DOUBLE, Math.min(m, n));
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s.toDoubleVector();
    }

    /** Singular values (descending) of a row-major matrix. */
    public static double[] singularValues(double[][] matrix) {
        if (matrix == null || matrix.length == 0 || matrix[0].length == 0) {
            throw new IllegalArgumentException("matrix must be non-empty");
        }
        return singularValues(Nd4j.createFromArray(matrix));
    }

    static void requireFinite(String name, double[] values) {
        if (values == null) throw new IllegalArgumentException(name + " must not be null");
        if (values.length == 0) throw new IllegalArgumentException(name + " must not be empty");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " must be finite, found " + values[i] + " at flat index " + i);
            }
        }
    }
}
