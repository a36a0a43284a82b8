package org.lowrank.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.Expand;
import org.lowrank.expand.ExpandOptions;
import org.lowrank.expand.ExpandedLayerImpl;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark entry {@code expand}: training throughput of an MLP (784-256-256-10, batch 128) and a small CNN
 * (28×28×1: conv 16 → pool → conv 32 → pool → dense 128 → 10, batch 64), plain and with every hidden dense/conv
 * layer expanded to depth 2 and 4 (width 1, official scheme), plain SGD, float32; the time to collapse the
 * depth-4 models; and inference of the depth-4 model expanded vs collapsed. The PyTorch 1.13 peer
 * (bench/expand_peer.py) builds the same models with torch.nn and runs in the same run with the same thread
 * count ({@code OMP_NUM_THREADS}, default 1: ND4J's op threads and OpenBLAS threads here, torch.set_num_threads
 * there). The CNN also runs with DL4J's oneDNN helpers off, to show what the {@code org.nd4j.nativeblas.Nd4jCpu}
 * shim buys.
 *
 * <p>Timing (identical on both sides): training is timed step by step; a case's number is its fastest step over
 * {@value #PASSES} passes over all cases (each pass: {@value #WARM_STEPS} untimed warm-up steps, then
 * {@value #MLP_STEPS} (MLP) or {@value #CNN_STEPS} (CNN) timed steps; the peer runs one pass before and one after the
 * Java cases, so both see the same stretch of load). The machine is shared, so a mean over a window
 * mostly measures the other processes; the fastest step is the uncontended cost, and the second pass removes the
 * JIT warm-up that used to penalise whichever case ran first (plain MLP looked slower than depth 2). The same
 * fastest step by thread CPU time is printed beside it as a check that is less sensitive to load. Collapse and
 * inference: best of {@value #REPEATS} after a warm-up. The header prints the load average before and after.
 *
 * <p>Plain is the same network with every hidden layer a depth-1 expanded layer, so plain and expanded run the same
 * layer code (ExpandedLayerImpl: dense and 1×1 factors back-propagate from their stored inputs, conv factors through
 * the oneDNN helper without recomputing the forward convolution, ReLU backward as ε·step(z), no input gradient in the
 * first layer); {@code *_dl4j_layers} is the plain network with DL4J's own DenseLayer/ConvolutionLayer, for
 * comparison. Where the time goes and what was tried: bench/README.md.
 *
 * <p>Run: {@code make bench BENCH=expand} or {@code bench/run.sh expand} from the repository root.
 */
public final class ExpandBench {
    private static final int REPEATS = 5, PASSES = 2, WARM_STEPS = 5;
    private static final int MLP_STEPS = 60, CNN_STEPS = 12;

    private ExpandBench() { }

    public static MultiLayerConfiguration mlp() {
        return new NeuralNetConfiguration.Builder().seed(0).dataType(DataType.FLOAT).updater(new Sgd(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(10).build())
                .setInputType(InputType.feedForward(784)).build();
    }

    public static MultiLayerConfiguration cnn() {
        return new NeuralNetConfiguration.Builder().seed(0).dataType(DataType.FLOAT).updater(new Sgd(0.01)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(10).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
    }

    /**
     * The network with every hidden dense/conv layer an expanded layer of {@code depth} factors: depth 1 is the plain
     * baseline through the same layer code (ExpandedLayerImpl) as the expanded nets; depth 0 keeps DL4J's own
     * DenseLayer/ConvolutionLayer (printed for comparison).
     */
    static MultiLayerNetwork build(MultiLayerConfiguration plain, int depth) {
        MultiLayerConfiguration c = depth == 0 ? plain : Expand.expand(plain, ExpandOptions.of(depth, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        return net;
    }

    interface Work { void run() throws Exception; }

    static double best(Work w) throws Exception {
        w.run();
        double b = Double.POSITIVE_INFINITY;
        for (int r = 0; r < REPEATS; r++) {
            long t = System.nanoTime();
            w.run();
            b = Math.min(b, (System.nanoTime() - t) / 1e9);
        }
        return b;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Records under {@code key} the samples per second of the fastest of {@code steps} timed training steps (after
     * WARM_STEPS untimed ones), by wall clock in {@code wall} and by this thread's CPU time in {@code cpu} (with one
     * thread ND4J, OpenBLAS and oneDNN compute on the calling thread, as torch does; CPU time ignores the time the
     * shared machine's other processes take the core, not their cache and memory traffic). Keeps the better pass.
     */
    static void train(Map<String, Double> wall, Map<String, Double> cpu, String key, MultiLayerNetwork net, INDArray x,
                      INDArray y, int steps) {
        for (int i = 0; i < WARM_STEPS; i++) net.fit(x, y);
        double bw = Double.POSITIVE_INFINITY, bc = Double.POSITIVE_INFINITY;
        for (int i = 0; i < steps; i++) {
            long c = THREADS.getCurrentThreadCpuTime(), t = System.nanoTime();
            net.fit(x, y);
            bw = Math.min(bw, (System.nanoTime() - t) / 1e9);
            bc = Math.min(bc, (THREADS.getCurrentThreadCpuTime() - c) / 1e9);
        }
        keepMax(wall, key, x.size(0) / bw);
        keepMax(cpu, key, x.size(0) / bc);
    }

    static void keepMax(Map<String, Double> m, String k, double v) { m.merge(k, v, Math::max); }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, (i * 7) % 10, 1f);
        return y;
    }

    /** Class name of the helper of the first convolution (inside an expanded layer if needed), or "none". */
    static String convHelper(MultiLayerNetwork net) {
        Layer l = net.getLayer(0);
        if (l instanceof ExpandedLayerImpl e) l = e.linearSubLayers().get(0);
        return l.getHelper() == null ? "none" : l.getHelper().getClass().getSimpleName();
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1"));
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        String load0 = loadAverage();
        // The peer runs once before and once after the Java cases (one pass each), so both sides see the same
        // stretch of machine load; per case its better run counts (like the Java side's better pass).
        Map<String, Double> peer = runPeer(threads);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(0);
        INDArray xm = Nd4j.randn(DataType.FLOAT, 128, 784), ym = labels(128);
        INDArray xc = Nd4j.randn(DataType.FLOAT, 64, 1, 28, 28), yc = labels(64);

        Map<String, Double> java = new LinkedHashMap<>();
        Map<String, String> helpers = new LinkedHashMap<>();
        Map<String, Double> noHelper = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
        Map<String, Double> dl4jLayers = new LinkedHashMap<>(), dl4jLayersCpu = new LinkedHashMap<>();
        for (int pass = 0; pass < PASSES; pass++) {
            helpers(true);
            train(dl4jLayers, dl4jLayersCpu, "mlp_plain_train", build(mlp(), 0), xm, ym, MLP_STEPS);
            train(dl4jLayers, dl4jLayersCpu, "cnn_plain_train", build(cnn(), 0), xc, yc, CNN_STEPS);
            for (int d : new int[]{1, 2, 4}) {
                String tag = d == 1 ? "plain" : "d" + d;
                train(java, cpu, "mlp_" + tag + "_train", build(mlp(), d), xm, ym, MLP_STEPS);
                MultiLayerNetwork c = build(cnn(), d);
                helpers.put(tag, convHelper(c));
                train(java, cpu, "cnn_" + tag + "_train", c, xc, yc, CNN_STEPS);
            }
            helpers(false);
            for (int d : new int[]{1, 4}) {
                MultiLayerNetwork c = build(cnn(), d);
                helpers.put((d == 1 ? "plain" : "d" + d) + " (helpers off)", convHelper(c));
                train(noHelper, new LinkedHashMap<>(), "cnn_" + (d == 1 ? "plain" : "d" + d) + "_train", c, xc, yc, CNN_STEPS);
            }
        }
        helpers(true);
        INDArray xmi = Nd4j.randn(DataType.FLOAT, 1024, 784), xci = Nd4j.randn(DataType.FLOAT, 256, 1, 28, 28);
        for (String name : new String[]{"mlp", "cnn"}) {
            MultiLayerNetwork big = build(name.equals("mlp") ? mlp() : cnn(), 4);
            INDArray x = name.equals("mlp") ? xmi : xci;
            java.put(name + "_d4_collapse", best(() -> Collapse.collapse(big)));
            MultiLayerNetwork small = Collapse.collapse(big);
            double err = big.output(x).sub(small.output(x)).amaxNumber().doubleValue();
            if (err > 1e-3) throw new IllegalStateException(name + ": collapsed differs by " + err);
            java.put(name + "_infer_expanded_d4", best(() -> big.output(x)));
            java.put(name + "_infer_collapsed", best(() -> small.output(x)));
        }

        for (Map.Entry<String, Double> e : runPeer(threads).entrySet())
            peer.merge(e.getKey(), e.getValue(), e.getKey().contains("_train") ? Math::max : Math::min);
        System.out.println("# threads: java " + threads + " (ND4J max threads, BLAS " + Nd4j.factory().blas().getBlasVendor()
                + " threads " + Nd4j.factory().blas().getMaxThreads() + "), torch " + threads
                + " (set_num_threads, OMP_NUM_THREADS); float32; train: fastest step of " + PASSES + " passes; collapse/infer:"
                + " best of " + REPEATS + "; conv helper: " + helpers);
        System.out.println("# load average before: " + load0 + "; after: " + loadAverage() + " (shared machine)");
        double worstTrain = Double.POSITIVE_INFINITY, worstTrainCpu = Double.POSITIVE_INFINITY, worstCost = 0, worstCostCpu = 0;
        for (Map.Entry<String, Double> e : java.entrySet()) {
            String k = e.getKey();
            Double p = peer.get(k);
            if (p != null && k.endsWith("_train")) {
                worstTrain = Math.min(worstTrain, e.getValue() / p);
                worstTrainCpu = Math.min(worstTrainCpu, cpu.get(k) / peer.get(k + "_cpu"));
            }
            if (p == null) throw new IllegalStateException("peer printed no result for " + k);
            double j = e.getValue();
            if (k.endsWith("_train"))
                line(k, j, p, "samples/s", j / p, String.format(Locale.ROOT,
                        "java/peer, >1 = java faster; by thread CPU time: %.2f", cpu.get(k) / peer.get(k + "_cpu")));
            else
                line(k, j, p, "s", p / j, "peer/java, >1 = java faster");
        }
        for (Map.Entry<String, Double> e : noHelper.entrySet())
            line(e.getKey() + "_helpers_off", e.getValue(), peer.get(e.getKey()), "samples/s",
                    e.getValue() / peer.get(e.getKey()), "java/peer; oneDNN helpers off: speedup from the shim = "
                            + String.format(Locale.ROOT, "%.2fx", java.get(e.getKey()) / e.getValue()));
        for (Map.Entry<String, Double> e : dl4jLayers.entrySet())
            line(e.getKey() + "_dl4j_layers", e.getValue(), peer.get(e.getKey()), "samples/s",
                    e.getValue() / peer.get(e.getKey()), String.format(Locale.ROOT, "java/peer; DL4J's own DenseLayer/"
                            + "ConvolutionLayer instead of depth-1 expanded layers; by thread CPU time: %.2f",
                            dl4jLayersCpu.get(e.getKey()) / peer.get(e.getKey() + "_cpu")));
        for (String net : new String[]{"mlp", "cnn"})
            for (String d : new String[]{"d2", "d4"}) {
                double jr = java.get(net + "_plain_train") / java.get(net + "_" + d + "_train");
                double pr = peer.get(net + "_plain_train") / peer.get(net + "_" + d + "_train");
                double jc = cpu.get(net + "_plain_train") / cpu.get(net + "_" + d + "_train");
                double pc = peer.get(net + "_plain_train_cpu") / peer.get(net + "_" + d + "_train_cpu");
                worstCost = Math.max(worstCost, jr / pr);
                worstCostCpu = Math.max(worstCostCpu, jc / pc);
                line(net + "_" + d + "_cost_over_plain", jr, pr, "x", jr / pr, String.format(Locale.ROOT,
                        "java/peer of expanded/plain step cost, <=1 = DL4J's overhead no worse than PyTorch's;"
                                + " by thread CPU time: java %.3g peer %.3g ratio %.2f", jc, pc, jc / pc));
            }
        for (String net : new String[]{"mlp", "cnn"}) {
            double jr = java.get(net + "_infer_expanded_d4") / java.get(net + "_infer_collapsed");
            double pr = peer.get(net + "_infer_expanded_d4") / peer.get(net + "_infer_collapsed");
            line(net + "_collapse_infer_speedup", jr, pr, "x", jr / pr, "java/peer of expanded/collapsed inference time");
        }
        Peer.summary("expand", worstTrain, worstTrainCpu, 0.8, String.format(Locale.ROOT,
                "DL4J / PyTorch training throughput, smallest over MLP and CNN at depth 1, 2, 4; aim 1.0; expanded/plain cost"
                        + " over PyTorch's, largest: %.2f by wall clock, %.2f by thread CPU time (goal <= 1: %s / %s)",
                worstCost, worstCostCpu, worstCost <= 1 ? "met" : "NOT met", worstCostCpu <= 1 ? "met" : "NOT met"));
    }

    /**
     * DL4J creates layer helpers only if {@code org.eclipse.deeplearning4j.helpers.disable=false} (default true) and
     * the oneDNN check passes, which in M2.1 needs the {@code org.nd4j.nativeblas.Nd4jCpu} shim of this lib.
     */
    static void helpers(boolean on) {
        System.setProperty("org.eclipse.deeplearning4j.helpers.disable", Boolean.toString(!on));
        Nd4j.getEnvironment().allowHelpers(on);
    }

    static void line(String k, double j, double p, String unit, double ratio, String what) {
        System.out.printf(Locale.ROOT, "BENCH expand %s java=%.4g peer=%.4g unit=%s ratio=%.2f (%s)%n", k, j, p, unit, ratio, what);
    }

    /** {case -> value} from the PyTorch peer (first value of each PEER line). */
    static Map<String, Double> runPeer(int threads) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        Peer.run("expand_peer.py", threads, Integer.toString(threads), Integer.toString(REPEATS), "1",
                Integer.toString(WARM_STEPS), Integer.toString(MLP_STEPS), Integer.toString(CNN_STEPS))
                .forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
