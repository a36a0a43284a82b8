package org.lowrank.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Runs a {@link FirstOrder} rule inside DL4J: copies the gradient block and state view to {@code double[]},
 * applies the rule, and writes both back. DL4J hands one flattened gradient block per run of layers with equal
 * updater configuration; the block is treated as one vector ({@code rows=1}), except for {@link Muon}, which cuts it
 * into its configured matrix shape.
 */
final class Nd4jUpdater implements GradientUpdater<FirstOrder> {
    private final FirstOrder config;
    private INDArray stateView;
    private double[] state;

    Nd4jUpdater(FirstOrder config) {
        this.config = config;
    }

    @Override
    public FirstOrder getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        INDArray s = stateMap == null ? null : stateMap.get("state");
        setStateViewArray(s, null, 'c', initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return stateView == null ? Map.of() : Map.of("state", stateView);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        stateView = viewArray;
        if (viewArray != null && initialize) viewArray.assign(0);
        state = null;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        double[] g = gradient.dup('c').data().asDouble();
        if (state == null) {
            state = new double[config.stateSize(g.length)];
            if (stateView != null && stateView.length() > 0) {
                double[] s = stateView.dup('c').data().asDouble();
                System.arraycopy(s, 0, state, 0, Math.min(s.length, state.length));
            }
        }
        config.updateBlock(g, state, iteration + 1);
        gradient.assign(Nd4j.createFromArray(g).reshape(gradient.shape()).castTo(gradient.dataType()));
        if (stateView != null && state.length > 0) {
            stateView.assign(Nd4j.createFromArray(state).reshape(stateView.shape()).castTo(stateView.dataType()));
        }
    }

}
