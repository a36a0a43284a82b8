package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lowrank.experiment.LrSweep;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunStatus;
import org.lowrank.experiment.Runner;
import org.lowrank.experiment.TaskSpec;
import org.lowrank.random.Nonlinearity;

class TrainedEmbeddingsTest {
    static final int[] DEPTHS = {2, 4, 8, 16};

    static RunResult run(Nonlinearity a, int depth, long seed, double gramFinal) {
        return new RunResult("k" + a + depth + seed, "c3", depth, a.name(), "DEFAULT", 10, "Adam", 1e-3, seed, 10,
                RunStatus.CONVERGED, 0, 0, Double.NaN, Double.NaN, 2.5, gramFinal, Double.NaN, 0);
    }

    /** ρ(K) = base − drop·log₂(d)/4 + a per-seed offset and a little per-run noise. */
    static void add(List<RunResult> runs, Nonlinearity a, double drop, int seeds) {
        for (int s = 0; s < seeds; s++)
            for (int d : DEPTHS) {
                double noise = 0.02 * Math.sin(7 * s + d);
                runs.add(run(a, d, s, 2.4 + 0.1 * s - drop * (Math.log(d) / Math.log(2) - 1) / 3 + noise));
            }
    }

    @Test
    void aClearFallPassesAndAFlatCurveDoesNotAfterHolm() {
        List<RunResult> runs = new ArrayList<>();
        add(runs, Nonlinearity.RELU, 0.8, 5);
        add(runs, Nonlinearity.TANH, 0.0, 5);
        var o = new TrainedEmbeddings.Outcome(runs, List.of());
        var tests = TrainedEmbeddings.depthTests(o, List.of(Nonlinearity.RELU, Nonlinearity.TANH), DEPTHS);
        var relu = tests.get(0);
        var tanh = tests.get(1);
        assertTrue(relu.falls(), relu.describe());
        assertEquals(0.8, relu.drop().mean(), 0.05);
        assertEquals(-0.8 / 3, relu.slope().mean(), 0.02);
        assertFalse(tanh.falls(), tanh.describe());
        // Holm: the smallest p is multiplied by the family size
        assertEquals(Math.min(1, 2 * Math.min(relu.p(), tanh.p())), Math.min(relu.pHolm(), tanh.pHolm()), 1e-12);
        assertTrue(relu.pHolm() >= relu.p());
        String range = TrainedEmbeddings.dropRange(tests);
        assertTrue(range.matches("-?0\\.0\\d \\(tanh\\) to 0\\.8\\d \\(relu\\)"), range);
    }

    @Test
    void aSeedWithANanIsExcludedAndCounted() {
        List<RunResult> runs = new ArrayList<>();
        add(runs, Nonlinearity.RELU, 0.8, 5);
        runs.set(3, run(Nonlinearity.RELU, 16, 0, Double.NaN)); // seed 0, depth 16
        var o = new TrainedEmbeddings.Outcome(runs, List.of());
        var t = TrainedEmbeddings.depthTests(o, List.of(Nonlinearity.RELU), DEPTHS).get(0);
        assertEquals(1, t.nanRuns());
        assertEquals(1, t.seedsExcluded());
        assertEquals(4, t.slope().n());
        assertEquals(1, t.trained()[3].nanCount());
        assertEquals(4, t.trained()[3].n());
        assertTrue(t.describe().contains("1 NaN"), t.describe());
    }

    @Test
    void runTunesEveryActivationAndDepthOnAHeldOutSeedThenTrainsEverySeed() {
        TaskSpec task = new TaskSpec(4, 3, 3, TaskSpec.Spectrum.CLUSTERS, 12, 12, 1.0);
        var setup = new TrainedEmbeddings.Setup(task, 5, new int[] {1, 2}, List.of(Nonlinearity.RELU, Nonlinearity.SIREN), 2, 20,
                new double[] {1e-3, 1e-2}, 5, 100, 1);
        List<String> log = new ArrayList<>();
        var o = TrainedEmbeddings.run(new Runner(null, 1), setup, log::add);
        assertEquals(2 * 2 * 2, o.runs().size());
        assertEquals(4, o.tuned().size());
        assertEquals(4, log.size());
        for (LrSweep.Tuned t : o.tuned()) {
            assertEquals(100, t.choice().template().seed());
            assertEquals(2, t.runs().size());
        }
        for (int k = 0; k < o.runs().size(); k++) {
            RunResult r = o.runs().get(k);
            assertEquals(k % 2, r.seed());
            assertEquals(k / 4 == 0 ? "RELU" : "SIREN", r.activation());
        }
        assertEquals(4, o.of(Nonlinearity.SIREN).size());
        assertEquals(2, o.of(Nonlinearity.SIREN, 2).size());
        assertEquals(o.tuned().get(3).choice().lr(), o.lr(Nonlinearity.SIREN, 2));
        assertThrows(IllegalArgumentException.class, () -> o.lr(Nonlinearity.TANH, 2));
    }

    @Test
    void setupRejectsBadInputByName() {
        TaskSpec task = new TaskSpec(4, 3, 3, TaskSpec.Spectrum.CLUSTERS, 12, 12, 1.0);
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddings.Setup(task, 5, new int[] {1, 2},
                List.of(Nonlinearity.RELU), 3, 20, new double[] {1e-3, 1e-2}, 5, 1, 1));
        assertTrue(e.getMessage().contains("sweepSeed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddings.Setup(task, 5, new int[] {2, 2},
                List.of(Nonlinearity.RELU), 3, 20, new double[] {1e-3, 1e-2}, 5, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddings.Setup(task, 5, new int[] {1, 2},
                List.of(Nonlinearity.RELU), 1, 20, new double[] {1e-3, 1e-2}, 5, 100, 1));
        var g = assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddings.Setup(task, 5, new int[] {1, 2},
                List.of(Nonlinearity.RELU), 3, 20, new double[] {1e-3}, 5, 100, 1));
        assertTrue(g.getMessage().contains("lrGrid"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainedEmbeddings.Setup(task, 5, new int[] {1, 2},
                List.of(Nonlinearity.RELU), 3, 20, new double[] {1e-3, 1e-2}, 5, -1, 2));
    }
}
