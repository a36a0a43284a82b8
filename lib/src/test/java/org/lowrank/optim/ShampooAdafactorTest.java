package org.lowrank.optim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Shampoo and Adafactor (torch 1.13 has neither): steps checked against values computed with numpy from the papers'
 * formulas (symmetric {@code eigh} for the inverse fourth roots), and convergence on the quadratic of
 * {@link OptimizerConvergenceTest}.
 */
class ShampooAdafactorTest {
    static final double[] G1 = {1, 2, 0, -1, 0.5, 3}, G2 = {0.5, -1, 1, 2, 0, -0.5};

    static double[][] twoSteps(FirstOrder opt, double[] g1, double[] g2, int rows, int cols) {
        double[] state = new double[opt.stateSize(g1.length)];
        double[] a = g1.clone(), b = g2.clone();
        opt.update(null, a, state, rows, cols, 1);
        opt.update(null, b, state, rows, cols, 2);
        return new double[][] {a, b};
    }

    @Test
    void shampooStepsMatchNumpy() {
        // numpy: L = 1e-4·I + Σ G Gᵀ, R = 1e-4·I + Σ GᵀG, step = 0.1 · L^-1/4 G R^-1/4
        double[][] s = twoSteps(new Shampoo(0.1, 1e-4, 2, 3), G1, G2, 2, 3);
        assertArrayEquals(new double[] {4.4720912343108703e-02, 8.9441824686216656e-02, 0, -3.1234600014190591e-02,
                1.5617300007095325e-02, 9.3703800042570895e-02}, s[0], 1e-12);
        assertArrayEquals(new double[] {0.02602627219056963, -0.04288508055706387, 0.03871414420115506, 0.06565231089855507,
                -0.00275134005147157, -0.00764260099336449}, s[1], 1e-12);
    }

    @Test
    void adafactorFactoredStepsMatchNumpy() {
        // numpy: β̂₂ = 1 − t^-0.8, row/col sums of G²+1e-30, V = R Cᵀ/ΣR, U = G/√V clipped at RMS 1, step = 0.1·U
        double[][] s = twoSteps(new Adafactor(0.1), G1, G2, 2, 3);
        assertArrayEquals(new double[] {0.11673297933873764, 0.16015632636850574, 0, -0.08152984928561857, 0.02796450759873114,
                0.11530061859795618}, s[0], 1e-12);
        assertArrayEquals(new double[] {0.04764241780115613, -0.1119894853977394, 0.08106332525701088, 0.13512073153150947, 0,
                -0.02873840244322728}, s[1], 1e-12);
    }

    @Test
    void adafactorVectorStepsMatchNumpy() {
        double[][] s = twoSteps(new Adafactor(0.1), new double[] {3, -4, 0.5}, new double[] {1, 1, -2}, 1, 3);
        assertArrayEquals(new double[] {0.1, -0.1, 0.1}, s[0], 1e-12);
        assertArrayEquals(new double[] {0.0476449483379917, 0.03679863746741843, -0.128997109714556}, s[1], 1e-12);
    }

    @Test
    void reachTheQuadraticMinimizer() {
        assertTrue(OptimizerConvergenceTest.run(new Shampoo(0.5, 1e-4, 3, 4), 2000) < 1e-4, "Shampoo");
        assertTrue(OptimizerConvergenceTest.run(new Adafactor(0.01), 4000) < 1e-3, "Adafactor");
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Shampoo(0.1, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shampoo(0.1, 2, 3).stateSize(7));
        var e = assertThrows(IllegalArgumentException.class, () -> new Shampoo(0.1, 2, 3).update(null, new double[6], new double[13], 3, 2, 1));
        assertTrue(e.getMessage().contains("2x3"));
        assertThrows(IllegalArgumentException.class, () -> new Adafactor(0.1, 0, 1e-30, 1));
        assertThrows(IllegalArgumentException.class, () -> new Adafactor(-1));
        assertEquals(new Shampoo(0.2, 1e-4, 2, 3), new Shampoo(0.1, 2, 3).withLearningRate(0.2));
        assertEquals(13, new Shampoo(0.1, 2, 3).stateSize(6));
    }
}
