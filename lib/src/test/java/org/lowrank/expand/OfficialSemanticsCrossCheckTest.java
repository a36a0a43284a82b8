package org.lowrank.expand;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-framework check of the expanded forward's semantics: the same trained parameters run through the official
 * library's graph forward (re-typed in torch, test resource {@code official_forward.py}) give the same outputs —
 * batch norm in inference mode, residual edges, and the strided conv identity, on the official grid's 32×32 size.
 * Skipped where Debian's /usr/bin/python3 with torch is missing.
 */
class OfficialSemanticsCrossCheckTest {
    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "dense-res-1-2-4-all;false;8;8;4;0;1;0;true;1,2,4,-1;1",
            "conv-k3-depth3-stride2-res;true;4;4;3;2;1;0;true;1,-1;8",
            "conv-1-3-5-stride2-res;true;4;4;0;2;3;1;true;1,2,3;32",
            "conv-5-3-1-width2;true;3;5;0;1;3;2;false;1;9"})
    void expandedForwardMatchesOfficialSemantics(String name, boolean conv, int in, int out, int depth, int stride,
                                                 int padding, int widthFlag, boolean residual, String intervals,
                                                 int size, @TempDir Path dir) throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 with torch not available");
        int[] iv = Arrays.stream(intervals.split(",")).mapToInt(Integer::parseInt).toArray();
        ExpandedLayer l;
        InputType type;
        long[] xs;
        if (!conv) {
            l = new ExpandedDense(in, out, 1, depth, true, true, residual, iv);
            type = InputType.feedForward(in);
            xs = new long[]{6, in};
        } else {
            int[] ks = name.contains("1-3-5") ? new int[]{1, 3, 5} : name.contains("5-3-1") ? new int[]{5, 3, 1} : new int[]{3};
            l = new ExpandedConv2D(in, out, ks, ks.length > 1 ? 0 : depth, stride, padding, widthFlag == 2 ? 2 : 1,
                    true, true, residual, iv, 1);
            type = InputType.convolutional(size, size, in);
            xs = new long[]{2, in, size, size};
        }
        MultiLayerNetwork net = ExpandTestNets.single(l, DataType.DOUBLE, type, 3);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, xs);
        net.fit(x, Nd4j.randn(DataType.DOUBLE, net.output(x).shape()));        // moves running statistics
        INDArray y = net.output(x, false);
        String tag = name.replace('-', '_');
        // ND4J writes the raw buffer: c-order copies so numpy reads the right layout
        Nd4j.writeAsNumpy(x.dup('c'), dir.resolve(tag + "_x.npy").toFile());
        Nd4j.writeAsNumpy(y.dup('c'), dir.resolve(tag + "_y.npy").toFile());
        for (Map.Entry<String, INDArray> e : net.getLayer(0).paramTable().entrySet())
            Nd4j.writeAsNumpy(e.getValue().dup('c'), dir.resolve(tag + "_" + e.getKey() + ".npy").toFile());
        Path script = dir.resolve("official_forward.py");
        try (var s = getClass().getResourceAsStream("official_forward.py")) {
            Files.copy(s, script);
        }
        int d = l.getDepth();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString(), tag, Integer.toString(d),
                Boolean.toString(conv), Integer.toString(stride), Integer.toString(padding), Boolean.toString(residual),
                intervals).redirectErrorStream(true).start();
        String outText;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            outText = String.join("\n", r.lines().toList());
        }
        assertTrue(p.waitFor() == 0, "python failed:\n" + outText);
        String line = outText.lines().filter(s -> s.startsWith("MAXDIFF ")).findFirst().orElseThrow(
                () -> new AssertionError("no MAXDIFF line:\n" + outText));
        double diff = Double.parseDouble(line.substring(8).trim());
        assertTrue(diff < 1e-10, name + ": max |java - official torch| = " + diff);
    }
}
