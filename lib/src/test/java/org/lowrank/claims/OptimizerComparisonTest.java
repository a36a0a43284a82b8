package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lowrank.experiment.NetConfig;
import org.lowrank.experiment.Optimizer;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunStatus;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;

class OptimizerComparisonTest {
    static RunResult run(Optimizer o, int depth, long seed, double rho) {
        return new RunResult("k" + o + depth + seed, "g", depth, "LINEAR", "DEFAULT", 8, o.label(), 0.1, seed, 10,
                RunStatus.CONVERGED, 0, 0, 3, rho, Double.NaN, Double.NaN, Math.log(8), 0);
    }

    @Test
    void verdictNeedsSignificanceAndMateriality() {
        List<RunResult> runs = new ArrayList<>();
        double[] gd = {2.10, 2.11, 2.09, 2.12, 2.10};
        for (int s = 0; s < gd.length; s++) {
            runs.add(run(Optimizer.SGD, 4, s, gd[s]));
            runs.add(run(Optimizer.ADAM, 4, s, gd[s] + 0.3));       // clearly higher: loses the bias
            runs.add(run(Optimizer.MUON, 4, s, gd[s] + 0.01));      // higher but not materially: keeps it
        }
        var adam = OptimizerComparison.keepsBias(runs, r -> true, Optimizer.ADAM, Optimizer.SGD);
        assertFalse(adam.keeps());
        assertEquals(0.3, adam.meanGap(), 1e-9);
        assertTrue(adam.p() < OptimizerComparison.ALPHA);
        assertTrue(OptimizerComparison.keepsBias(runs, r -> true, Optimizer.MUON, Optimizer.SGD).keeps());
        var ref = OptimizerComparison.keepsBias(runs, r -> true, Optimizer.SGD, Optimizer.SGD);
        assertTrue(ref.keeps() && Double.isNaN(ref.p()));
        // the filter applies: no deep runs, no evidence, keeps
        assertTrue(OptimizerComparison.keepsBias(runs, r -> r.depth() >= 8, Optimizer.ADAM, Optimizer.SGD).keeps());
    }

    @Test
    void sweepRunsEveryOptimizerDepthAndSeedWithItsBudget() {
        TaskSpec task = new TaskSpec(8, 8, 2, TaskSpec.Spectrum.EQUAL, 6, 16, 0);
        Map<Optimizer, double[]> grids = new LinkedHashMap<>();
        grids.put(Optimizer.SGD, new double[] {0.05, 0.2});
        grids.put(Optimizer.RANDOM_SEARCH, new double[] {0.5});
        var budget = new OptimizerComparison.Budget(40, 8, 120);
        List<String> log = new ArrayList<>();
        List<RunResult> runs = OptimizerComparison.sweep(new Runner(null, 1), "t", task, 8, NetConfig.Init.DEFAULT,
                new int[] {1, 2}, 2, grids, budget, log::add);
        assertEquals(2 * 2 * 2, runs.size());
        assertEquals(2, log.size(), "one LR choice per depth for the swept optimizer: " + log);
        for (RunResult r : runs) {
            Optimizer o = Optimizer.parse(r.optimizer());
            assertTrue(r.steps() <= budget.of(o), r.toString());
        }
        assertEquals(List.of("SGD", "SGD", "SGD", "SGD", "RandomSearch", "RandomSearch", "RandomSearch", "RandomSearch"),
                runs.stream().map(RunResult::optimizer).toList());
        assertEquals(0.5, runs.get(7).lr(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new OptimizerComparison.Budget(2, 8, 120));
    }
}
