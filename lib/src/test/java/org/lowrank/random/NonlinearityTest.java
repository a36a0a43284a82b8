package org.lowrank.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NonlinearityTest {
    @Test
    void derivativeMatchesCentralDifferences() {
        double[] xs = {-2.3, -0.7, -0.05, 0.03, 0.4, 1.9};
        for (Nonlinearity a : Nonlinearity.values()) {
            for (double x : xs) {
                double h = 1e-6, fd = (a.apply(x + h) - a.apply(x - h)) / (2 * h);
                assertEquals(fd, a.derivative(x), 1e-5 * Math.max(1, Math.abs(fd)), a + " at " + x);
            }
        }
    }

    @Test
    void sirenUsesTheOneOmegaZeroInValueDerivativeAndGain() {
        double w = Nonlinearity.SIREN_OMEGA0;
        assertEquals(30.0, w);
        assertEquals(Math.sin(w * 0.2), Nonlinearity.SIREN.apply(0.2), 0);
        assertEquals(w * Math.cos(w * 0.2), Nonlinearity.SIREN.derivative(0.2), 1e-12);
        assertEquals(Math.sqrt(2) / w, Nonlinearity.SIREN.gain(), 1e-15);
    }

    @Test
    void gainsAreTorchCalculateGain() {
        assertEquals(1.0, Nonlinearity.LINEAR.gain());
        assertEquals(Math.sqrt(2), Nonlinearity.RELU.gain(), 1e-15);
        assertEquals(5.0 / 3, Nonlinearity.TANH.gain(), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 1e-4)), Nonlinearity.LEAKY_RELU.gain(), 1e-15);
        for (Nonlinearity a : Nonlinearity.values()) assertTrue(a.gain() > 0, a.toString());
    }

    @Test
    void parseAcceptsNamesAndRejectsOthersByName() {
        assertEquals(Nonlinearity.LEAKY_RELU, Nonlinearity.parse(" leaky-relu "));
        assertEquals(Nonlinearity.SIREN, Nonlinearity.parse("Siren"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nonlinearity.parse("swish"));
        assertTrue(e.getMessage().contains("swish") && e.getMessage().contains("SIREN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.parse(null));
    }

    @Test
    void applyInPlaceMatchesApply() {
        double[] a = {-1.5, 0.0, 0.8};
        Nonlinearity.GELU.applyInPlace(a);
        assertEquals(Nonlinearity.GELU.apply(-1.5), a[0], 0);
        assertEquals(Nonlinearity.GELU.apply(0.8), a[2], 0);
    }
}
