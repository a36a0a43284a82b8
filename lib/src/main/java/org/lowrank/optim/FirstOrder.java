package org.lowrank.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * A first-order optimizer: one immutable configuration that serves both training paths.
 *
 * <p>The update math lives in one place, {@link #update}, on plain {@code double[]} tensors: the fast path
 * ({@code org.lowrank.experiment}) calls it directly, and DL4J calls it through the {@link IUpdater} /
 * {@link GradientUpdater} pair this class implements, so a DL4J configuration can use any of these rules
 * ({@code .updater(new HeavyBall(0.1, 0.9))}). Formulas follow PyTorch 1.13 ({@code torch.optim}) where torch has
 * the optimizer; tests compare trajectories with torch.
 *
 * <p>Conventions: {@code update} receives a parameter tensor (read-only, row-major {@code rows×cols}), its gradient
 * and this tensor's state ({@link #stateSize(int)} doubles, zero at start), and overwrites {@code grad} with the step
 * to subtract: {@code param -= grad}. {@code t} is the 1-based step count.
 */
public abstract class FirstOrder implements IUpdater {
    private static final long serialVersionUID = 1L;

    /** Learning rate. */
    protected final double lr;

    protected FirstOrder(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        this.lr = lr;
    }

    /** Short display name, e.g. {@code "Adam"}. */
    public abstract String name();

    /** The learning rate. */
    public double learningRate() {
        return lr;
    }

    /** The same optimizer with another learning rate (for learning-rate sweeps). */
    public abstract FirstOrder withLearningRate(double lr);

    /** Number of state doubles for a tensor of {@code length} entries. */
    public abstract int stateSize(int length);

    /**
     * Replaces {@code grad} by the step to subtract from {@code param}; updates {@code state}.
     *
     * @param param the tensor's current values (row-major {@code rows×cols}); not modified
     * @param grad  the gradient; overwritten with the step
     * @param state {@link #stateSize(int)} doubles owned by this tensor
     * @param rows  matrix rows (1 for a vector)
     * @param cols  matrix columns
     * @param t     1-based step number
     */
    public abstract void update(double[] param, double[] grad, double[] state, int rows, int cols, int t);

    /** Applies one step in place: {@code param -= update(grad)}. {@code grad} is overwritten. */
    public void step(double[] param, double[] grad, double[] state, int rows, int cols, int t) {
        update(param, grad, state, rows, cols, t);
        for (int i = 0; i < param.length; i++) param[i] -= grad[i];
    }

    /**
     * The DL4J entry: a flattened gradient block with no parameter values (DL4J's updaters never see them).
     * By default the block is one vector; {@link Muon} overrides this to cut it into matrices.
     */
    protected void updateBlock(double[] grad, double[] state, int t) {
        update(null, grad, state, 1, grad.length, t);
    }

    static double require(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    // ---------------------------------------------------------------- IUpdater (DL4J)

    /**
     * Throws {@link UnsupportedOperationException} if this rule cannot keep its contract inside DL4J, where an
     * updater sees one flattened gradient block (spanning several tensors, even several layers) and never the
     * parameters. Called before DL4J gets an updater, so a rule fails loudly instead of silently computing
     * something else.
     */
    protected void requireDl4jCompatible() { }

    /**
     * For rules with decoupled weight decay λ (AdamW, Lion): a DL4J updater never sees the parameters, so it cannot
     * apply the decay; with λ &gt; 0 this throws rather than silently train without decay. Such rules offer
     * {@code withoutDecay()} as the updater plus DL4J's {@code WeightDecay(λ, applyLR = true)} as the regularization,
     * which applies the same {@code p -= lr·λ·p} after the updater.
     */
    protected final void requireNoDecoupledDecay(double weightDecay) {
        if (weightDecay != 0)
            throw new UnsupportedOperationException(name() + " weightDecay = " + weightDecay + " cannot be applied by a DL4J "
                    + "updater (it never sees the parameters); use withoutDecay() as the updater and dl4jWeightDecay() as the regularization");
    }

    @Override
    public long stateSize(long numParams) {
        if (numParams > Integer.MAX_VALUE) throw new IllegalArgumentException("numParams too large: " + numParams);
        return stateSize((int) numParams);
    }

    @Override
    public GradientUpdater<?> instantiate(INDArray viewArray, boolean initializeViewArray) {
        requireDl4jCompatible();
        Nd4jUpdater u = new Nd4jUpdater(this);
        u.setStateViewArray(viewArray, null, 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<?> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        requireDl4jCompatible();
        Nd4jUpdater u = new Nd4jUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    /** Immutable: returns itself. */
    @Override
    public FirstOrder clone() {
        return this;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return lr;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /** Unsupported: configurations are immutable; use {@link #withLearningRate(double)}. */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        throw new UnsupportedOperationException(name() + " is immutable; use withLearningRate(" + lr + ")");
    }

    /** Hyper-parameters other than lr, for equality and display. */
    protected abstract double[] hyper();

    @Override
    public boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) return false;
        FirstOrder f = (FirstOrder) o;
        return f.lr == lr && java.util.Arrays.equals(f.hyper(), hyper());
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + Double.hashCode(lr) * 17 + java.util.Arrays.hashCode(hyper());
    }

    @Override
    public String toString() {
        return name() + "(lr=" + lr + ", " + java.util.Arrays.toString(hyper()) + ")";
    }
}
