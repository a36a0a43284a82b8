"""Same seed, same numbers inside the Java kernel.

Short DL4J trainings through the lib (plain and expanded SmallCnn with TrainingHarness, the drivers of notebooks
08 and 09 at a tiny size, and notebook 08's seed-0 collapse demonstration) run twice in one kernel (every cell
runs on the kernel's one long-lived cell thread, as a notebook's do) and once in a second, fresh kernel. Each run
prints a SHA-256 fingerprint of the exact bits of the parameters and scores; all must be equal. The JVM-level
twin of this test is lib/src/test/java/org/lowrank/train/ReproducibilityTest.java.
"""
import re

import pytest
from jupyter_client.manager import start_new_kernel

TIMEOUT = 600

SETUP = r"""
import java.security.MessageDigest;
import java.nio.ByteBuffer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.lowrank.data.*;
import org.lowrank.expand.*;
import org.lowrank.train.*;

class Fp {
    final MessageDigest md;
    Fp() throws Exception { md = MessageDigest.getInstance("SHA-256"); }
    Fp add(double v) { md.update(ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(v)).array()); return this; }
    Fp add(INDArray a) { for (double v : a.castTo(DataType.DOUBLE).dup().data().asDouble()) add(v); return this; }
    public String toString() { return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 24); }
}

ImageDataset tiny(int n, long seed) {            // class c brightens quadrant c of an 8x8 image
    java.util.Random r = new java.util.Random(seed);
    byte[] px = new byte[n * 64];
    int[] lb = new int[n];
    for (int i = 0; i < n; i++) {
        lb[i] = i % 4;
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++)
            px[i * 64 + y * 8 + x] = (byte) (((y / 4) * 2 + x / 4 == lb[i] ? 150 : 40) + r.nextInt(80));
    }
    return new ImageDataset("tiny", px, lb, 4, 1, 8, 8);
}

SmallCnn CNN = new SmallCnn(new int[]{4, 4, 8, 8}, 8, 8, 8, 1, 4, true);
java.io.PrintStream QUIET = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

String harness(int depth) throws Exception {
    ImageDataset d = tiny(64, 1);
    ImageIterator it = new ImageIterator(d, ImageIterator.Config.training(8, 5, new Augmentation(1, false), Normalization.unit()));
    var net = CNN.network(depth, 5, 0.05, 5e-4, 16);
    Fp f = new Fp().add(net.params());
    var r = new TrainingHarness(TrainConfig.of(2, 5).withProgress(Progress.NONE, 0), QUIET).fit(net, it,
            new ImageIterator(d, ImageIterator.Config.evaluation(16, Normalization.unit())), null);
    f.add(r.model().params());
    for (EpochMetrics m : r.history()) f.add(m.trainLoss()).add(m.trainAccuracy());
    return "harness d=" + depth + " " + f;
}

String cnnExperiment() throws Exception {
    ImageDataset train = tiny(64, 1), test = tiny(32, 2);
    var s = new CnnExperiment.Settings(CNN, 2, 8, 0.05, 5e-4, new Augmentation(1, false), 16, 32, null, 500, Progress.NONE);
    var sweep = CnnExperiment.sweepLearningRates(s, CnnLrSweep.Split.of(train, 0.25, 11), 1, new int[]{1, 2}, new double[]{0.1, 0.01}, 1);
    Fp f = new Fp();
    for (var t : sweep.trials()) f.add(t.validationAccuracy()).add(t.trainLoss());
    for (var r : CnnExperiment.runAll(s, train, train, test, new int[]{1, 2}, new long[]{1}, sweep::bestLr)) {
        for (EpochMetrics m : r.history()) f.add(m.trainLoss()).add(m.trainAccuracy()).add(m.testAccuracy());
        f.add(r.rhoK()).add(r.maxOutputDifference());
    }
    return "cnnExperiment " + f;
}

String collapseSeed0() throws Exception {
    var dense = new ExpandedDense(32, 32, 1, 4, true, true, true, new int[]{2}).activation(Activation.RELU);
    var net = ExpandExperiment.singleLayerNet(dense, InputType.feedForward(32), DataType.DOUBLE, 0);
    Fp f = new Fp().add(net.params());
    Nd4j.getRandom().setSeed(1);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 32);
    net.fit(x, Nd4j.randn(DataType.DOUBLE, 16, 32));
    return "collapseSeed0 " + f.add(net.params()).add(net.output(x).sub(Collapse.collapse(net).output(x)).amaxNumber().doubleValue());
}

String expandExperiment() throws Exception {
    if (!java.nio.file.Files.isDirectory(FashionMnist.defaultDirectory())) return "expandExperiment SKIP";
    var r = new ExpandExperiment(new int[]{16}, 2, 1.0, 2, 32, 1e-3, 1e-3, 256, 128, 1).run();
    Fp f = new Fp().add(r.plain().params()).add(r.expanded().params());
    for (var e : r.epochs()) f.add(e.rhoPlain()[0]).add(e.rhoExpanded()[0]).add(e.testAccExpanded());
    return "expandExperiment " + f;
}
System.out.println("oneDNN " + Expand.enableOneDnnHelpers());
"""

RUN = r"""
for (String line : new String[]{harness(1), harness(2), cnnExperiment(), collapseSeed0(), expandExperiment()})
    System.out.println("FP " + line);
"""


def execute(kc, code):
    """Runs a cell; returns its stdout, failing the test on an error reply."""
    chunks = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda m: chunks.append(m["content"].get("text", ""))
                                   if m["msg_type"] == "stream" and m["content"].get("name") == "stdout" else None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(chunks)


def fingerprints(runs):
    """Starts a fresh kernel, runs the trainings `runs` times in it, returns one list of FP lines per run."""
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=120)
    try:
        execute(kc, SETUP)
        return [re.findall(r"^FP .*$", execute(kc, RUN), flags=re.M) for _ in range(runs)]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_two_runs_in_one_kernel_and_a_run_in_a_fresh_kernel_give_identical_bits(kernel_json):
    first_kernel = fingerprints(2)
    second_kernel = fingerprints(1)
    runs = first_kernel + second_kernel
    assert len(runs[0]) == 5, runs[0]
    for label, run in zip(["kernel 1 run 2", "kernel 2 run 1"], runs[1:]):
        assert run == runs[0], "%s differs from kernel 1 run 1:\n%s\nvs\n%s" % (label, "\n".join(runs[0]), "\n".join(run))
