package org.lowrank.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    static final TaskSpec TASK = new TaskSpec(16, 16, 4, TaskSpec.Spectrum.EQUAL, 12, 64, 0);

    @Test
    void divergedRunRestartsAtHalfTheRate() {
        RunSpec s = new RunSpec("t", TASK, NetConfig.linear(16, 8, NetConfig.Init.DEFAULT), new OptimizerSpec("SGD", 4.0), 300, 1e-6, 1, false);
        RunResult r = Trainer.run(s);
        assertEquals(s.key(), r.key());
        assertTrue(r.lr() < 4.0, "lr " + r.lr());
        assertTrue(r.lr() >= 4.0 / 8, "at most 3 halvings, got lr " + r.lr());
    }

    @Test
    void deepLinearNetFitsUnderDeterminedLowRankTaskAndLowersRho() {
        RunSpec s = new RunSpec("t", TASK, NetConfig.linear(16, 4, NetConfig.Init.DEFAULT), new OptimizerSpec("SGD", 0.5), 3000, 1e-6, 2, false);
        RunResult r = Trainer.run(s);
        assertTrue(r.trainLoss() < 1e-4, "train " + r.trainLoss());
        assertTrue(r.rhoFinal() < r.rhoInit() + 0.5 && r.rhoFinal() < Math.log(16), "rho " + r.rhoInit() + " -> " + r.rhoFinal());
        assertEquals(Math.log(4), r.rhoTarget(), 1e-9);
        // same spec, same numbers
        RunResult again = Trainer.run(s);
        assertEquals(r.trainLoss(), again.trainLoss(), 0.0);
        assertEquals(r.rhoFinal(), again.rhoFinal(), 0.0);
    }

    @Test
    void wholeVectorOptimizersRunThroughTheTrainer() {
        for (String name : List.of("LBFGS", "CMAES", "RandomSearch")) {
            double lr = name.equals("LBFGS") ? 1.0 : name.equals("CMAES") ? 0.05 : 1.0;
            RunSpec s = new RunSpec("t", TASK, NetConfig.linear(16, 2, NetConfig.Init.DEFAULT), new OptimizerSpec(name, lr), 300, 1e-6, 3, true);
            RunResult r = Trainer.run(s);
            Task t = TASK.generate(3);
            double init = new DeepNet(s.net(), 3 * 7919L + 1).loss(t.xTrain(), t.yTrain(), 12);
            assertTrue(r.trainLoss() < init, name + " " + r.trainLoss() + " vs init " + init);
            assertTrue(Double.isFinite(r.gramFinal()), name);
        }
    }

    @Test
    void clustersTaskHasOneHotLabels() {
        Task t = new TaskSpec(8, 3, 3, TaskSpec.Spectrum.CLUSTERS, 9, 6, 0.5).generate(1);
        for (int i = 0; i < 9; i++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) sum += t.yTrain()[i * 3 + c];
            assertEquals(1.0, sum);
            assertEquals(1.0, t.yTrain()[i * 3 + i % 3]);
        }
    }
}
