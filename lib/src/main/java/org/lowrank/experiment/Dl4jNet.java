package org.lowrank.experiment;

import org.lowrank.random.Nonlinearity;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.optim.FirstOrder;
import org.lowrank.linalg.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J/ND4J path for the same networks: a {@link MultiLayerNetwork} of bias-free dense layers and an MSE output
 * layer, weights copied from a {@link DeepNet}, trained by one of our {@link FirstOrder} updaters. Used to check
 * the fast path against DL4J and by the {@code train} benchmark; the experiments use the fast path.
 */
public final class Dl4jNet {
    private final NetConfig config;
    private final MultiLayerNetwork net;
    private final DataSet data;

    /** A DL4J copy of {@code init} (double precision) training on (x, y) with one of our rules. */
    public Dl4jNet(DeepNet init, FirstOrder updater, double[] x, double[] y, int n) {
        this(init, (org.nd4j.linalg.learning.config.IUpdater) updater, x, y, n);
    }

    /** A DL4J copy of {@code init} (double precision) training on (x, y) with any ND4J updater. */
    public Dl4jNet(DeepNet init, org.nd4j.linalg.learning.config.IUpdater updater, double[] x, double[] y, int n) {
        this.config = init.config();
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(0).updater(updater).list();
        int d = config.depth();
        for (int i = 0; i < d - 1; i++) {
            b.layer(new DenseLayer.Builder().nIn(config.cols(i)).nOut(config.rows(i)).hasBias(false)
                    .activation(map(config.activation())).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(config.cols(d - 1)).nOut(config.rows(d - 1))
                .hasBias(false).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.build();
        net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < d; i++) {
            // DL4J stores W as nIn×nOut: the transpose of our out×in layer
            double[] wt = Gemm.transpose(init.layer(i), config.rows(i), config.cols(i));
            net.getLayer(i).setParam("W", Nd4j.createFromArray(Gemm.toMatrix(wt, config.cols(i), config.rows(i))));
        }
        INDArray xs = Nd4j.createFromArray(Gemm.toMatrix(x, n, config.inputDim()));
        INDArray ys = Nd4j.createFromArray(Gemm.toMatrix(y, n, config.outputDim()));
        data = new DataSet(xs, ys);
    }

    private static org.nd4j.linalg.activations.Activation map(Nonlinearity a) {
        switch (a) {
            case LINEAR: return org.nd4j.linalg.activations.Activation.IDENTITY;
            case TANH: return org.nd4j.linalg.activations.Activation.TANH;
            case RELU: return org.nd4j.linalg.activations.Activation.RELU;
            case SELU: return org.nd4j.linalg.activations.Activation.SELU;
            default:
                throw new IllegalArgumentException("activation " + a + " has no exact DL4J equivalent here; use LINEAR, TANH, RELU or SELU");
        }
    }

    /** One full-batch step. */
    public void step() {
        net.fit(data);
    }

    /** The DL4J score (MSE) on the training data. */
    public double score() {
        return net.score(data);
    }

    /** The underlying network. */
    public MultiLayerNetwork network() {
        return net;
    }

    /** Current weights as a {@link DeepNet} (copied back, our layout). */
    public DeepNet toDeepNet() {
        double[][] w = new double[config.depth()][];
        for (int i = 0; i < w.length; i++) {
            double[] wt = net.getLayer(i).getParam("W").dup('c').data().asDouble();
            w[i] = Gemm.transpose(wt, config.cols(i), config.rows(i));
        }
        return DeepNet.of(config, w);
    }
}
