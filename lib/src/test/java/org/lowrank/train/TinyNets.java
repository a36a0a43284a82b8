package org.lowrank.train;

import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lowrank.data.Augmentation;
import org.lowrank.data.ImageDataset;
import org.lowrank.data.ImageIterator;
import org.lowrank.data.Normalization;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Small learnable data and networks shared by the train tests and the kill-and-resume child JVM. */
final class TinyNets {
    private TinyNets() {}

    /** n noisy 1×8×8 images, 4 classes, class c brightens quadrant c. */
    static ImageDataset data(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 64];
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            lb[i] = c;
            for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) {
                int q = (y / 4) * 2 + x / 4;
                int v = (q == c ? 150 : 40) + r.nextInt(80);
                px[i * 64 + y * 8 + x] = (byte) v;
            }
        }
        return new ImageDataset("tiny", px, lb, 4, 1, 8, 8);
    }

    static ImageIterator train(ImageDataset d, long seed) {
        return new ImageIterator(d, ImageIterator.Config.training(8, seed, new Augmentation(1, false), Normalization.unit())); // no flip: it would swap the class quadrants
    }

    static ImageIterator eval(ImageDataset d) {
        return new ImageIterator(d, ImageIterator.Config.evaluation(16, Normalization.unit()));
    }

    /** Conv–pool–dense(dropout)–softmax with Nesterov momentum and an LR drop at iteration 12. */
    static MultiLayerNetwork mln(long seed, double lr) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Nesterovs(new MapSchedule(ScheduleType.ITERATION, Map.of(0, lr, 12, lr / 10)), 0.9))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).dropOut(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Nesterovs(0.05, 0.9))
                .graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
