package org.lowrank.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.data.FashionMnist;
import org.lowrank.data.ImageDataset;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedLayer;
import org.lowrank.rank.RankMetrics;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Notebook 08's experiment: the same MLP trained plain and with its hidden layers expanded (the official scheme),
 * tracking the effective rank ρ of each hidden layer's end-to-end (collapsed) weight over training. The expanded
 * chain is collapsed after every epoch; the plain layer's weight is used as it is.
 *
 * @param hidden   hidden layer sizes (ReLU), e.g. {256, 256}
 * @param depth    expansion depth of every hidden layer
 * @param width    expansion width
 * @param epochs   training epochs
 * @param batch    minibatch size
 * @param lr       Adam learning rate (same for both models; docs/reproduction-notes.md pitfall 10)
 * @param nTrain   training images (first n of Fashion-MNIST train)
 * @param nTest    test images (first n of Fashion-MNIST t10k)
 * @param seed     seed of init and shuffling
 */
public record ExpandExperiment(int[] hidden, int depth, double width, int epochs, int batch, double lr, int nTrain,
                               int nTest, long seed) {

    public ExpandExperiment {
        if (hidden == null || hidden.length == 0) throw new IllegalArgumentException("hidden is empty; allowed: >= 1 layer sizes");
        if (depth < 1) throw new IllegalArgumentException("depth = " + depth + "; allowed: >= 1");
        if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + "; allowed: >= 1");
        if (batch < 1) throw new IllegalArgumentException("batch = " + batch + "; allowed: >= 1");
        if (nTrain < batch) throw new IllegalArgumentException("nTrain = " + nTrain + "; allowed: >= batch (" + batch + ")");
        if (nTest < 1) throw new IllegalArgumentException("nTest = " + nTest + "; allowed: >= 1");
        hidden = hidden.clone();
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
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).dataType(dt)
                .updater(new org.nd4j.linalg.learning.config.Sgd(1e-3)).list().layer(layer).layer(loss)
                .setInputType(in).build());
        net.init();
        return net;
    }

    /** The plain MLP: 784 → hidden (ReLU) → 10 (softmax), Adam, float32. */
    public MultiLayerConfiguration plainConfiguration() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(lr)).list();
        for (int h : hidden) b.layer(new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(10).build());
        return b.setInputType(InputType.feedForward(784)).build();
    }

    /** Same network with every hidden layer expanded (the output layer stays plain). */
    public MultiLayerConfiguration expandedConfiguration() {
        return Expand.expand(plainConfiguration(), ExpandOptions.of(depth, width));
    }

    /** First n images of a Fashion-MNIST split as [n, 784] pixels / 255 and one-hot labels, float32. */
    public static DataSet fashionMnist(FashionMnist.Split split, int n) {
        ImageDataset d = FashionMnist.load(split);
        if (n > d.size()) throw new IllegalArgumentException("n = " + n + "; allowed: <= " + d.size());
        float[] x = new float[n * 784];
        float[] y = new float[n * 10];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++) x[i * 784 + r * 28 + c] = d.pixel(i, 0, r, c) / 255f;
            y[i * 10 + d.label(i)] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[]{n, 784}), Nd4j.create(y, new long[]{n, 10}));
    }

    /** ρ (double precision) of each hidden layer's end-to-end weight. */
    public static double[] hiddenRhos(MultiLayerNetwork net, int nHidden) {
        MultiLayerNetwork plain = net.getLayer(0).conf().getLayer() instanceof ExpandedLayer ? Collapse.collapse(net) : net;
        double[] out = new double[nHidden];
        for (int i = 0; i < nHidden; i++) out[i] = RankMetrics.effectiveRank(plain.getLayer(i).getParam("W").castTo(DataType.DOUBLE));
        return out;
    }

    /** Classification accuracy, evaluated in batches of 1000. */
    public static double accuracy(MultiLayerNetwork net, DataSet d) {
        long n = d.numExamples(), correct = 0;
        for (long s = 0; s < n; s += 1000) {
            long e = Math.min(n, s + 1000);
            INDArray out = net.output(d.getFeatures().get(NDArrayIndex.interval(s, e), NDArrayIndex.all()), false);
            INDArray pred = out.argMax(1), truth = d.getLabels().get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).argMax(1);
            correct += pred.eq(truth).castTo(DataType.INT32).sumNumber().longValue();
        }
        return (double) correct / n;
    }

    /** Trains both models on the same minibatches and records ρ and accuracies after every epoch. */
    public Result run() {
        DataSet train = fashionMnist(FashionMnist.Split.TRAIN, nTrain), test = fashionMnist(FashionMnist.Split.TEST, nTest);
        MultiLayerNetwork plain = new MultiLayerNetwork(plainConfiguration());
        plain.init();
        MultiLayerNetwork big = new MultiLayerNetwork(expandedConfiguration());
        big.init();
        List<Epoch> epochs = new ArrayList<>();
        epochs.add(record(0, plain, big, train, test));
        java.util.Random rng = new java.util.Random(seed);
        for (int ep = 1; ep <= epochs(); ep++) {
            int[] order = shuffled(nTrain, rng);
            for (int s = 0; s + batch <= nTrain; s += batch) {
                INDArray idx = Nd4j.createFromArray(java.util.Arrays.copyOfRange(order, s, s + batch));
                INDArray xb = train.getFeatures().get(idx), yb = train.getLabels().get(idx);
                plain.fit(xb, yb);
                big.fit(xb, yb);
            }
            epochs.add(record(ep, plain, big, train, test));
        }
        return new Result(epochs, plain, big, train, test);
    }

    private Epoch record(int ep, MultiLayerNetwork plain, MultiLayerNetwork big, DataSet train, DataSet test) {
        return new Epoch(ep, hiddenRhos(plain, hidden.length), hiddenRhos(big, hidden.length), accuracy(plain, train),
                accuracy(big, train), accuracy(plain, test), accuracy(big, test));
    }

    private static int[] shuffled(int n, java.util.Random rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
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
