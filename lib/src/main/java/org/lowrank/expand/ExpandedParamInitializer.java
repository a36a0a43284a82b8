package org.lowrank.expand;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of an {@link ExpandedLayer}: the sub-layers' parameter blocks one after the other, each laid out by
 * the sub-layer's own DL4J initializer, keys suffixed with the sub-layer index. Initialization is the official
 * library's (docs/reproduction-notes.md §2.4): Kaiming normal (gain 1 inside, sqrt(2/(1+a^2)) last; fan_in dense, fan_out conv),
 * bias U(±1/sqrt(fan_in)), batch norm γ = 1, β = 0 and running mean 0, variance 1.
 */
public final class ExpandedParamInitializer implements ParamInitializer {
    public static final ExpandedParamInitializer INSTANCE = new ExpandedParamInitializer();

    private ExpandedParamInitializer() { }

    private static ExpandedLayer el(Layer l) {
        if (!(l instanceof ExpandedLayer e)) throw new IllegalArgumentException("layer " + l + " is not an ExpandedLayer");
        return e;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) { return numParams(conf.getLayer()); }

    @Override
    public long numParams(Layer layer) {
        long n = 0;
        for (Layer s : el(layer).subLayerConfs()) n += s.initializer().numParams(s);
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        ExpandedLayer e = el(layer);
        List<String> keys = new ArrayList<>();
        List<Layer> subs = e.subLayerConfs();
        int per = e.isBatchNorm() ? 2 : 1;
        for (int j = 0; j < subs.size(); j++)
            for (String k : subs.get(j).initializer().paramKeys(subs.get(j))) keys.add(k + (j / per));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> out = new ArrayList<>();
        for (String k : paramKeys(layer)) if (ExpandedLayer.keyBase(k).equals("W")) out.add(k);
        return out;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        List<String> out = new ArrayList<>();
        for (String k : paramKeys(layer)) if (ExpandedLayer.keyBase(k).equals("b")) out.add(k);
        return out;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) { return ExpandedLayer.keyBase(key).equals("W"); }

    @Override
    public boolean isBiasParam(Layer layer, String key) { return ExpandedLayer.keyBase(key).equals("b"); }

    /** A contiguous slice [from, to) of a flat (rank 1 or [1, n]) view, keeping its rank. */
    static INDArray slice(INDArray flat, long from, long to) {
        if (flat.rank() == 1) return flat.get(NDArrayIndex.interval(from, to));
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }

    /** Sub-layer configurations wrapped in their own NeuralNetConfiguration (a clone of the outer one). */
    static List<NeuralNetConfiguration> subConfs(NeuralNetConfiguration conf) {
        List<NeuralNetConfiguration> out = new ArrayList<>();
        for (Layer s : el(conf.getLayer()).subLayerConfs()) {
            NeuralNetConfiguration c = conf.clone();
            c.setLayer(s);
            out.add(c);
        }
        return out;
    }

    private static Map<String, INDArray> collect(NeuralNetConfiguration conf, INDArray view, boolean gradients) {
        ExpandedLayer e = el(conf.getLayer());
        int per = e.isBatchNorm() ? 2 : 1;
        Map<String, INDArray> out = new LinkedHashMap<>();
        long off = 0;
        List<NeuralNetConfiguration> subs = subConfs(conf);
        for (int j = 0; j < subs.size(); j++) {
            Layer s = subs.get(j).getLayer();
            long n = s.initializer().numParams(s);
            INDArray v = slice(view, off, off + n);
            Map<String, INDArray> m = gradients ? s.initializer().getGradientsFromFlattened(subs.get(j), v)
                    : s.initializer().init(subs.get(j), v, false);
            for (Map.Entry<String, INDArray> en : m.entrySet()) out.put(en.getKey() + (j / per), en.getValue());
            off += n;
        }
        if (off != view.length())
            throw new IllegalStateException("parameter view has " + view.length() + " values, sub-layers need " + off);
        return out;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = collect(conf, paramsView, false);
        if (initializeParams) initialize(el(conf.getLayer()), params);
        return params;
    }

    /** Official initialization of every parameter in place (uses ND4J's global RNG, seeded by the network). */
    static void initialize(ExpandedLayer e, Map<String, INDArray> params) {
        for (int i = 0; i < e.getDepth(); i++) {
            double[] fans = e.fans(i);
            INDArray w = params.get("W" + i);
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(e.initOf(i).std(fans[0], fans[1])));
            INDArray b = params.get("b" + i);
            if (b != null) {
                double bound = 1.0 / Math.sqrt(fans[0]);
                b.assign(Nd4j.rand(b.dataType(), b.shape()).muli(2 * bound).subi(bound));
            }
            if (e.isBatchNorm()) {
                params.get("gamma" + i).assign(1.0);
                params.get("beta" + i).assign(0.0);
                params.get("mean" + i).assign(0.0);
                params.get("var" + i).assign(1.0);
            }
        }
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return collect(conf, gradientView, true);
    }
}
