package org.lowrank.train;

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
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Notebook 08's experiment: the same MLP trained plain and with its hidden layers expanded (the official scheme),
 * tracking the effective rank ρ of each hidden layer's end-to-end (collapsed) weight over training. Both models are
 * built from the same layers ({@code ExpandedDense}; the plain model at depth 1, so plain and expanded run one code
 * path and one initialization scheme) and collapsed after every epoch. Training runs through
 * {@link TrainingHarness#withFastMlp()} on {@link ImageIterator}s (pixels / 255), evaluation through DL4J
 * ({@link Nets#evaluate}).
 *
 * @param hidden   hidden layer sizes (ReLU), e.g. {256, 256}
 * @param depth    expansion depth of every hidden layer
 * @param width    expansion width
 * @param epochs   training epochs
 * @param batch    minibatch size
 * @param lrPlain    Adam learning rate of the plain model
 * @param lrExpanded Adam learning rate of the expanded model (per model: docs/reproduction-notes.md pitfall 10)
 * @param nTrain   training images (first n of Fashion-MNIST train)
 * @param nTest    test images (first n of Fashion-MNIST t10k)
 * @param seed     seed of init and shuffling (both models see the same minibatches)
 */
public record ExpandExperiment(int[] hidden, int depth, double width, int epochs, int batch, double lrPlain,
                               double lrExpanded, int nTrain, int nTest, long seed) {

    public ExpandExperiment {
        if (hidden == null || hidden.length == 0) throw new IllegalArgumentException("hidden is empty; allowed: >= 1 layer sizes");
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + "; allowed: >= 1");
        if (batch < 1) throw new IllegalArgumentException("batch = " + batch + "; allowed: >= 1");
        if (nTrain < batch) throw new IllegalArgumentException("nTrain = " + nTrain + "; allowed: >= batch (" + batch + ")");
        if (nTest < 1) throw new IllegalArgumentException("nTest = " + nTest + "; allowed: >= 1");
        if (!(lrPlain > 0) || !Double.isFinite(lrPlain)) throw new IllegalArgumentException("lrPlain = " + lrPlain + "; allowed: > 0, finite");
        if (!(lrExpanded > 0) || !Double.isFinite(lrExpanded))
            throw new IllegalArgumentException("lrExpanded = " + lrExpanded + "; allowed: > 0, finite");
        hidden = hidden.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The learning rate of the expanded ({@code true}) or plain model. */
    public double lr(boolean expanded) {
        return expanded ? lrExpanded : lrPlain;
    }

    /** The same experiment with another seed. */
    public ExpandExperiment withSeed(long newSeed) {
        return new ExpandExperiment(hidden, depth, width, epochs, batch, lrPlain, lrExpanded, nTrain, nTest, newSeed);
    }

    /** The same experiment with other learning rates. */
    public ExpandExperiment withLearningRates(double plain, double expanded) {
        return new ExpandExperiment(hidden, depth, width, epochs, batch, plain, expanded, nTrain, nTest, seed);
    }

    /** Per-epoch record (epoch 0 = at initialization). */
    public record Epoch(int epoch, double[] rhoPlain, double[] rhoExpanded, double trainAccPlain, double trainAccExpanded,
                        double testAccPlain, double testAccExpanded) { }

    /** Everything the notebook shows. */
    public record Result(List<Epoch> epochs, MultiLayerNetwork plain, MultiLayerNetwork expanded, DataSet train, DataSet test) {
        public Epoch last() { return epochs.get(epochs.size() - 1); }
    }

    /**
     * A one-layer network for demonstrations: {@code layer} followed by an MSE loss (identity), SGD(1e-3), so that
     * {@code fit} runs one training step (moving batch-norm running statistics) and {@code output} is the layer's.
     */
    public static MultiLayerNetwork singleLayerNet(org.deeplearning4j.nn.conf.layers.Layer layer, InputType in,
                                                   DataType dt, long seed) {
        org.deeplearning4j.nn.conf.layers.Layer loss = in.getType() == InputType.Type.CNN
                ? new org.deeplearning4j.nn.conf.layers.CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build()
                : new org.deeplearning4j.nn.conf.layers.LossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f
                                ? f.getNOut() : 0).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(Nd4jSeed.of(seed)).dataType(dt)
                .updater(new org.nd4j.linalg.learning.config.Sgd(1e-3)).list().layer(layer).layer(loss)
                .setInputType(in).build());
        net.init();
        return net;
    }

    /** Fashion-MNIST image side (28×28 pixels, one channel) and classes. */
    private static final int SIDE = 28, CLASSES = 10;
    /** Evaluation batch: bounds the memory of one forward pass. */
    private static final int EVAL_BATCH = 1000;

    /**
     * The MLP with DL4J's own layers: 28×28 image (flattened by DL4J) → hidden (ReLU) → 10 (softmax), Adam at
     * {@code lr}, float32. The models trained here are this configuration expanded ({@link #plainConfiguration()} at
     * depth 1).
     */
    public MultiLayerConfiguration dl4jConfiguration(double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(Nd4jSeed.of(seed)).dataType(DataType.FLOAT)
                .updater(new Adam(lr)).list();
        for (int h : hidden) b.layer(new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(CLASSES).build());
        return b.setInputType(InputType.convolutional(SIDE, SIDE, 1)).build();
    }

    /**
     * The plain model: every hidden layer an expanded layer of depth 1 (one factor, the official init), Adam at
     * {@code lrPlain}; it collapses to {@link #dl4jConfiguration}'s architecture.
     */
    public MultiLayerConfiguration plainConfiguration() {
        return Expand.expand(dl4jConfiguration(lrPlain), ExpandOptions.of(1, 1));
    }

    /** Every hidden layer expanded to {@code depth} (the output layer stays plain), Adam at {@code lrExpanded}. */
    public MultiLayerConfiguration expandedConfiguration() {
        return Expand.expand(dl4jConfiguration(lrExpanded), ExpandOptions.of(depth, width));
    }

    /** ρ (double precision) of each hidden layer's end-to-end weight. */
    public static double[] hiddenRhos(MultiLayerNetwork net, int nHidden) {
        MultiLayerNetwork plain = net.getLayer(0).conf().getLayer() instanceof ExpandedLayer ? Collapse.collapse(net) : net;
        double[] out = new double[nHidden];
        for (int i = 0; i < nHidden; i++) out[i] = RankMetrics.effectiveRank(plain.getLayer(i).getParam("W").castTo(DataType.DOUBLE));
        return out;
    }

    /** Trains both models on the same minibatches and records ρ and accuracies after every epoch. */
    public Result run() {
        ImageDataset trainData = FashionMnist.load(FashionMnist.Split.TRAIN).head(nTrain);
        ImageDataset testData = FashionMnist.load(FashionMnist.Split.TEST).head(nTest);
        Normalization unit = Normalization.unit();
        MultiLayerNetwork plain = new MultiLayerNetwork(plainConfiguration());
        plain.init();
        MultiLayerNetwork big = new MultiLayerNetwork(expandedConfiguration());
        big.init();
        List<double[]> rhoPlain = new ArrayList<>(), rhoBig = new ArrayList<>();
        double[] acc0 = new double[4];
        List<EpochMetrics> hPlain = train(plain, trainData, testData, unit, rhoPlain, acc0, 0);
        List<EpochMetrics> hBig = train(big, trainData, testData, unit, rhoBig, acc0, 1);
        List<Epoch> epochs = new ArrayList<>();
        epochs.add(new Epoch(0, rhoPlain.get(0), rhoBig.get(0), acc0[0], acc0[1], acc0[2], acc0[3]));
        for (int e = 0; e < epochs(); e++) {
            EpochMetrics p = hPlain.get(e), x = hBig.get(e);
            epochs.add(new Epoch(e + 1, rhoPlain.get(e + 1), rhoBig.get(e + 1), p.trainAccuracy(), x.trainAccuracy(),
                    p.testAccuracy(), x.testAccuracy()));
        }
        return new Result(epochs, plain, big, asDataSet(trainData, unit), asDataSet(testData, unit));
    }

    /**
     * One model's history, as {@link #runArm} trains it: index 0 is at initialization, index {@code e} after epoch e.
     *
     * @param expanded whether the hidden layers were expanded
     * @param rho      ρ of each hidden layer's end-to-end weight, {@code [epoch][layer]}
     * @param trainAcc train accuracy per epoch
     * @param testAcc  test accuracy per epoch
     */
    public record Arm(boolean expanded, double[][] rho, double[] trainAcc, double[] testAcc) {
        public Arm {
            if (rho.length < 2 || trainAcc.length != rho.length || testAcc.length != rho.length)
                throw new IllegalArgumentException("rho has " + rho.length + " epochs, trainAcc " + trainAcc.length + ", testAcc "
                        + testAcc.length + "; allowed: the same number, >= 2 (init and at least one epoch)");
        }

        /** Per epoch: ρ of every hidden layer, then train and test accuracy ({@link #of} reads it back). */
        public double[] flatten() {
            int layers = rho[0].length;
            double[] v = new double[rho.length * (layers + 2)];
            for (int e = 0, i = 0; e < rho.length; e++) {
                for (int l = 0; l < layers; l++) v[i++] = rho[e][l];
                v[i++] = trainAcc[e];
                v[i++] = testAcc[e];
            }
            return v;
        }

        /** The arm whose {@link #flatten} is {@code values}, with {@code layers} hidden layers. */
        public static Arm of(boolean expanded, double[] values, int layers) {
            int stride = layers + 2;
            if (layers < 1 || values.length % stride != 0 || values.length / stride < 2)
                throw new IllegalArgumentException("values has " + values.length + " numbers; allowed: a multiple >= 2 of " + stride
                        + " (per epoch: " + layers + " rho values, train and test accuracy)");
            int epochs = values.length / stride;
            double[][] rho = new double[epochs][layers];
            double[] tr = new double[epochs], te = new double[epochs];
            for (int e = 0, i = 0; e < epochs; e++) {
                for (int l = 0; l < layers; l++) rho[e][l] = values[i++];
                tr[e] = values[i++];
                te[e] = values[i++];
            }
            return new Arm(expanded, rho, tr, te);
        }
    }

    /**
     * Trains one of the two models alone (the sweep of notebook 08 runs each as its own task); its numbers are those
     * {@link #run} gives for the same model, which trains both on the same minibatches from the same seed.
     */
    public Arm runArm(boolean expanded) {
        ImageDataset trainData = FashionMnist.load(FashionMnist.Split.TRAIN).head(nTrain);
        ImageDataset testData = FashionMnist.load(FashionMnist.Split.TEST).head(nTest);
        return runArm(expanded, trainData, testData);
    }

    private Arm runArm(boolean expanded, ImageDataset trainData, ImageDataset testData) {
        MultiLayerNetwork net = new MultiLayerNetwork(expanded ? expandedConfiguration() : plainConfiguration());
        net.init();
        List<double[]> rhos = new ArrayList<>();
        double[] acc0 = new double[4];
        List<EpochMetrics> h = train(net, trainData, testData, Normalization.unit(), rhos, acc0, 0);
        double[] tr = new double[epochs + 1], te = new double[epochs + 1];
        tr[0] = acc0[0];
        te[0] = acc0[2];
        for (int e = 0; e < epochs; e++) {
            tr[e + 1] = h.get(e).trainAccuracy();
            te[e + 1] = h.get(e).testAccuracy();
        }
        return new Arm(expanded, rhos.toArray(double[][]::new), tr, te);
    }

    /**
     * One trial of a learning-rate sweep: the model trained with this experiment's rate for it, on the first
     * {@code nTrain − nValidation} of the {@code nTrain} training images, for all {@code epochs}; returns the accuracy
     * on the other {@code nValidation} (held out from training, never the test images), or NaN when training diverged
     * ({@link TrainingDivergedException}).
     */
    public double validationAccuracy(boolean expanded, int nValidation) {
        if (nValidation < 1 || nTrain - nValidation < batch)
            throw new IllegalArgumentException("nValidation = " + nValidation + "; allowed: 1.." + (nTrain - batch)
                    + " (nTrain " + nTrain + " minus one batch of " + batch + ")");
        ImageDataset all = FashionMnist.load(FashionMnist.Split.TRAIN).head(nTrain);
        int[] fit = java.util.stream.IntStream.range(0, nTrain - nValidation).toArray();
        int[] held = java.util.stream.IntStream.range(nTrain - nValidation, nTrain).toArray();
        try {
            Arm a = runArm(expanded, all.subset(fit), all.subset(held));
            return a.testAcc()[epochs];
        } catch (TrainingDivergedException e) {
            return Double.NaN;
        }
    }

    /**
     * Records ρ and accuracies at initialization (into {@code acc0[which]} and {@code acc0[2 + which]}), then
     * trains with {@link TrainingHarness}, recording ρ after every epoch.
     */
    private List<EpochMetrics> train(MultiLayerNetwork net, ImageDataset trainData, ImageDataset testData,
                                     Normalization unit, List<double[]> rhos, double[] acc0, int which) {
        ImageIterator trainEval = new ImageIterator(trainData, ImageIterator.Config.evaluation(EVAL_BATCH, unit));
        ImageIterator testEval = new ImageIterator(testData, ImageIterator.Config.evaluation(EVAL_BATCH, unit));
        rhos.add(hiddenRhos(net, hidden.length));
        acc0[which] = Nets.evaluate(net, trainEval).accuracy();
        acc0[2 + which] = Nets.evaluate(net, testEval).accuracy();
        ImageIterator it = new ImageIterator(trainData, ImageIterator.Config.training(batch, seed, Augmentation.none(), unit));
        TrainingHarness h = new TrainingHarness(TrainConfig.of(epochs, seed).withProgress(Progress.NONE, 0),
                new PrintStream(OutputStream.nullOutputStream()))
                .withFastMlp()
                .withEpochHook((m, e) -> rhos.add(hiddenRhos((MultiLayerNetwork) m, hidden.length)));
        return h.fit(net, it, trainEval, testEval).history();
    }

    /** A whole image set as one DataSet (features [n, 1, 28, 28], one-hot labels), as the iterators present it. */
    private static DataSet asDataSet(ImageDataset d, Normalization unit) {
        return new ImageIterator(d, ImageIterator.Config.evaluation(d.size(), unit)).next();
    }

    /** Singular values of a hidden layer's end-to-end weight, normalized by the largest (double). */
    public static double[] normalizedSpectrum(MultiLayerNetwork net, int layer) {
        MultiLayerNetwork plain = net.getLayer(0).conf().getLayer() instanceof ExpandedLayer ? Collapse.collapse(net) : net;
        double[] s = RankMetrics.singularValues(plain.getLayer(layer).getParam("W").castTo(DataType.DOUBLE));
        double m = s[0];
        for (int i = 0; i < s.length; i++) s[i] /= m;
        return s;
    }
}
