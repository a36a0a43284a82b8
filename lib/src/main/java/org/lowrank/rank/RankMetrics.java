package org.lowrank.rank;

import org.lowrank.linalg.LapackSvd;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rank measures of matrices, all computed in double precision.
 *
 * <p>The paper's effective rank (Huh et al., §2.1 of docs/reproduction-notes.md) is the Shannon entropy, in nats,
 * of the L1-normalised singular values: {@code ρ(A) = −Σ p_i ln p_i}, {@code p_i = σ_i / Σ_j σ_j}.
 * Singular values at or below {@code 1e-12·σ_max} count as exact zeros ({@code 0·ln 0 := 0}).
 * Its exponential (Roy–Vetterli's "erank") is a different number and has its own name,
 * {@link #expEntropyRank(double[][])}. Stable rank, numerical rank and the nuclear norm are standard
 * robustness measures, not from the paper.
 *
 * <p>Singular values come from LAPACK {@code dgesvd} (see {@code LapackSvd} for the measurement that chose
 * the call path). Every entry point rejects null, empty, ragged, NaN or infinite input with an
 * {@link IllegalArgumentException}.
 */
public final class RankMetrics {
    /** Relative threshold under which a singular value is treated as zero. */
    public static final double ZERO_TOLERANCE = 1e-12;

    private RankMetrics() {}

    // ---------------------------------------------------------------- the paper's ρ

    /** The paper's effective rank ρ of a matrix (entropy of normalised singular values, nats). */
    public static double effectiveRank(INDArray matrix) {
        return effectiveRankOfSpectrum(singularValues(matrix));
    }

    /** The paper's effective rank ρ of a row-major matrix. */
    public static double effectiveRank(double[][] matrix) {
        return effectiveRankOfSpectrum(singularValues(matrix));
    }

    /** ρ from singular values (any order, non-negative). An all-zero spectrum gives 0. */
    public static double effectiveRankOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        double max = max(singularValues), sum = 0;
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

    // ---------------------------------------------------------------- other rank measures

    /**
     * Roy–Vetterli effective rank ("erank") {@code exp(ρ)}: NOT the paper's measure (the paper plots ρ itself,
     * see docs/reproduction-notes.md §2.1 and pitfall 1). Ranges over [1, min(m, n)]; 0 for the zero matrix.
     */
    public static double expEntropyRank(double[][] matrix) {
        return expEntropyRankOfSpectrum(singularValues(matrix));
    }

    /** {@code exp(ρ)} of a matrix, see {@link #expEntropyRank(double[][])}. */
    public static double expEntropyRank(INDArray matrix) {
        return expEntropyRankOfSpectrum(singularValues(matrix));
    }

    /** {@code exp(ρ)} from singular values; 0 for an all-zero spectrum. */
    public static double expEntropyRankOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        return max(singularValues) == 0 ? 0.0 : Math.exp(effectiveRankOfSpectrum(singularValues));
    }

    /** Stable rank {@code ‖A‖_F² / ‖A‖_2² = Σσ_i² / σ_max²}; 0 for the zero matrix. */
    public static double stableRank(double[][] matrix) {
        return stableRankOfSpectrum(singularValues(matrix));
    }

    /** Stable rank of a matrix, see {@link #stableRank(double[][])}. */
    public static double stableRank(INDArray matrix) {
        return stableRankOfSpectrum(singularValues(matrix));
    }

    /** Stable rank from singular values; 0 for an all-zero spectrum. */
    public static double stableRankOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        double max = max(singularValues);
        if (max == 0) return 0.0;
        double sum = 0;
        for (double s : singularValues) {
            double r = s / max; // scaled first: no overflow of σ² for huge entries
            sum += r * r;
        }
        return sum;
    }

    /**
     * Numerical rank {@code #{i : σ_i > relativeTolerance·σ_max}}; 0 for the zero matrix.
     *
     * @param relativeTolerance in [0, 1)
     */
    public static int numericalRank(double[][] matrix, double relativeTolerance) {
        requireTolerance(relativeTolerance);
        return numericalRankOfSpectrum(singularValues(matrix), relativeTolerance);
    }

    /** Numerical rank of a matrix, see {@link #numericalRank(double[][], double)}. */
    public static int numericalRank(INDArray matrix, double relativeTolerance) {
        requireTolerance(relativeTolerance);
        return numericalRankOfSpectrum(singularValues(matrix), relativeTolerance);
    }

    /** Numerical rank from singular values, see {@link #numericalRank(double[][], double)}. */
    public static int numericalRankOfSpectrum(double[] singularValues, double relativeTolerance) {
        requireSpectrum(singularValues);
        requireTolerance(relativeTolerance);
        double max = max(singularValues);
        if (max == 0) return 0;
        int r = 0;
        for (double s : singularValues) if (s > relativeTolerance * max) r++;
        return r;
    }

    /** Nuclear (trace) norm {@code Σσ_i}. */
    public static double nuclearNorm(double[][] matrix) {
        return nuclearNormOfSpectrum(singularValues(matrix));
    }

    /** Nuclear norm of a matrix. */
    public static double nuclearNorm(INDArray matrix) {
        return nuclearNormOfSpectrum(singularValues(matrix));
    }

    /** Nuclear norm from singular values. */
    public static double nuclearNormOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        double sum = 0;
        for (double s : singularValues) sum += s;
        return sum;
    }

    // ---------------------------------------------------------------- Gram matrices

    /**
     * ρ(K) of the Gram matrix K = φφᵀ of an embedding φ (one row per input, N×m). K's eigenvalues are the
     * squared singular values of φ, so no N×N matrix is formed. With {@code cosine}, rows are first scaled
     * to unit L2 norm (the cosine kernel); a zero row is an error then.
     */
    public static double gramEffectiveRank(INDArray embeddings, boolean cosine) {
        if (embeddings == null || embeddings.rank() != 2) {
            throw new IllegalArgumentException("embeddings must be a 2-D array (N inputs x m features)");
        }
        long rows = embeddings.rows(), cols = embeddings.columns();
        if (rows == 0 || cols == 0) throw new IllegalArgumentException("embeddings must be non-empty, got " + rows + "x" + cols);
        // c-order flat data of an N×m matrix is the column-major storage of its m×N transpose
        double[] flat = embeddings.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return gramEffectiveRankRowMajor(flat, (int) rows, (int) cols, cosine);
    }

    /** ρ(K) of the Gram matrix of a row-major embedding (N rows × m features), see {@link #gramEffectiveRank(INDArray, boolean)}. */
    public static double gramEffectiveRank(double[][] embeddings, boolean cosine) {
        int[] shape = requireRectangular("embeddings", embeddings);
        return gramEffectiveRankRowMajor(flattenRowMajor(embeddings, shape), shape[0], shape[1], cosine);
    }

    /**
     * ρ(K) of the Gram matrix of an N×m embedding stored row-major in {@code data} (not modified).
     */
    public static double gramEffectiveRankRowMajor(double[] data, int rows, int cols, boolean cosine) {
        requireFlat("embeddings", data, rows, cols);
        double[] phi = data;
        if (cosine) {
            phi = data.clone();
            for (int i = 0; i < rows; i++) {
                double ss = 0;
                for (int j = 0; j < cols; j++) ss += phi[i * cols + j] * phi[i * cols + j];
                double norm = Math.sqrt(ss);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    throw new IllegalArgumentException("embeddings row " + i + " has norm " + norm
                            + "; the cosine kernel needs non-zero, finite rows");
                }
                for (int j = 0; j < cols; j++) phi[i * cols + j] /= norm;
            }
        }
        // row-major N×m == column-major m×N (the transpose): same singular values
        double[] s = LapackSvd.singularValues(phi, cols, rows);
        double max = max(s);
        for (int i = 0; i < s.length; i++) {
            double r = max == 0 ? 0 : s[i] / max; // ρ is scale-free: normalise before squaring to avoid overflow
            s[i] = r * r;
        }
        return effectiveRankOfSpectrum(s);
    }

    // ---------------------------------------------------------------- singular values

    /** Singular values (descending) of a 2-D array, computed by LAPACK dgesvd in double precision. */
    public static double[] singularValues(INDArray matrix) {
        if (matrix == null) throw new IllegalArgumentException("matrix must not be null");
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("matrix must be 2-D, got shape " + Arrays.toString(matrix.shape()));
        }
        long m = matrix.rows(), n = matrix.columns();
        if (m == 0 || n == 0) throw new IllegalArgumentException("matrix must be non-empty, got " + m + "x" + n);
        double[] colMajor = matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
        return singularValuesColumnMajor(colMajor, (int) m, (int) n);
    }

    /** Singular values (descending) of a row-major matrix. */
    public static double[] singularValues(double[][] matrix) {
        int[] shape = requireRectangular("matrix", matrix);
        // row-major m×n == column-major n×m (the transpose): same singular values
        return singularValuesColumnMajor(flattenRowMajor(matrix, shape), shape[1], shape[0]);
    }

    /** Singular values (descending) of a rows×cols matrix stored column-major in {@code data} (not modified). */
    public static double[] singularValuesColumnMajor(double[] data, int rows, int cols) {
        requireFlat("matrix", data, rows, cols);
        return LapackSvd.singularValues(data, rows, cols);
    }

    /** Singular values (descending) of a rows×cols matrix stored row-major in {@code data} (not modified). */
    public static double[] singularValuesRowMajor(double[] data, int rows, int cols) {
        requireFlat("matrix", data, rows, cols);
        return LapackSvd.singularValues(data, cols, rows);
    }

    // ---------------------------------------------------------------- validation

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) max = Math.max(max, v);
        return max;
    }

    private static void requireSpectrum(double[] singularValues) {
        requireFinite("singularValues", singularValues);
        for (int i = 0; i < singularValues.length; i++) {
            if (singularValues[i] < 0) {
                throw new IllegalArgumentException("singularValues must be >= 0, got " + singularValues[i] + " at index " + i);
            }
        }
    }

    private static void requireTolerance(double relativeTolerance) {
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance must be in [0, 1), got " + relativeTolerance);
        }
    }

    private static void requireFlat(String name, double[] data, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + " must be non-empty, got " + rows + "x" + cols);
        }
        if (data == null) throw new IllegalArgumentException(name + " must not be null");
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(name + " has " + data.length + " values, a " + rows + "x" + cols
                    + " matrix needs " + ((long) rows * cols));
        }
        requireFinite(name, data);
    }

    private static int[] requireRectangular(String name, double[][] matrix) {
        if (matrix == null) throw new IllegalArgumentException(name + " must not be null");
        if (matrix.length == 0 || matrix[0] == null || matrix[0].length == 0) {
            throw new IllegalArgumentException(name + " must be non-empty, got " + matrix.length + " rows"
                    + (matrix.length == 0 || matrix[0] == null ? "" : " of length 0"));
        }
        int cols = matrix[0].length;
        for (int i = 1; i < matrix.length; i++) {
            if (matrix[i] == null || matrix[i].length != cols) {
                throw new IllegalArgumentException(name + " must be rectangular: row 0 has " + cols + " values, row " + i
                        + " has " + (matrix[i] == null ? "null" : matrix[i].length));
            }
        }
        return new int[] {matrix.length, cols};
    }

    private static double[] flattenRowMajor(double[][] matrix, int[] shape) {
        double[] flat = new double[shape[0] * shape[1]];
        for (int i = 0; i < shape[0]; i++) System.arraycopy(matrix[i], 0, flat, i * shape[1], shape[1]);
        return flat;
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
