package org.lowrank.linalg;

/**
 * Float32 matrix products on row-major {@code float[]} arrays with leading dimensions, for the fast MLP trainer
 * ({@code experiment.FastMlp}): C = alpha·Â·B + init, where init is C itself (accumulate), a bias row broadcast to
 * every row, or 0. Â(i, p) = {@code a[i·aRow + p·aCol]} (A or a transposed A without a copy), B row-major with row
 * stride {@code ldb}. The column count {@code n} must be a multiple of {@link #lanes()} (callers pad their arrays).
 *
 * <p>A register-blocked JDK Vector API kernel ({@code jdk.incubator.vector}, the float twin of {@link Gemm}'s),
 * hand-written because at the MLP's shapes (128×784·784×256, 128×256·256×256, one thread) it measured 93–112 GFLOP/s
 * by thread CPU time where ND4J's OpenBLAS 0.3.19 sgemm through JavaCPP ({@link NativeGemm}) ran at 90–104 (its "Zen"
 * kernels on this CPU), and whole training steps came out 0–15% faster (bench/README.md, entry {@code mlp}).
 * Available only when the JVM runs with {@code --add-modules jdk.incubator.vector} ({@link #available()}).
 */
public final class FloatGemm {
    private FloatGemm() {}

    private static final FloatGemmVector VECTOR = load();

    private static FloatGemmVector load() {
        if (Boolean.getBoolean("lowrank.gemm.scalar")) return null;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return new FloatGemmVector();
        } catch (LinkageError e) {
            return null;
        }
    }

    /** Whether the vector kernel is available in this JVM. */
    public static boolean available() {
        return VECTOR != null;
    }

    /** Floats per vector (the padding unit of column counts); 0 when unavailable. */
    public static int lanes() {
        return VECTOR == null ? 0 : VECTOR.lanes();
    }

    /**
     * C[i·ldc + j] = alpha·Σ_p Â(i, p)·B[p·ldb + j] + init(i, j) for i < m, j < n, with init = C[i·ldc + j] when
     * {@code accumulate}, else {@code bias[j]} when {@code bias} is not null, else 0.
     */
    public static void mul(float[] a, int aRow, int aCol, float[] b, int ldb, float[] c, int ldc, int m, int k, int n,
                           float alpha, boolean accumulate, float[] bias) {
        if (VECTOR == null) throw new UnsupportedOperationException("FloatGemm needs --add-modules jdk.incubator.vector");
        if (m < 0 || k < 0 || n < 0) throw new IllegalArgumentException("dimensions must be >= 0, got m=" + m + " k=" + k + " n=" + n);
        if (n % VECTOR.lanes() != 0)
            throw new IllegalArgumentException("n = " + n + "; allowed: a multiple of " + VECTOR.lanes() + " (pad the arrays)");
        if (ldb < n || ldc < n) throw new IllegalArgumentException("ldb = " + ldb + ", ldc = " + ldc + "; allowed: >= n = " + n);
        if (m == 0 || n == 0) return;
        long lastA = (long) (m - 1) * aRow + (long) Math.max(k - 1, 0) * aCol;
        if (k > 0 && (aRow < 0 || aCol < 0 || lastA >= a.length)) throw new IllegalArgumentException("a holds " + a.length + " values, needs " + (lastA + 1));
        if (k > 0 && (long) (k - 1) * ldb + n > b.length) throw new IllegalArgumentException("b holds " + b.length + " values, needs " + ((long) (k - 1) * ldb + n));
        if ((long) (m - 1) * ldc + n > c.length) throw new IllegalArgumentException("c holds " + c.length + " values, needs " + ((long) (m - 1) * ldc + n));
        if (!accumulate && bias != null && bias.length < n) throw new IllegalArgumentException("bias holds " + bias.length + " values, needs " + n);
        VECTOR.mul(a, aRow, aCol, b, ldb, c, ldc, m, k, n, alpha, accumulate, accumulate ? null : bias);
    }

    /** h[i] = max(h[i], 0) for i < n (vectorized; scalar without the incubator module). */
    public static void relu(float[] h, int n) {
        if (n > h.length) throw new IllegalArgumentException("n = " + n + " > h.length = " + h.length);
        if (VECTOR != null) VECTOR.relu(h, n);
        else for (int i = 0; i < n; i++) h[i] = Math.max(h[i], 0f);
    }

    /** g[i] = h[i] > 0 ? g[i] : 0 for i < n: the ReLU backward mask read from the stored activation. */
    public static void reluMask(float[] g, float[] h, int n) {
        if (n > g.length || n > h.length) throw new IllegalArgumentException("n = " + n + " > g.length = " + g.length + " or h.length = " + h.length);
        if (VECTOR != null) VECTOR.reluMask(g, h, n);
        else for (int i = 0; i < n; i++) g[i] = h[i] > 0f ? g[i] : 0f;
    }
}
