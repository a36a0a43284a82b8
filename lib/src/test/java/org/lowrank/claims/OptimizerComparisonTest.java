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
    static RunResult run(Optimizer o, int depth, long seed, double rhoInit, double rho, double trainLoss) {
        return new RunResult("k" + o + depth + seed, "g", depth, "LINEAR", "DEFAULT", 8, o.label(), 0.1, seed, 10,
                RunStatus.CONVERGED, trainLoss, 0, rhoInit, rho, Double.NaN, Double.NaN, Math.log(8), 0);
    }

    static RunResult run(Optimizer o, int depth, long seed, double rho) {
        return run(o, depth, seed, 3, rho, 0);
    }

    @Test
    void verdictIsPerDepthPairedBySeedAndNeedsSignificanceAndMateriality() {
        List<RunResult> runs = new ArrayList<>();
        // a large seed-to-seed spread that pairing removes: Welch on these would see nothing
        double[] gd = {2.10, 2.60, 1.90, 2.45, 2.20};
        for (int s = 0; s < gd.length; s++) {
            runs.add(run(Optimizer.SGD, 4, s, gd[s]));
            runs.add(run(Optimizer.ADAM, 4, s, gd[s] + 0.3 + 0.01 * s));   // clearly higher: loses the bias
            runs.add(run(Optimizer.MUON, 4, s, gd[s] + 0.01 + 0.001 * s)); // higher but not materially: keeps it
            runs.add(run(Optimizer.SGD, 8, s, gd[s]));
            runs.add(run(Optimizer.ADAM, 8, s, gd[s] - 0.1 + 0.01 * s));   // lower at depth 8: keeps it there
            runs.add(run(Optimizer.MUON, 8, s, gd[s]));
        }
        var at4 = OptimizerComparison.keepsBias(runs, List.of(Optimizer.ADAM, Optimizer.MUON), Optimizer.SGD, 4);
        var adam = at4.get(0);
        assertFalse(adam.keeps());
        assertEquals(0.32, adam.gap().mean(), 1e-9);
        assertTrue(adam.pHolm() < OptimizerComparison.ALPHA && adam.pHolm() >= adam.p());
        assertEquals(5, adam.gap().n());
        assertTrue(at4.get(1).keeps(), "significant but not material");
        var at8 = OptimizerComparison.keepsBias(runs, List.of(Optimizer.ADAM, Optimizer.MUON), Optimizer.SGD, 8);
        assertTrue(at8.get(0).keeps() && at8.get(0).p() > 0.5);
        assertThrows(IllegalArgumentException.class,
                () -> OptimizerComparison.keepsBias(runs, List.of(Optimizer.SGD), Optimizer.SGD, 4));
    }

    @Test
    void trainingEffectCancelsTheInitsFallWithDepth() {
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            double jitter = 0.01 * ((s * 7) % 5);
            // SGD: final rho equals init rho at depth 8 -- the whole fall with depth is the init's
            runs.add(run(Optimizer.SGD, 1, s, 3.25, 2.68 + jitter, 0));
            runs.add(run(Optimizer.SGD, 8, s, 2.23 + jitter, 2.23 + 2 * jitter, 0));
            // ADAM: training lowers rho by 0.5 more at depth 8 than at depth 1
            runs.add(run(Optimizer.ADAM, 1, s, 3.25, 2.68 + jitter, 0));
            runs.add(run(Optimizer.ADAM, 8, s, 2.23, 2.23 - 0.57 - 0.5 + jitter, 0));
        }
        var eff = OptimizerComparison.trainingEffect(runs, List.of(Optimizer.SGD, Optimizer.ADAM), new int[] {1, 8});
        var sgd = eff.get(Optimizer.SGD).get(0);
        var adam = eff.get(Optimizer.ADAM).get(0);
        assertEquals(8, sgd.depth());
        assertEquals(1, sgd.baseDepth());
        assertFalse(sgd.holds(), "Δ rises with depth: training adds nothing");
        assertTrue(sgd.difference().mean() > 0.5);
        assertTrue(adam.holds());
        assertEquals(-0.5, adam.difference().mean(), 1e-9);
        assertEquals(Math.min(1, 2 * adam.p()), adam.pHolm(), 1e-12);
    }

    @Test
    void fitsNeedsEveryRunBelowTheThreshold() {
        List<RunResult> runs = List.of(run(Optimizer.CMAES, 1, 0, 3, 3, 1e-3), run(Optimizer.CMAES, 8, 0, 3, 3, 1.5),
                run(Optimizer.SGD, 1, 0, 3, 3, 1e-5));
        assertFalse(OptimizerComparison.fits(runs, Optimizer.CMAES));
        assertTrue(OptimizerComparison.fits(runs, Optimizer.SGD));
        assertArrayEquals(new double[] {1.5}, OptimizerComparison.values(runs, Optimizer.CMAES, 8, RunResult::trainLoss));
        assertThrows(IllegalArgumentException.class, () -> OptimizerComparison.fits(runs, Optimizer.LION));
    }

    @Test
    void pairingMatchesSeedsAndRejectsDuplicates() {
        List<RunResult> runs = new ArrayList<>(List.of(run(Optimizer.SGD, 2, 3, 1.0), run(Optimizer.SGD, 2, 1, 2.0),
                run(Optimizer.ADAM, 2, 1, 5.0), run(Optimizer.ADAM, 2, 3, 6.0), run(Optimizer.ADAM, 2, 4, 7.0)));
        double[][] xy = OptimizerComparison.paired(runs, OptimizerComparison.uses(Optimizer.ADAM), 2,
                OptimizerComparison.uses(Optimizer.SGD), 2, RunResult::rhoFinal);
        assertArrayEquals(new double[] {5.0, 6.0}, xy[0]);
        assertArrayEquals(new double[] {2.0, 1.0}, xy[1]);
        runs.add(run(Optimizer.SGD, 2, 3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> OptimizerComparison.paired(runs, OptimizerComparison.uses(Optimizer.ADAM), 2,
                OptimizerComparison.uses(Optimizer.SGD), 2, RunResult::rhoFinal));
    }

    @Test
    void sweepRunsEveryOptimizerDepthAndSeedWithItsBudgetAndTunesOnAHeldOutSeed() {
        TaskSpec task = new TaskSpec(8, 8, 2, TaskSpec.Spectrum.EQUAL, 6, 16, 0);
        Map<Optimizer, double[]> grids = new LinkedHashMap<>();
        grids.put(Optimizer.SGD, new double[] {0.05, 0.2});
        grids.put(Optimizer.RANDOM_SEARCH, new double[] {0.5});
        var budget = new OptimizerComparison.Budget(40, 8, 120);
        List<String> log = new ArrayList<>();
        var c = OptimizerComparison.sweep(new Runner(null, 1), "t", task, 8, NetConfig.Init.DEFAULT,
                new int[] {1, 2}, 2, grids, budget, log::add);
        List<RunResult> runs = c.runs();
        assertEquals(2 * 2 * 2, runs.size());
        assertEquals(2, log.size(), "one LR choice per depth for the swept optimizer: " + log);
        for (RunResult r : runs) {
            Optimizer o = Optimizer.parse(r.optimizer());
            assertTrue(r.steps() <= budget.of(o), r.toString());
            assertTrue(r.seed() < 2, r.toString());
        }
        assertEquals(List.of("SGD", "SGD", "SGD", "SGD", "RandomSearch", "RandomSearch", "RandomSearch", "RandomSearch"),
                runs.stream().map(RunResult::optimizer).toList());
        assertEquals(0.5, runs.get(7).lr(), 0.0);
        assertEquals(2, c.tuned().size(), "the swept optimizer's depths");
        for (var t : c.tuned()) {
            assertEquals(OptimizerComparison.SWEEP_SEED, t.choice().template().seed());
            assertEquals(2, t.runs().size());
            assertTrue(t.ratesUsed().contains("chosen"), t.ratesUsed());
        }
        assertEquals(runs.subList(0, 2), c.tuned().get(0).runs());
        assertThrows(IllegalArgumentException.class, () -> new OptimizerComparison.Budget(2, 8, 120));
    }
}
