package org.lowrank.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * First-order trajectories against PyTorch 1.13 ({@code /usr/bin/python3}): 25 steps on a random convex quadratic
 * in float64, every coordinate of every iterate within 1e-9 (relative) of torch's. Skipped with a message when
 * python3 or torch is missing.
 */
class OptimizerTorchTest {
    static final int N = 6, STEPS = 25;
    static double[][] a;
    static double[] b, x0;
    static Map<String, double[][]> torch;

    @BeforeAll
    static void runTorch() throws Exception {
        File py = new File("/usr/bin/python3");
        Assumptions.assumeTrue(py.canExecute(), "SKIPPED: /usr/bin/python3 not found; torch reference not run");
        Process probe = new ProcessBuilder(py.getPath(), "-c", "import torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "SKIPPED: torch is not importable by /usr/bin/python3");
        Random r = new Random(7);
        double[][] m = new double[N][N];
        for (double[] row : m) for (int j = 0; j < N; j++) row[j] = r.nextGaussian();
        a = new double[N][N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {
            double s = i == j ? 0.5 : 0;
            for (int k = 0; k < N; k++) s += m[k][i] * m[k][j] / N;
            a[i][j] = s;
        }
        b = new double[N];
        x0 = new double[N];
        for (int i = 0; i < N; i++) {
            b[i] = r.nextGaussian();
            x0[i] = r.nextGaussian();
        }
        String json = "{\"A\":" + arr(a) + ",\"b\":" + arr(b) + ",\"x0\":" + arr(x0) + ",\"steps\":" + STEPS + "}";
        Process p;
        try (InputStream script = OptimizerTorchTest.class.getResourceAsStream("torch_trajectories.py")) {
            File tmp = File.createTempFile("torch_traj", ".py");
            tmp.deleteOnExit();
            java.nio.file.Files.write(tmp.toPath(), script.readAllBytes());
            p = new ProcessBuilder(py.getPath(), tmp.getPath()).start();
        }
        p.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "torch script failed: " + err);
        torch = parse(out);
    }

    static double[] grad(double[] x) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            double s = -b[i];
            for (int j = 0; j < N; j++) s += a[i][j] * x[j];
            g[i] = s;
        }
        return g;
    }

    void compare(String name, FirstOrder opt) {
        double[][] ref = torch.get(name);
        assertNotNull(ref, "torch produced no trajectory for " + name);
        double[] x = x0.clone(), state = new double[opt.stateSize(N)];
        for (int t = 1; t <= STEPS; t++) {
            opt.step(x, grad(x), state, 1, N, t);
            for (int i = 0; i < N; i++) {
                double tol = 1e-9 * Math.max(1, Math.abs(ref[t - 1][i]));
                assertEquals(ref[t - 1][i], x[i], tol, name + " step " + t + " coordinate " + i);
            }
        }
    }

    @Test void sgd() { compare("SGD", new Sgd(0.05)); }
    @Test void momentum() { compare("Momentum", new HeavyBall(0.05, 0.9)); }
    @Test void nesterov() { compare("Nesterov", new Nesterov(0.05, 0.9)); }
    @Test void adam() { compare("Adam", new Adam(0.05, 0.9, 0.999, 1e-8)); }
    @Test void adamW() { compare("AdamW", new AdamW(0.05, 0.9, 0.999, 1e-8, 0.1)); }
    @Test void rmsProp() { compare("RMSProp", new RmsProp(0.01, 0.99, 1e-8)); }

    static String arr(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? "," : "").append(Double.toString(v[i]));
        return sb.append(']').toString();
    }

    static String arr(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) sb.append(i > 0 ? "," : "").append(arr(m[i]));
        return sb.append(']').toString();
    }

    /** Parses {"name": [[...], ...], ...} (the script's own flat output; no general JSON needed). */
    static Map<String, double[][]> parse(String json) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        String s = json.trim();
        int i = 0;
        while ((i = s.indexOf('"', i)) >= 0) {
            int j = s.indexOf('"', i + 1);
            String key = s.substring(i + 1, j);
            int k = j + 1;
            while (s.charAt(k) == ':' || s.charAt(k) == ' ') k++;
            if (s.charAt(k) != '[') { // the version string
                i = s.indexOf('"', k + 1) + 1;
                continue;
            }
            int depth = 0, end = k;
            for (; end < s.length(); end++) {
                if (s.charAt(end) == '[') depth++;
                if (s.charAt(end) == ']' && --depth == 0) break;
            }
            String body = s.substring(k + 2, end - 1); // strip outer [[ ]]
            String[] rows = body.split("\\],\\s*\\[");
            double[][] v = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                String[] cells = rows[r].replace("[", "").replace("]", "").split(",");
                v[r] = new double[cells.length];
                for (int c = 0; c < cells.length; c++) v[r][c] = Double.parseDouble(cells[c].trim());
            }
            out.put(key, v);
            i = end + 1;
        }
        return out;
    }
}
