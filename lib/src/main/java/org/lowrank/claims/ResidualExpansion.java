package org.lowrank.claims;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.data.Augmentation;
import org.lowrank.data.FashionMnist;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedLayer;
import org.lowrank.random.Nd4jSeed;
import org.lowrank.rank.RankMetrics;
import org.lowrank.train.EpochMetrics;
import org.lowrank.train.Progress;
import org.lowrank.train.TrainConfig;
import org.lowrank.train.TrainingHarness;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Notebook 11's driver for the expanded layers' residual option in training: a Fashion-MNIST MLP
 * {@code 784 → hidden → hidden → 10} (ReLU) whose square hidden-to-hidden layer (index 1) is trained plain, expanded
 * into {@code depth} linear factors, or expanded with residual edges ({@link ExpandOptions#withResidual(int...)}).
 * The other layers stay plain. Every model of one seed has the same seed for init and minibatch order; ρ is taken
 * of layer 1's collapsed (end-to-end) weight, in double precision, at init and after training.
 *
 * @param hidden    hidden width (both hidden layers)
 * @param depth     factors of the expanded layer, ≥ 2
 * @param intervals residual intervals (official {@code residual_intervals})
 * @param epochs    training epochs
 * @param batch     minibatch size
 * @param lr        Adam learning rate (the same for every model)
 * @param nTrain    training images (first n of Fashion-MNIST train)
 * @param nTest     test images (first n of t10k)
 */
public record ResidualExpansion(int hidden, int depth, int[] intervals, int epochs, int batch, double lr, int nTrain, int nTest) {
    public ResidualExpansion {
        if (hidden < 1) throw new IllegalArgumentException("hidden = " + hidden + ": must be ≥ 1");
        if (depth < 2) throw new IllegalArgumentException("depth = " + depth + ": must be ≥ 2 (depth 1 is the plain layer)");
        if (intervals == null || intervals.length == 0) throw new IllegalArgumentException("intervals is empty: need at least one interval");
        if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + ": must be ≥ 1");
        if (batch < 1 || nTrain < batch) throw new IllegalArgumentException("batch = " + batch + ", nTrain = " + nTrain + ": need 1 ≤ batch ≤ nTrain");
        if (nTest < 1) throw new IllegalArgumentException("nTest = " + nTest + ": must be ≥ 1");
        if (!(lr > 0)) throw new IllegalArgumentException("lr = " + lr + ": must be > 0");
        intervals = intervals.clone();
    }

    /** The three models. */
    public enum Model { PLAIN, EXPANDED, RESIDUAL }

    /** One trained model: ρ of layer 1's end-to-end weight at init and after training, losses and test accuracy. */
    public record Run(Model model, long seed, double rhoInit, double rho, double trainLoss, double testLoss, double testAccuracy) {}

    /** The network configuration of {@code model}. */
    public MultiLayerConfiguration configuration(Model model, long seed) {
        MultiLayerConfiguration plain = new NeuralNetConfiguration.Builder().seed(Nd4jSeed.of(seed)).dataType(DataType.FLOAT)
                .updater(new Adam(lr)).list()
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(10).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        return switch (model) {
            case PLAIN -> plain;
            case EXPANDED -> Expand.expand(plain, ExpandOptions.of(depth, 1.0).only("1"));
            case RESIDUAL -> Expand.expand(plain, ExpandOptions.of(depth, 1.0).withResidual(intervals).only("1"));
        };
    }

    /** ρ of layer 1's end-to-end weight (collapsed first when expanded), double precision. */
    public static double hiddenRho(MultiLayerNetwork net) {
        MultiLayerNetwork plain = net.getLayer(1).conf().getLayer() instanceof ExpandedLayer ? Collapse.collapse(net) : net;
        return RankMetrics.effectiveRank(plain.getLayer(1).getParam("W").castTo(DataType.DOUBLE));
    }

    /** Trains every model for seeds 1..seeds, in (seed, model) order. */
    public List<Run> run(int seeds) {
        if (seeds < 2) throw new IllegalArgumentException("seeds = " + seeds + ": must be at least 2 (paired tests)");
        ImageDataset train = FashionMnist.load(FashionMnist.Split.TRAIN).head(nTrain);
        ImageDataset test = FashionMnist.load(FashionMnist.Split.TEST).head(nTest);
        Normalization unit = Normalization.unit();
        DataSet testSet = new ImageIterator(test, ImageIterator.Config.evaluation(nTest, unit)).next();
        List<Run> out = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++)
            for (Model m : Model.values()) {
                MultiLayerNetwork net = new MultiLayerNetwork(configuration(m, seed));
                net.init();
                double rho0 = hiddenRho(net);
                ImageIterator it = new ImageIterator(train, ImageIterator.Config.training(batch, seed, Augmentation.none(), unit));
                ImageIterator trainEval = new ImageIterator(train, ImageIterator.Config.evaluation(1000, unit));
                ImageIterator testEval = new ImageIterator(test, ImageIterator.Config.evaluation(1000, unit));
                List<EpochMetrics> h = new TrainingHarness(TrainConfig.of(epochs, seed).withProgress(Progress.NONE, 0),
                        new PrintStream(OutputStream.nullOutputStream())).fit(net, it, trainEval, testEval).history();
                EpochMetrics last = h.get(h.size() - 1);
                out.add(new Run(m, seed, rho0, hiddenRho(net), last.trainLoss(), net.score(testSet), last.testAccuracy()));
            }
        return out;
    }

    /** {@code f} of {@code model}'s runs, ordered by seed. */
    public static double[] values(List<Run> runs, Model model, ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.model() == model).sorted(Comparator.comparingLong(Run::seed)).mapToDouble(f).toArray();
    }
}
