package org.lowrank.linalg;

/**
 * Dense row-major {@code double} matrix products for the small matrices of the fast path (16–256 per side), the one
 * GEMM of the library. Two back ends compute bit-identical results: a register-blocked JDK Vector API kernel
 * ({@code jdk.incubator.vector}, used when the JVM was started with {@code --add-modules jdk.incubator.vector}) and a
 * scalar fallback. Both accumulate every entry as {@code c = fma(a_ip, b_pj, c)} for {@code p = 0, 1, …, k−1} from 0,
 * so the result does not depend on the back end, the block position or the thread.
 *
 * <p>Hand-written on purpose (measured by the {@code train} benchmark, see {@code bench/README.md}): for 32×32
 * matrices a native BLAS call through JavaCPP costs more in call overhead and copies than the arithmetic, ND4J adds
 * µs per op, and pure-Java libraries (EJML, Commons Math) run plain loops that the JIT does not vectorize; the Vector
 * API kernel took 1.3–2.4× less time than OpenBLAS {@code cblas_dgemm} through JavaCPP for n×n products, n = 128…16.
 * Thread-safe: no shared state.
 */
public final class Gemm {
    private Gemm() {}

    /** The vector back end, or null when the incubator module is absent (or fails to link). */
    private static final GemmVector VECTOR = loadVector();

    private static GemmVector loadVector() {
        if (Boolean.getBoolean("lowrank.gemm.scalar")) return null;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return new GemmVector();
        } catch (LinkageError e) {
            return null;
        }
    }

    /** {@code "vector(N lanes)"} or {@code "scalar"}: the back end this JVM uses. */
    public static String backend() {
        return VECTOR == null ? "scalar" : "vector(" + VECTOR.lanes() + " lanes)";
    }

    /** C[m×n] = A[m×k] · B[k×n]. */
    public static void mul(double[] a, double[] b, double[] c, int m, int k, int n) {
        check(a, m * (long) k, "a", m, k);
        check(b, k * (long) n, "b", k, n);
        check(c, m * (long) n, "c", m, n);
        run(a, k, 1, b, c, m, k, n);
    }

    /** C[k×n] = A[m×k]ᵀ · B[m×n]. */
    public static void mulAtB(double[] a, double[] b, double[] c, int m, int k, int n) {
        check(a, m * (long) k, "a", m, k);
        check(b, m * (long) n, "b", m, n);
        check(c, k * (long) n, "c", k, n);
        run(a, 1, k, b, c, k, m, n);
    }

    /** C[m×n] = A[m×k] · B[n×k]ᵀ (B is transposed into a scratch array first). */
    public static void mulABt(double[] a, double[] b, double[] c, int m, int k, int n) {
        check(a, m * (long) k, "a", m, k);
        check(b, n * (long) k, "b", n, k);
        check(c, m * (long) n, "c", m, n);
        run(a, k, 1, transpose(b, n, k), c, m, k, n);
    }

    /** A new C[m×n] = A[m×k] · B[k×n]. */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        mul(a, b, c, m, k, n);
        return c;
    }

    /**
     * The general entry: C[m×n] = Â·B with Â(i,p) = {@code a[i·aRow + p·aCol]} and B row-major {@code k×n}
     * (so {@code aRow=k, aCol=1} is A, {@code aRow=1, aCol=m} is Aᵀ of an {@code k×m} array). C is overwritten.
     */
    static void run(double[] a, int aRow, int aCol, double[] b, double[] c, int m, int k, int n) {
        if (m == 0 || n == 0) return;
        if (VECTOR != null) VECTOR.mul(a, aRow, aCol, b, c, m, k, n);
        else GemmScalar.mul(a, aRow, aCol, b, c, 0, m, 0, n, k, n);
    }

    /** Scalar back end only (tests compare the two). */
    static void runScalar(double[] a, int aRow, int aCol, double[] b, double[] c, int m, int k, int n) {
        GemmScalar.mul(a, aRow, aCol, b, c, 0, m, 0, n, k, n);
    }

    static boolean hasVector() {
        return VECTOR != null;
    }

    /** {@code h[i] = max(z[i], 0)} for {@code i < len} (branch-free). */
    public static void relu(double[] z, double[] h, int len) {
        if (VECTOR != null) VECTOR.relu(z, h, len);
        else for (int i = 0; i < len; i++) h[i] = z[i] > 0 ? z[i] : 0;
    }

    /** {@code out[i] = z[i] > 0 ? g[i] : 0} for {@code i < len}: the ReLU backward mask (branch-free). */
    public static void reluBackward(double[] g, double[] z, double[] out, int len) {
        if (VECTOR != null) VECTOR.reluBackward(g, z, out, len);
        else for (int i = 0; i < len; i++) out[i] = z[i] > 0 ? g[i] : 0;
    }

    /** The transpose of a row-major {@code rows×cols} matrix. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        transpose(a, t, rows, cols);
        return t;
    }

    /** Writes the transpose of a row-major {@code rows×cols} matrix {@code a} into {@code t} ({@code cols×rows}). */
    public static void transpose(double[] a, double[] t, int rows, int cols) {
        check(a, rows * (long) cols, "a", rows, cols);
        check(t, rows * (long) cols, "t", cols, rows);
        for (int r0 = 0; r0 < rows; r0 += 8) { // 8×8 tiles keep both sides in L1 lines
            int r1 = Math.min(rows, r0 + 8);
            for (int c0 = 0; c0 < cols; c0 += 8) {
                int c1 = Math.min(cols, c0 + 8);
                for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) t[c * rows + r] = a[r * cols + c];
            }
        }
    }

    /** A row-major array as {@code double[rows][cols]}. */
    public static double[][] toMatrix(double[] a, int rows, int cols) {
        check(a, rows * (long) cols, "a", rows, cols);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(a, i * cols, m[i], 0, cols);
        return m;
    }

    /** Dot product of two equally long vectors. */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("b must have a.length = " + a.length + " entries, got " + b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void check(double[] x, long need, String name, int rows, int cols) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException(name + " must have non-negative dimensions, got " + rows + "x" + cols);
        if (x == null || x.length < need) {
            throw new IllegalArgumentException(name + " must hold at least " + rows + "x" + cols + " = " + need + " entries, got "
                    + (x == null ? "null" : x.length));
        }
    }
}
