package org.lowrank.train;

import java.io.File;
import java.io.IOException;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.util.NetworkUtils;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.lowrank.data.ResumableIterator;

/** The few operations the harness needs, for both DL4J network types (they share no interface for them). */
final class Nets {
    private Nets() {}

    static void requireSupported(Model m) {
        if (!(m instanceof MultiLayerNetwork) && !(m instanceof ComputationGraph)) {
            throw new IllegalArgumentException("model must be a MultiLayerNetwork or ComputationGraph, got "
                    + (m == null ? "null" : m.getClass().getName()));
        }
    }

    static void fit(Model m, DataSet ds) {
        if (m instanceof MultiLayerNetwork n) n.fit(ds);
        else ((ComputationGraph) m).fit(ds);
    }

    static INDArray output(Model m, INDArray features) {
        if (m instanceof MultiLayerNetwork n) return n.output(features, false);
        return ((ComputationGraph) m).outputSingle(false, features);
    }

    static void setEpochCount(Model m, int epoch) {
        if (m instanceof MultiLayerNetwork n) n.setEpochCount(epoch);
        else ((ComputationGraph) m).getConfiguration().setEpochCount(epoch);
    }

    /** Current learning rate of the first layer that has one, or NaN. */
    static double learningRate(Model m) {
        try {
            if (m instanceof MultiLayerNetwork n) {
                for (int i = 0; i < n.getnLayers(); i++) {
                    Double lr = NetworkUtils.getLearningRate(n, i);
                    if (lr != null) return lr;
                }
            } else {
                ComputationGraph g = (ComputationGraph) m;
                for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
                    Double lr = NetworkUtils.getLearningRate(g, l.conf().getLayer().getLayerName());
                    if (lr != null) return lr;
                }
            }
        } catch (RuntimeException e) {
            // layers without an updater (e.g. pooling) throw; fall through
        }
        return Double.NaN;
    }

    static void write(Model m, File f) throws IOException {
        ModelSerializer.writeModel(m, f, true);
    }

    static Model restore(File f, Model like) throws IOException {
        return like instanceof MultiLayerNetwork ? ModelSerializer.restoreMultiLayerNetwork(f, true)
                : ModelSerializer.restoreComputationGraph(f, true);
    }

    /** Accuracy evaluation batch by batch (never the whole set at once: memory). */
    static Evaluation evaluate(Model m, DataSetIterator it) {
        if (it instanceof ResumableIterator r) r.seek(0, 0);
        else it.reset();
        Evaluation e = new Evaluation();
        while (it.hasNext()) {
            DataSet ds = it.next();
            e.eval(ds.getLabels(), output(m, ds.getFeatures()));
        }
        return e;
    }
}
