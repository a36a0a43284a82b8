package org.lowrank.models;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Adler32;

import org.apache.commons.io.FileUtils;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

class PretrainedTest {
    @TempDir Path tmp;

    @AfterEach
    void restoreResourceDir() {
        DL4JResources.resetBaseDirectoryLocation();
    }

    /** A small ResNet trained for a few steps (so that its weights and BN statistics are not the initial ones). */
    static ComputationGraph trained() {
        ComputationGraph g = ResNetTest.TINY.network(11, new Sgd(0.05), 0, DataType.DOUBLE);
        ResNetTest.train(g, ResNetTest.TINY, 3);
        return g;
    }

    @Test
    void modelSerializerRoundTripOfBothKinds() {
        ComputationGraph g = trained();
        Path gz = tmp.resolve("resnet.zip");
        Pretrained.save(g, gz, true);
        assertEquals(Pretrained.Kind.COMPUTATION_GRAPH, Pretrained.kind(gz));
        INDArray x = ResNetTest.randomBatch(ResNetTest.TINY, 4, 5).getFeatures();
        Model m = Pretrained.load(gz);
        assertInstanceOf(ComputationGraph.class, m);
        assertEquals(g.outputSingle(false, x), ((ComputationGraph) m).outputSingle(false, x));
        assertEquals(g.params(), Pretrained.loadGraph(gz).params());

        MultiLayerNetwork a = new AlexNet(3, 63, 63, 4, 1.0 / 16, 16, 0).network(2, new Sgd(0.01), 0, DataType.FLOAT);
        Path az = tmp.resolve("sub/alexnet.zip");
        Pretrained.save(a, az, false);
        assertEquals(Pretrained.Kind.MULTI_LAYER_NETWORK, Pretrained.kind(az));
        assertEquals(a.params(), Pretrained.loadMultiLayer(az).params());
        var ex = assertThrows(IllegalArgumentException.class, () -> Pretrained.loadGraph(az));
        assertTrue(ex.getMessage().contains("MULTI_LAYER_NETWORK"), ex.getMessage());
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path missing = tmp.resolve("missing.zip");
        var ex = assertThrows(IllegalArgumentException.class, () -> Pretrained.load(missing));
        assertTrue(ex.getMessage().contains("missing.zip") && ex.getMessage().contains("does not exist"), ex.getMessage());
        Path junk = Files.write(tmp.resolve("junk.zip"), new byte[]{1, 2, 3, 4});
        ex = assertThrows(IllegalArgumentException.class, () -> Pretrained.load(junk));
        assertTrue(ex.getMessage().contains("junk.zip") && ex.getMessage().contains("not a zip"), ex.getMessage());
        Path empty = Files.write(tmp.resolve("empty.zip"), new byte[0]);
        ex = assertThrows(IllegalArgumentException.class, () -> Pretrained.load(empty));
        assertTrue(ex.getMessage().contains("empty.zip"), ex.getMessage());
    }

    /** A zoo model whose "pretrained weights" are a file the test saved; its checksum is the file's Adler32. */
    static final class TinyZoo extends ZooModel<ComputationGraph> {
        final long checksum;
        TinyZoo(long checksum) { this.checksum = checksum; }
        @Override public String pretrainedUrl(PretrainedType t) {
            return t == PretrainedType.IMAGENET ? "https://unreachable.invalid/models/tinyzoo_dl4j_inference.v1.zip" : null;
        }
        @Override public long pretrainedChecksum(PretrainedType t) { return checksum; }
        @Override public <M extends Model> M init() { throw new UnsupportedOperationException(); }
        @Override public ModelMetaData metaData() { return null; }
        @Override public Class<? extends Model> modelType() { return ComputationGraph.class; }
        @Override public void setInputShape(int[][] s) { }
        @Override public String modelName() { return "tinyzoo"; }
    }

    @Test
    void zooModelFromTheLocalResourceFolderWithTheZoosOwnLoader() throws IOException {
        DL4JResources.setBaseDirectory(Files.createDirectories(tmp.resolve("dl4j-resources")).toFile());
        ComputationGraph g = trained();
        Path expected = tmp.resolve("dl4j-resources/models/tinyzoo/tinyzoo_dl4j_inference.v1.zip");

        // not there: an error that says where to put it, and no download attempt
        TinyZoo absent = new TinyZoo(0);
        assertEquals(expected.toAbsolutePath(), Pretrained.zooFile(absent, PretrainedType.IMAGENET).toAbsolutePath());
        var ex = assertThrows(IllegalStateException.class, () -> Pretrained.zoo(absent, PretrainedType.IMAGENET));
        assertTrue(ex.getMessage().contains(expected.getFileName().toString()) && ex.getMessage().contains("nothing is downloaded"),
                ex.getMessage());

        Pretrained.save(g, expected, false);
        long sum = FileUtils.checksum(expected.toFile(), new Adler32()).getValue();
        ComputationGraph loaded = Pretrained.zoo(new TinyZoo(sum), PretrainedType.IMAGENET);
        INDArray x = ResNetTest.randomBatch(ResNetTest.TINY, 3, 8).getFeatures();
        assertEquals(g.outputSingle(false, x), loaded.outputSingle(false, x));

        var ex2 = assertThrows(IllegalArgumentException.class, () -> Pretrained.zoo(absent, PretrainedType.CIFAR10));
        assertTrue(ex2.getMessage().contains("no pretrained CIFAR10"), ex2.getMessage());
    }
}
