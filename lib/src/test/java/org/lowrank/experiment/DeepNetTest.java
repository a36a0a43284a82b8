package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.lowrank.optim.HeavyBall;
import org.lowrank.optim.Sgd;

class DeepNetTest {
    @Test
    void gradientMatchesFiniteDifferencesForEveryActivation() {
        for (Nonlinearity a : Nonlinearity.values()) {
            NetConfig c = new NetConfig(5, 7, 3, 3, a, NetConfig.Init.DEFAULT);
            DeepNet net = new DeepNet(c, 4);
            int n = 6;
            double[] x = org.lowrank.random.RandomMatrices.gaussian(new java.util.Random(1), n * 5), y = org.lowrank.random.RandomMatrices.gaussian(new java.util.Random(2), n * 3);
            double[][] g = net.newGradients();
            net.lossAndGradient(x, y, n, g);
            for (int i = 0; i < c.depth(); i++) {
                for (int k = 0; k < net.layer(i).length; k += 3) {
                    double old = net.layer(i)[k], h = 1e-6;
                    net.layer(i)[k] = old + h;
                    double up = net.loss(x, y, n);
                    net.layer(i)[k] = old - h;
                    double down = net.loss(x, y, n);
                    net.layer(i)[k] = old;
                    double fd = (up - down) / (2 * h);
                    assertEquals(fd, g[i][k], 1e-6 * Math.max(1, Math.abs(fd)), a + " layer " + i + " entry " + k);
                }
            }
        }
    }

    @Test
    void defaultInitIsSeededAndScaled() {
        NetConfig c = NetConfig.linear(32, 4, NetConfig.Init.DEFAULT);
        assertArrayEquals(new DeepNet(c, 9).flatten(), new DeepNet(c, 9).flatten());
        double[] w = new DeepNet(c, 9).layer(0);
        double ss = 0;
        for (double v : w) ss += v * v;
        assertEquals(1.0 / 32, ss / w.length, 0.2 / 32);
    }

    @Test
    void lowRankInitHasLowRhoAtEveryDepth() {
        for (int d : new int[] {1, 4, 16}) {
            double rho = new DeepNet(NetConfig.linear(32, d, NetConfig.Init.LOW_RANK), 3).endToEndRank();
            assertTrue(rho > 0.9 && rho < 1.6, "depth " + d + " rho " + rho);
        }
        double rhoDefault = new DeepNet(NetConfig.linear(32, 1, NetConfig.Init.DEFAULT), 3).endToEndRank();
        assertEquals(3.24, rhoDefault, 0.08);
    }

    @Test
    void smallInitShrinksTheEndToEndMapToOnePercent() {
        for (int d : new int[] {1, 4}) {
            double[] big = new DeepNet(NetConfig.linear(32, d, NetConfig.Init.DEFAULT), 5).endToEnd();
            double[] small = new DeepNet(NetConfig.linear(32, d, NetConfig.Init.SMALL), 5).endToEnd();
            for (int i = 0; i < big.length; i++) assertEquals(0.01 * big[i], small[i], 1e-12);
        }
    }

    @Test
    void targetsHaveTheRequestedRankAndScale() {
        Task t = new TaskSpec(32, 32, 8, TaskSpec.Spectrum.EQUAL, 16, 64, 0).generate(1);
        double rho = org.lowrank.rank.RankMetrics.effectiveRank(org.lowrank.linalg.Gemm.toMatrix(t.target(), 32, 32));
        assertEquals(Math.log(8), rho, 1e-9);
        double fro = 0;
        for (double v : t.target()) fro += v * v;
        assertEquals(32, fro, 1e-9);
    }

    @Test
    void dl4jPathMatchesFastPath() {
        NetConfig c = new NetConfig(6, 8, 4, 3, Nonlinearity.TANH, NetConfig.Init.DEFAULT);
        DeepNet fast = new DeepNet(c, 5);
        int n = 10;
        double[] x = org.lowrank.random.RandomMatrices.gaussian(new java.util.Random(1), n * 6), y = org.lowrank.random.RandomMatrices.gaussian(new java.util.Random(2), n * 4);
        for (var rule : new org.lowrank.optim.FirstOrder[] {new Sgd(0.05), new HeavyBall(0.05, 0.9)}) {
            DeepNet f = fast.copy();
            Dl4jNet dl = new Dl4jNet(f, rule, x, y, n);
            double[][] g = f.newGradients(), st = new double[c.depth()][];
            for (int i = 0; i < c.depth(); i++) st[i] = new double[rule.stateSize(g[i].length)];
            for (int t = 1; t <= 5; t++) {
                double loss = f.lossAndGradient(x, y, n, g);
                assertEquals(loss, dl.score(), 1e-10, rule.name() + " loss at step " + t);
                for (int i = 0; i < c.depth(); i++) rule.step(f.layer(i), g[i], st[i], c.rows(i), c.cols(i), t);
                dl.step();
            }
            DeepNet back = dl.toDeepNet();
            assertArrayEquals(f.flatten(), back.flatten(), 1e-10, rule.name());
        }
    }

    @Test
    void badConfigNamesArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> NetConfig.linear(32, 0, NetConfig.Init.DEFAULT));
        assertTrue(e.getMessage().contains("depth"));
        e = assertThrows(IllegalArgumentException.class, () -> new TaskSpec(32, 32, 40, TaskSpec.Spectrum.EQUAL, 8, 8, 0));
        assertTrue(e.getMessage().contains("rank"));
        e = assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec("Adagrad", 0.1));
        assertTrue(e.getMessage().contains("name"));
    }
}
