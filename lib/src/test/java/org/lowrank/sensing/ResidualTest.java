package org.lowrank.sensing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualTest {

    @Test
    void oneBlockSkipIsIdentityPlusThePlainProduct() {
        double[] plain = ResidualProducts.product(6, 3, 0.7, false, 1, new SplittableRandom(4));
        double[] res = ResidualProducts.product(6, 3, 0.7, true, 3, new SplittableRandom(4));
        for (int i = 0; i < 36; i++) assertEquals(plain[i] + (i % 7 == 0 ? 1 : 0), res[i], 1e-12, "entry " + i);
    }

    @Test
    void intervalOneIsProductOfIdentityPlusFactors() {
        SplittableRandom rng = new SplittableRandom(8);
        double s = 0.5 / Math.sqrt(4);
        double[] expected = Mat.identity(4);
        for (int l = 0; l < 3; l++) {
            double[] w = org.lowrank.random.RandomMatrices.random(4, 4, org.lowrank.random.Init.NORMAL, s, rng);
            for (int i = 0; i < 4; i++) w[i * 4 + i] += 1;
            expected = Mat.multiply(w, expected, 4);
        }
        assertArrayEquals(expected, ResidualProducts.product(4, 3, 0.5, true, 1, new SplittableRandom(8)), 1e-12);
    }

    @Test
    void smallResidualFactorsKeepRhoNearFullRank() {
        // ∏(I + W_i) with tiny W_i is close to I: ρ ≈ ln n, while the plain product's ρ is well below it
        double[] res = ResidualProducts.rho(16, 8, 0.05, true, 1, 20, 1);
        double[] plain = ResidualProducts.rho(16, 8, 0.05, false, 1, 20, 1);
        for (double v : res) assertTrue(v > Math.log(16) - 0.01, "residual rho " + v);
        for (double v : plain) assertTrue(v < Math.log(16) - 0.3, "plain rho " + v);
        assertThrows(IllegalArgumentException.class, () -> ResidualProducts.rho(16, 0, 0.05, true, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> ResidualProducts.rho(16, 2, 0.05, true, 0, 2, 1));
    }

    @Test
    void residualFactorizationStartsNearIdentityAndFits() {
        SensingProblem p = new SensingProblem(MeasurementKind.COMPLETION, 6, 2, 36, 2);
        SensingRun run = DeepFactorization.fit(p, new FactorizationConfig(3, 0.01, 1.0, 20000, 1e-14, 1000, true), 9);
        assertEquals(Math.log(6), run.trace().get(0).rho(), 0.02);
        assertTrue(run.error() < 1e-3, "error " + run.error());
        assertEquals("residual depth 3", run.method());
    }
}
