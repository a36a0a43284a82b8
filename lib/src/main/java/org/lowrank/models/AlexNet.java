package org.lowrank.models;

import org.lowrank.random.Nd4jSeed;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * AlexNet in torchvision's single-tower layout (no local response normalisation), as a DL4J
 * {@link MultiLayerNetwork}: conv11/4(64)–pool–conv5(192)–pool–conv3(384)–conv3(256)–conv3(256)–pool–
 * dropout–dense(4096)–dropout–dense(4096)–softmax. Channel counts scale with {@code widthFactor} (1 = AlexNet).
 * Every conv and dense layer is a plain square Truncate-mode layer that {@code org.lowrank.expand.Expand} handles.
 *
 * @param channels    input channels
 * @param height      input height (224 for ImageNet)
 * @param width       input width
 * @param numClasses  classes
 * @param widthFactor multiplies every conv width (> 0)
 * @param hidden      width of the two dense layers (4096 for AlexNet)
 * @param dropout     drop probability before the dense layers (0.5 for AlexNet; 0 for none)
 */
public record AlexNet(int channels, int height, int width, int numClasses, double widthFactor, int hidden, double dropout) {

    /** Validates. */
    public AlexNet {
        if (channels < 1 || height < 1 || width < 1)
            throw new IllegalArgumentException("input " + channels + "x" + height + "x" + width + "; allowed: all >= 1");
        if (numClasses < 2) throw new IllegalArgumentException("numClasses = " + numClasses + "; allowed: >= 2");
        if (!(widthFactor > 0) || Double.isInfinite(widthFactor))
            throw new IllegalArgumentException("widthFactor = " + widthFactor + "; allowed: finite > 0");
        if (hidden < 1) throw new IllegalArgumentException("hidden = " + hidden + "; allowed: >= 1");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout = " + dropout + "; allowed: [0, 1)");
    }

    /** The ImageNet AlexNet: 3×224×224, widths ×1, dense 4096, dropout 0.5. */
    public static AlexNet imageNet(int numClasses) {
        return new AlexNet(3, 224, 224, numClasses, 1.0, 4096, 0.5);
    }

    private int w(int c) { return Math.max(1, (int) Math.round(c * widthFactor)); }

    /** The configuration ({@code dataType} FLOAT for training, DOUBLE for exact checks). */
    public MultiLayerConfiguration configuration(long seed, IUpdater updater, double weightDecay, DataType dataType) {
        if (updater == null) throw new IllegalArgumentException("updater is null; allowed: an IUpdater such as new Sgd(0.01)");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException("weightDecay = " + weightDecay + "; allowed: finite >= 0");
        if (dataType == null || !dataType.isFPType())
            throw new IllegalArgumentException("dataType = " + dataType + "; allowed: FLOAT, DOUBLE, HALF");
        NeuralNetConfiguration.Builder nb = new NeuralNetConfiguration.Builder().seed(Nd4jSeed.of(seed)).dataType(dataType)
                .updater(updater).weightInit(WeightInit.RELU).activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Truncate);
        if (weightDecay > 0) nb.weightDecay(weightDecay, true);
        NeuralNetConfiguration.ListBuilder l = nb.list()
                .layer(new ConvolutionLayer.Builder(11, 11).stride(4, 4).padding(2, 2).nOut(w(64)).build())
                .layer(maxPool())
                .layer(new ConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(w(192)).build())
                .layer(maxPool())
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(w(384)).build())
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(w(256)).build())
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(w(256)).build())
                .layer(maxPool());
        DenseLayer.Builder d1 = new DenseLayer.Builder().nOut(hidden), d2 = new DenseLayer.Builder().nOut(hidden);
        if (dropout > 0) {   // DL4J's dropout value is the RETAIN probability
            d1.dropOut(1 - dropout);
            d2.dropOut(1 - dropout);
        }
        return l.layer(d1.build()).layer(d2.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).nOut(numClasses).build())
                .setInputType(InputType.convolutional(height, width, channels)).build();
    }

    /** An initialised network. */
    public MultiLayerNetwork network(long seed, IUpdater updater, double weightDecay, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed, updater, weightDecay, dataType));
        net.init();
        return net;
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build();
    }
}
