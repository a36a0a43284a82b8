package org.lowrank.train;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Child JVM of {@link KillAndResumeTest}: trains with checkpoints and, on reaching iteration {@code halt}, prints
 * "HALT" and blocks so the parent can kill it mid-epoch, after a checkpoint and with un-checkpointed progress.
 * Args: checkpointDir resultsCsv halt.
 */
public final class ResumeChild {
    public static void main(String[] args) {
        Path dir = Paths.get(args[0]), csv = Paths.get(args[1]);
        int halt = Integer.parseInt(args[2]);
        org.lowrank.expand.Expand.enableOneDnnHelpers();   // as the parent does (KillAndResumeTest)
        MultiLayerNetwork net = TinyNets.mln(KillAndResumeTest.SEED, 0.05);
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                if (iteration + 1 >= halt) {
                    System.out.println("HALT at iteration " + (iteration + 1));
                    System.out.flush();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        new TrainingHarness(KillAndResumeTest.config(dir, csv)).fit(net, TinyNets.train(TinyNets.data(64, 1), KillAndResumeTest.SEED),
                TinyNets.eval(TinyNets.data(64, 1)), TinyNets.eval(TinyNets.data(32, 2)));
        System.out.println("FINISHED without halting");
    }
}
