package org.lowrank.expand;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks shared by the expand tests. */
final class ExpandTestNets {
    private ExpandTestNets() { }

    /** layer → MSE loss, for dense (nIn features) or conv (c×h×w) input; one fit step moves BN running stats. */
    static MultiLayerNetwork single(Layer layer, DataType dt, InputType in, long seed) {
        Layer loss = in.getType() == InputType.Type.CNN
                ? new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build()
                : new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(dt)
                .updater(new Sgd(1e-3)).list().layer(layer).layer(loss).setInputType(in).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
