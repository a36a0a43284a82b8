package org.lowrank.train;

import org.lowrank.random.Nd4jSeed;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lowrank.data.ImageDataset;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedConv2D;
import org.lowrank.expand.ExpandedDense;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The small CNN of the C9 experiment (docs/reproduction-notes.md §3 C9, CPU scale: "4-conv CNN, 32–128 channels"): 
 * conv3×3(c1)–maxpool–conv3×3(c2)–maxpool–conv3×3(c3)–conv3×3(c4)–global average pool–dense(hidden)–dense(classes)
 * –softmax loss, ReLU after every conv (after batch norm if {@code batchNorm}) and the hidden dense layer, 'same'
 * padding. The penultimate embedding φ is the hidden dense layer's output ({@link #embeddingLayer()}). The classifier is a {@code DenseLayer} followed by a
 * {@code LossLayer} (not an {@code OutputLayer}) so that it can be expanded like every other layer.
 *
 * <p>Every depth d ≥ 1 replaces every conv and dense layer, the classifier included, by an {@link ExpandedConv2D}
 * (kernels [3, 1, …, 1]) or {@link ExpandedDense} with d factors, width 1 and the official initialisation
 * (docs/reproduction-notes.md §2.4, §2.5), as the official {@code overparameterize(model, depth)} does. Depth 1 is the
 * plain network: one factor per layer, so plain and expanded networks train through the same layer code
 * ({@code ExpandedLayerImpl}) and the same initialisation. {@code Collapse.collapse} turns a network of any depth into
 * exactly {@link #inferenceConfiguration}, the plain architecture with DL4J's own conv and dense layers.
 *
 * <p>Recipe (identical for baseline and expanded models; the paper's is not known): SGD with Nesterov momentum
 * 0.9, learning rate {@code lr} dropped ×0.1 at 1/3 and 2/3 of the iterations, weight decay {@code weightDecay}
 * on all parameters (for expanded layers that is decay on the factors, not on the collapsed weight: docs/reproduction-notes.md
 * pitfall 9), cross-entropy loss, the official Kaiming initialisation of the expanded layers.
 *
 * @param channels    the four conv widths
 * @param hidden      width of the penultimate dense layer
 * @param height      input height
 * @param width       input width
 * @param inChannels  input channels
 * @param numClasses  classes
 * @param batchNorm   a {@code BatchNormalization} layer between every conv (plain or expanded: after the whole
 *                    chain, as when the official {@code overparameterize} is applied to a net with BN) and its ReLU
 */
public record SmallCnn(int[] channels, int hidden, int height, int width, int inChannels, int numClasses, boolean batchNorm) {

    /** Validates. */
    public SmallCnn {
        if (channels == null || channels.length != 4) throw new IllegalArgumentException("channels must have 4 entries, got " + Arrays.toString(channels));
        for (int c : channels) if (c <= 0) throw new IllegalArgumentException("channels must be > 0, got " + Arrays.toString(channels));
        if (hidden <= 0 || height < 4 || width < 4 || inChannels <= 0 || numClasses < 2) {
            throw new IllegalArgumentException("need hidden > 0, height, width >= 4, inChannels > 0, numClasses >= 2; got hidden="
                    + hidden + " " + inChannels + "x" + height + "x" + width + " classes=" + numClasses);
        }
        channels = channels.clone();
    }

    /** Without batch norm. */
    public SmallCnn(int[] channels, int hidden, int height, int width, int inChannels, int numClasses) {
        this(channels, hidden, height, width, inChannels, numClasses, false);
    }

    /** Convolutions followed by a 2×2 max-pool (the first two; the last two run at the pooled resolution). */
    private static final int POOLED_CONVS = 2;
    /** Batch-norm momentum as DL4J decay: PyTorch's momentum 0.1 (docs/reproduction-notes.md pitfall 8). */
    private static final double BN_DECAY = 0.9;
    /** Batch-norm eps: PyTorch's default, which the official collapse assumes. */
    private static final double BN_EPS = 1e-5;
    /** Nesterov momentum of the recipe. */
    public static final double MOMENTUM = 0.9;

    /** A network for images shaped like {@code data}'s (channels, height, width, classes); no batch norm. */
    public static SmallCnn forData(ImageDataset data, int[] channels, int hidden) {
        return new SmallCnn(channels, hidden, data.height(), data.width(), data.channels(), data.numClasses(), false);
    }

    /** The same network with or without batch norm after every conv. */
    public SmallCnn withBatchNorm(boolean bn) {
        return new SmallCnn(channels, hidden, height, width, inChannels, numClasses, bn);
    }

    /**
     * Index of the penultimate (embedding) layer in the network's layer list: after the four conv blocks (conv, or
     * conv–batch norm–ReLU), the max-pools and the global pool.
     */
    public int embeddingLayer() {
        int perConv = batchNorm ? 3 : 1;
        return 4 * perConv + POOLED_CONVS + 1;
    }

    @Override public int[] channels() { return channels.clone(); }

    @Override
    public String toString() {
        return "SmallCnn(channels " + Arrays.toString(channels) + ", hidden " + hidden + ", input " + inChannels + "x" + height
                + "x" + width + ", " + numClasses + " classes" + (batchNorm ? ", batch norm" : "") + ")";
    }

    /**
     * The network configuration with {@code depth} factors per layer (1: the plain network, one factor per layer),
     * trained for {@code totalIterations} steps.
     */
    public MultiLayerConfiguration configuration(int depth, long seed, double lr, double weightDecay, int totalIterations) {
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        return Expand.expand(inferenceConfiguration(seed, lr, weightDecay, totalIterations), ExpandOptions.of(depth, 1.0));
    }

    /**
     * The inference architecture: the plain network built from DL4J's own {@code ConvolutionLayer} and
     * {@code DenseLayer} (DL4J's He initialisation). This is what {@code Collapse.collapse} returns for a trained
     * network of any depth; training uses {@link #configuration} (expanded layers, also at depth 1).
     */
    public MultiLayerConfiguration inferenceConfiguration(long seed, double lr, double weightDecay, int totalIterations) {
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (weightDecay < 0) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (totalIterations <= 0) throw new IllegalArgumentException("totalIterations must be > 0, got " + totalIterations);
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(Nd4jSeed.of(seed))   // ND4J does not reproduce seed 0
                .updater(new Nesterovs(stepSchedule(lr, totalIterations), MOMENTUM))
                .weightDecay(weightDecay)
                .weightInit(WeightInit.RELU)
                .list();
        for (int i = 0; i < 4; i++) {
            int nIn = i == 0 ? inChannels : channels[i - 1];
            if (batchNorm) {
                b.layer(conv(nIn, channels[i], Activation.IDENTITY));
                b.layer(new BatchNormalization.Builder().eps(BN_EPS).decay(BN_DECAY).build());
                b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            } else {
                b.layer(conv(nIn, channels[i], Activation.RELU));
            }
            if (i < POOLED_CONVS) b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        }
        return b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(dense(channels[3], hidden, Activation.RELU))
                .layer(dense(hidden, numClasses, Activation.IDENTITY))
                .layer(softmaxLoss(numClasses))
                .setInputType(InputType.convolutional(height, width, inChannels))
                .build();
    }

    /** An initialised network with {@code depth} factors per layer (1: plain, one factor per layer). */
    public MultiLayerNetwork network(int depth, long seed, double lr, double weightDecay, int totalIterations) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(depth, seed, lr, weightDecay, totalIterations));
        net.init();
        return net;
    }

    /** An initialised {@link #inferenceConfiguration} network (DL4J layers): the architecture a collapsed network must have. */
    public MultiLayerNetwork inferenceNetwork(long seed, double lr, double weightDecay, int totalIterations) {
        MultiLayerNetwork net = new MultiLayerNetwork(inferenceConfiguration(seed, lr, weightDecay, totalIterations));
        net.init();
        return net;
    }

    /** lr, ×0.1 at 1/3 and ×0.01 at 2/3 of {@code total} iterations (the paper's 60/120 of 180 epochs). */
    public static MapSchedule stepSchedule(double lr, int total) {
        Map<Integer, Double> m = new TreeMap<>();
        m.put(0, lr);
        m.put(Math.max(1, total / 3), lr / 10);
        m.put(Math.max(2, 2 * total / 3), lr / 100);
        return new MapSchedule(ScheduleType.ITERATION, m);
    }

    /**
     * Softmax cross-entropy on the classifier's outputs. Its builder refuses nIn/nOut (the layer has no parameters),
     * and left at nOut = 0 DL4J's shape inference logs "Assigning a size of zero" for its output type; setting
     * both to the class count states the real shape.
     */
    private static LossLayer softmaxLoss(int numClasses) {
        LossLayer loss = new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build();
        loss.setNIn(numClasses);
        loss.setNOut(numClasses);
        return loss;
    }

    // nIn is given explicitly (DL4J would infer it) so that expanded layers are built with known sizes.
    private static Layer conv(int nIn, int nOut, Activation a) {
        return new ConvolutionLayer.Builder(3, 3).nIn(nIn).nOut(nOut).padding(1, 1).activation(a).build();
    }

    private static Layer dense(int nIn, int nOut, Activation a) {
        return new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(a).build();
    }
}
