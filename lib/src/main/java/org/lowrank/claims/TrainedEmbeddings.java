package org.lowrank.claims;

import java.util.Comparator;
import java.util.stream.IntStream;

import org.lowrank.experiment.DeepNet;
import org.lowrank.experiment.FastTrainer;
import org.lowrank.experiment.RunResult;
import org.lowrank.experiment.RunSpec;
import org.lowrank.experiment.Task;
import org.lowrank.random.Seeds;

/** Notebook 04's driver for one trained network: train it, look at its kernel, score its classification. */
public final class TrainedEmbeddings {
    private TrainedEmbeddings() {}

    /** A trained network and its run's measurements. */
    public record Trained(DeepNet net, RunResult result) { }

    /**
     * Trains the network of {@code spec} on {@code task} (generated from {@code spec}'s task and seed), from the same
     * initial weights as {@link FastTrainer#run(RunSpec)}, and keeps the network.
     */
    public static Trained train(RunSpec spec, Task task) {
        DeepNet net = new DeepNet(spec.net(), Seeds.netInit(spec.seed()));
        RunResult r = FastTrainer.run(spec, task, net, System.nanoTime());
        return new Trained(net, r);
    }

    /**
     * The cosine kernel K[i][j] = cos(φ(x_i), φ(x_j)) of the penultimate embeddings of the test inputs, rows and
     * columns ordered by class (the CLUSTERS task gives input i class i mod classes), so that a low-rank kernel shows
     * as blocks.
     */
    public static double[][] sortedCosineKernel(DeepNet net, Task task) {
        int n = task.spec().nTest(), m = net.embeddingDim(), classes = task.spec().outputDim();
        double[] phi = net.embed(task.xTest(), n);
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> i % classes)).mapToInt(Integer::intValue).toArray();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double dot = 0, ni = 0, nj = 0;
                for (int c = 0; c < m; c++) {
                    double a = phi[order[i] * m + c], b = phi[order[j] * m + c];
                    dot += a * b;
                    ni += a * a;
                    nj += b * b;
                }
                k[i][j] = dot / Math.sqrt(ni * nj);
            }
        return k;
    }

    /** Test accuracy of a classifier on one-hot targets: the arg-max output against the label. */
    public static double testAccuracy(DeepNet net, Task task) {
        int n = task.spec().nTest(), classes = task.spec().outputDim();
        double[] out = net.forward(task.xTest(), n);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (out[i * classes + c] > out[i * classes + best]) best = c;
            if (task.yTest()[i * classes + best] == 1) ok++;
        }
        return ok / (double) n;
    }
}
