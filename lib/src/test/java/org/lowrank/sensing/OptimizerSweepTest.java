package org.lowrank.sensing;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowrank.optim.Adam;
import org.lowrank.optim.FirstOrder;
import org.lowrank.optim.Sgd;

class OptimizerSweepTest {

    @Test
    void sgdAtTheMatchingRateIsPlainGradientDescent() {
        SensingProblem p = new SensingProblem(MeasurementKind.GAUSSIAN, 6, 1, 20, 3);
        FactorizationConfig cfg = new FactorizationConfig(3, 0.2, 1.0, 200, 0, 50);
        SensingRun gd = DeepFactorization.fit(p, cfg, 4);
        SensingRun sgd = DeepFactorization.fit(p, cfg, new Sgd(cfg.stepSize() / (3 * p.operatorNorm())), 4);
        assertEquals(gd.error(), sgd.error(), 1e-12);
        assertEquals(gd.rho(), sgd.rho(), 1e-12);
        assertEquals("depth 3, SGD", sgd.method());
    }

    @Test
    void sweepPicksTheBestRateAndPairsBySeed() {
        var sweep = new OptimizerSweep(MeasurementKind.GAUSSIAN, 6, 1, 20, new FactorizationConfig(2, 0.2, 1.0, 150, 0, 50), 1, 2);
        List<FirstOrder> opts = List.of(new Sgd(0.1), new Adam(0.01));
        var res = sweep.run(opts, new double[][] {{1e-4, 0.05, 0.2}, {1e-3, 1e-2}}, new int[] {2});
        assertEquals(2, res.tunings().size());
        for (var t : res.tunings()) {
            for (double v : t.meanLogError()) assertTrue(t.meanLogError()[t.bestIndex()] <= v);
        }
        // a rate of 1e-4 for 150 steps barely moves from the tiny init, so it is not SGD's pick
        assertNotEquals(0, res.tunings().get(0).bestIndex());
        assertEquals(2, OptimizerSweep.values(res.runs(), "SGD", 2, SensingRun::error).length);
        assertEquals(4, res.runs().size());
        assertThrows(IllegalArgumentException.class, () -> sweep.run(opts, new double[][] {{1e-3}}, new int[] {2}));
    }
}
