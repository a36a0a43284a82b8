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
 *
 * <p><b>Extreme scales.</b> Any finite input gives a finite, correct answer for the scale-free measures (ρ,
 * {@code exp(ρ)}, stable rank, numerical rank, ρ(K)): a matrix whose largest entry lies outside
 * [2<sup>−500</sup>, 2<sup>500</sup>] is first multiplied by a power of two (exact) that brings it near 1, and
 * spectra are divided by their largest value before they are summed or squared. So entries near
 * {@code Double.MAX_VALUE} or subnormal ones (e.g. 1e-310) work. Only the scale-carrying results can leave the
 * double range: {@link #singularValues(double[][])} and {@link #nuclearNorm(double[][])} give
 * {@code +Infinity} exactly when the true value exceeds {@code Double.MAX_VALUE}.
 *
 * <p><b>The zero matrix</b> (and an all-zero spectrum) has rank 0 by every measure here: ρ, {@code exp(ρ)},
 * stable rank, numerical rank and nuclear norm are all 0. This is a defined result, not an error, because
 * a zero layer or a dead embedding is a legitimate state of a network whose rank is being tracked.
 */
public final class RankMetrics {
    /** Relative threshold under which a singular value is treated as zero. */
    public static final double ZERO_TOLERANCE = 1e-12;

    private RankMetrics() {}

    // ---------------------------------------------------------------- the paper's ρ

    /** The paper's effective rank ρ of a matrix (entropy of normalised singular values, nats). */
    public static double effectiveRank(INDArray matrix) {
        return effectiveRankOfSpectrum(scaledSpectrum(matrix).values());
    }

    /** The paper's effective rank ρ of a row-major matrix. */
    public static double effectiveRank(double[][] matrix) {
        return effectiveRankOfSpectrum(scaledSpectrum(matrix).values());
    }

    /**
     * ρ from singular values (any order, non-negative, finite). An all-zero spectrum gives 0. The values are
     * divided by their maximum before summing, so spectra near {@code Double.MAX_VALUE} do not overflow.
     */
    public static double effectiveRankOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        double max = max(singularValues);
        if (max == 0) return 0.0;
        // ratios r_i = σ_i/σ_max lie in [0, 1]: their sum is at most n (no overflow for huge σ), and
        // p_i = r_i / Σr_j is the same distribution as σ_i / Σσ_j
        double sum = 0;
        for (double s : singularValues) {
            double r = s / max;
            if (r > ZERO_TOLERANCE) sum += r;
        }
        double h = 0;
        for (double s : singularValues) {
            double r = s / max;
            if (r > ZERO_TOLERANCE) {
                double p = r / sum;
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
        return expEntropyRankOfSpectrum(scaledSpectrum(matrix).values());
    }

    /** {@code exp(ρ)} of a matrix, see {@link #expEntropyRank(double[][])}. */
    public static double expEntropyRank(INDArray matrix) {
        return expEntropyRankOfSpectrum(scaledSpectrum(matrix).values());
    }

    /** {@code exp(ρ)} from singular values; 0 for an all-zero spectrum. */
    public static double expEntropyRankOfSpectrum(double[] singularValues) {
        requireSpectrum(singularValues);
        return max(singularValues) == 0 ? 0.0 : Math.exp(effectiveRankOfSpectrum(singularValues));
    }

    /** Stable rank {@code ‖A‖_F² / ‖A‖_2² = Σσ_i² / σ_max²}; 0 for the zero matrix. */
    public static double stableRank(double[][] matrix) {
        return stableRankOfSpectrum(scaledSpectrum(matrix).values());
    }

    /** Stable rank of a matrix, see {@link #stableRank(double[][])}. */
    public static double stableRank(INDArray matrix) {
        return stableRankOfSpectrum(scaledSpectrum(matrix).values());
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
        return numericalRankOfSpectrum(scaledSpectrum(matrix).values(), relativeTolerance);
    }

    /** Numerical rank of a matrix, see {@link #numericalRank(double[][], double)}. */
    public static int numericalRank(INDArray matrix, double relativeTolerance) {
        requireTolerance(relativeTolerance);
        return numericalRankOfSpectrum(scaledSpectrum(matrix).values(), relativeTolerance);
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

    /** Nuclear (trace) norm {@code Σσ_i}; {@code +Infinity} when it exceeds {@code Double.MAX_VALUE}. */
    public static double nuclearNorm(double[][] matrix) {
        return scaledSpectrum(matrix).nuclearNorm();
    }

    /** Nuclear norm of a matrix, see {@link #nuclearNorm(double[][])}. */
    public static double nuclearNorm(INDArray matrix) {
        return scaledSpectrum(matrix).nuclearNorm();
    }

    /** Nuclear norm from singular values ({@code +Infinity} when the sum exceeds {@code Double.MAX_VALUE}). */
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
                // the row's largest |entry| first, so that neither huge (1e300) nor subnormal rows over/underflow
                // when squared; a row is zero exactly when that maximum is
                double big = 0;
                for (int j = 0; j < cols; j++) big = Math.max(big, Math.abs(phi[i * cols + j]));
                if (big == 0) {
                    throw new IllegalArgumentException("embeddings row " + i + " is zero; the cosine kernel needs non-zero rows");
                }
                double ss = 0;
                for (int j = 0; j < cols; j++) {
                    double v = phi[i * cols + j] / big;
                    ss += v * v;
                }
                double norm = Math.sqrt(ss);   // in [1, sqrt(cols)]
                for (int j = 0; j < cols; j++) phi[i * cols + j] = phi[i * cols + j] / big / norm;
            }
        }
        // row-major N×m == column-major m×N (the transpose): same singular values
        double[] s = scaledSpectrumColumnMajor(phi, cols, rows).values();
        double max = max(s);
        for (int i = 0; i < s.length; i++) {
            double r = max == 0 ? 0 : s[i] / max; // ρ is scale-free: normalise before squaring to avoid overflow
            s[i] = r * r;
        }
        return effectiveRankOfSpectrum(s);
    }

    // ---------------------------------------------------------------- singular values

    /**
     * Singular values (descending) of a 2-D array, computed by LAPACK dgesvd in double precision; a value above
     * {@code Double.MAX_VALUE} is {@code +Infinity}.
     */
    public static double[] singularValues(INDArray matrix) {
        return scaledSpectrum(matrix).unscaled();
    }

    /** Singular values (descending) of a row-major matrix, see {@link #singularValues(INDArray)}. */
    public static double[] singularValues(double[][] matrix) {
        return scaledSpectrum(matrix).unscaled();
    }

    /** Singular values (descending) of a rows×cols matrix stored column-major in {@code data} (not modified). */
    public static double[] singularValuesColumnMajor(double[] data, int rows, int cols) {
        requireFlat("matrix", data, rows, cols);
        return scaledSpectrumColumnMajor(data, rows, cols).unscaled();
    }

    /** Singular values (descending) of a rows×cols matrix stored row-major in {@code data} (not modified). */
    public static double[] singularValuesRowMajor(double[] data, int rows, int cols) {
        requireFlat("matrix", data, rows, cols);
        return scaledSpectrumColumnMajor(data, cols, rows).unscaled();
    }

    // ---------------------------------------------------------------- scaling

    /** Largest |entry| exponent kept as is; beyond it the matrix is rescaled by a power of two before the SVD. */
    private static final int SAFE_EXPONENT = 500;

    /** Singular values {@code σ_i · 2^-exponent} (exactly scaled, descending) and the exponent. */
    private record ScaledSpectrum(double[] values, int exponent) {
        double[] unscaled() {
            if (exponent == 0) return values;
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) out[i] = Math.scalb(values[i], exponent);
            return out;
        }

        double nuclearNorm() {
            double sum = 0;
            for (double s : values) sum += s;
            return Math.scalb(sum, exponent);
        }
    }

    private static ScaledSpectrum scaledSpectrum(INDArray matrix) {
        if (matrix == null) throw new IllegalArgumentException("matrix must not be null");
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("matrix must be 2-D, got shape " + Arrays.toString(matrix.shape()));
        }
        long m = matrix.rows(), n = matrix.columns();
        if (m == 0 || n == 0) throw new IllegalArgumentException("matrix must be non-empty, got " + m + "x" + n);
        if (m * n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("matrix is too large for one SVD: " + m + "x" + n);
        double[] colMajor = matrix.castTo(DataType.DOUBLE).dup('f').data().asDouble();
        requireFlat("matrix", colMajor, (int) m, (int) n);
        return scaledSpectrumColumnMajor(colMajor, (int) m, (int) n);
    }

    private static ScaledSpectrum scaledSpectrum(double[][] matrix) {
        int[] shape = requireRectangular("matrix", matrix);
        double[] flat = flattenRowMajor(matrix, shape);
        requireFlat("matrix", flat, shape[0], shape[1]);
        // row-major m×n == column-major n×m (the transpose): same singular values
        return scaledSpectrumColumnMajor(flat, shape[1], shape[0]);
    }

    /**
     * SVD of validated column-major data. When the largest |entry| is outside [2^-500, 2^500] the data are
     * multiplied by 2^-e (exact, e = that entry's binary exponent) so that LAPACK's singular values cannot
     * overflow (a 4×4 matrix of 1e308 has σ_max = 4e308) and subnormal matrices keep their relative precision.
     */
    private static ScaledSpectrum scaledSpectrumColumnMajor(double[] data, int rows, int cols) {
        double big = 0;
        for (double v : data) big = Math.max(big, Math.abs(v));
        if (big == 0) return new ScaledSpectrum(new double[Math.min(rows, cols)], 0);
        int e = Math.getExponent(big);   // MIN_EXPONENT - 1 for subnormals: the scaling below is still exact
        if (e >= -SAFE_EXPONENT && e <= SAFE_EXPONENT) return new ScaledSpectrum(LapackSvd.singularValues(data, rows, cols), 0);
        if (e < Double.MIN_EXPONENT) e = Math.getExponent(big * 0x1p64) - 64; // true binary exponent of a subnormal
        double[] scaled = new double[data.length];
        for (int i = 0; i < data.length; i++) scaled[i] = Math.scalb(data[i], -e);
        return new ScaledSpectrum(LapackSvd.singularValues(scaled, rows, cols), e);
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
