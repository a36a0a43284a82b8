package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowrank.claims.FactorizationAblation.Metric;
import org.lowrank.sensing.DecayTarget;
import org.lowrank.sensing.DeepFactorization;
import org.lowrank.sensing.FactorInit;
import org.lowrank.sensing.FactorizationConfig;
import org.lowrank.sensing.MeasurementKind;
import org.lowrank.sensing.SensingProblem;

class FactorizationAblationTest {
    private static final FactorizationConfig BASE = new FactorizationConfig(2, 0.1, 1.5, 200, 1e-6, 50);

    @Test
    void variantsArePairedBySeedAndDeterministic() {
        Map<String, FactorizationConfig> v = new LinkedHashMap<>();
        v.put("gd", BASE);
        v.put("decay", BASE.withWeightDecay(0.05, DecayTarget.FACTORS));
        v.put("orth", BASE.withInit(FactorInit.ORTHOGONAL));
        FactorizationAblation ab = new FactorizationAblation(MeasurementKind.GAUSSIAN, 6, 1, 20, 3);
        FactorizationAblation.Result r = ab.run(v), again = ab.run(v);
        for (String name : v.keySet())
            for (Metric m : Metric.values()) assertArrayEquals(r.values(name, m), again.values(name, m), name + " " + m);
        // same seed, same depth: the same problem and the same Gaussian init draws
        assertArrayEquals(r.values("gd", Metric.RHO_INIT), r.values("decay", Metric.RHO_INIT));
        // seed 1 is the problem of seed 1 with the init seed of SensingExperiment
        var direct = DeepFactorization.fit(new SensingProblem(MeasurementKind.GAUSSIAN, 6, 1, 20, 1), BASE, 1_000_003L * 2 + 2);
        assertEquals(direct.rho(), r.values("gd", Metric.RHO)[1]);
        double[] change = r.values("orth", Metric.RHO_CHANGE), rho = r.values("orth", Metric.RHO), init = r.values("orth", Metric.RHO_INIT);
        for (int i = 0; i < 3; i++) assertEquals(rho[i] - init[i], change[i], 1e-15);
        for (double x : init) assertEquals(Math.log(6), x, 1e-10);
        assertEquals(0, r.diverged());
        assertEquals(3, r.meanCi("gd", Metric.LOG10_ERROR).n());
        assertTrue(r.pairedLess("decay", "orth", Metric.RHO) >= 0);
        assertThrows(IllegalArgumentException.class, () -> r.values("nope", Metric.RHO));
        // the products' measures: column 0 is the run's own rho, at init and trained, for every seed
        for (String name : v.keySet()) {
            double[][] m0 = r.measures(name, false, 1e-3), m1 = r.measures(name, true, 1e-3);
            double[] rho0 = r.values(name, Metric.RHO_INIT), rho1 = r.values(name, Metric.RHO);
            for (int s = 0; s < 3; s++) { assertEquals(rho0[s], m0[s][0], 1e-12, name); assertEquals(rho1[s], m1[s][0], 1e-12, name); }
        }
        // orthogonal init: W_e is a multiple of an orthogonal matrix, so every measure is at its maximum n
        for (double[] row : r.measures("orth", false, 1e-3)) { assertEquals(6, row[1], 1e-9); assertEquals(6, row[2], 1e-9); assertEquals(6, row[3]); }
        assertThrows(IllegalArgumentException.class, () -> r.measures("nope", true, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new FactorizationAblation.Result(r.runs()).measures("gd", true, 1e-3));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FactorizationAblation(MeasurementKind.GAUSSIAN, 6, 1, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new FactorizationAblation(MeasurementKind.GAUSSIAN, 6, 1, 37, 3));
        assertThrows(IllegalArgumentException.class, () -> new FactorizationAblation(null, 6, 1, 20, 3));
        assertThrows(IllegalArgumentException.class, () -> new FactorizationAblation(MeasurementKind.GAUSSIAN, 6, 1, 20, 3).run(Map.of()));
    }
}
