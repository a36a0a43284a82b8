package org.lowrank.models;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;

/**
 * Pretrained networks from local files only; nothing is downloaded at run time.
 *
 * <ul>
 *   <li>{@link #load(Path)}: any model saved with DL4J's {@code ModelSerializer} (a zip holding
 *       {@code configuration.json} and {@code coefficients.bin}), a {@code MultiLayerNetwork} or a
 *       {@code ComputationGraph}.</li>
 *   <li>{@link #zoo(ZooModel, PretrainedType)}: a DL4J zoo model (e.g. {@code ResNet50}, {@code VGG16}) through the
 *       zoo's own loader ({@code ZooModel.initPretrained}), which reads the zip from the resource folder
 *       {@code <dir>/models/<model name>/<file name>} and verifies its checksum. {@code <dir>} is
 *       {@code -Dorg.deeplearning4j.resources.directory=...} (default {@code ~/.deeplearning4j}). Because the zoo's
 *       loader downloads a missing file, this method first checks that the file is there and otherwise throws,
 *       telling where to put it.</li>
 * </ul>
 */
public final class Pretrained {
    private Pretrained() { }

    /** Which of the two DL4J network types a ModelSerializer zip holds. */
    public enum Kind { MULTI_LAYER_NETWORK, COMPUTATION_GRAPH }

    /**
     * The kind of network in a {@code ModelSerializer} zip, read from its {@code configuration.json} (a graph
     * configuration has {@code "vertices"}, a layer list {@code "confs"}).
     *
     * @throws IllegalArgumentException if the file is missing or is not a ModelSerializer zip
     */
    public static Kind kind(Path file) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null || zip.getEntry("coefficients.bin") == null)
                throw new IllegalArgumentException("file = " + file + " is a zip without configuration.json and coefficients.bin; "
                        + "allowed: a model saved with ModelSerializer.writeModel");
            String json = new String(zip.getInputStream(conf).readAllBytes(), StandardCharsets.UTF_8);
            if (json.contains("\"vertices\"")) return Kind.COMPUTATION_GRAPH;
            if (json.contains("\"confs\"")) return Kind.MULTI_LAYER_NETWORK;
            throw new IllegalArgumentException("file = " + file + ": configuration.json is neither a ComputationGraph nor a "
                    + "MultiLayerNetwork configuration");
        } catch (ZipException e) {
            throw new IllegalArgumentException("file = " + file + " is not a zip (" + e.getMessage()
                    + "); allowed: a model saved with ModelSerializer.writeModel", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A network saved with {@code ModelSerializer}, of either kind, without updater state. */
    public static Model load(Path file) {
        return kind(file) == Kind.COMPUTATION_GRAPH ? loadGraph(file) : loadMultiLayer(file);
    }

    /** A {@code ComputationGraph} saved with {@code ModelSerializer} (without updater state). */
    public static ComputationGraph loadGraph(Path file) {
        Kind k = kind(file);
        if (k != Kind.COMPUTATION_GRAPH)
            throw new IllegalArgumentException("file = " + file + " holds a " + k + "; use loadMultiLayer or load");
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + file, e);
        }
    }

    /** A {@code MultiLayerNetwork} saved with {@code ModelSerializer} (without updater state). */
    public static MultiLayerNetwork loadMultiLayer(Path file) {
        Kind k = kind(file);
        if (k != Kind.MULTI_LAYER_NETWORK)
            throw new IllegalArgumentException("file = " + file + " holds a " + k + "; use loadGraph or load");
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + file, e);
        }
    }

    /** Saves a network with {@code ModelSerializer} (with updater state when {@code withUpdater}). */
    public static void save(Model model, Path file, boolean withUpdater) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            ModelSerializer.writeModel(model, file.toFile(), withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Where the zoo's loader looks for {@code model}'s pretrained weights of {@code type}: the resource folder's
     * {@code models/<model name>/<file name of the zoo's URL>}.
     *
     * @throws IllegalArgumentException if the zoo has no such pretrained weights
     */
    public static Path zooFile(ZooModel<?> model, PretrainedType type) {
        if (model == null || type == null) throw new IllegalArgumentException("model and type must not be null");
        String url = model.pretrainedUrl(type);
        if (url == null)
            throw new IllegalArgumentException("type = " + type + ": the zoo has no pretrained " + type + " weights for "
                    + model.modelName());
        String name = new File(url).getName();
        return DL4JResources.getDirectory(ResourceType.ZOO_MODEL, model.modelName()).toPath().resolve(name);
    }

    /**
     * A pretrained zoo model from the local resource folder, loaded (and checksum-verified) by the zoo's own
     * {@code initPretrained}. Never downloads.
     *
     * @throws IllegalStateException if the file is not in the resource folder (the message says where to put it)
     */
    public static <M extends Model> M zoo(ZooModel<?> model, PretrainedType type) {
        Path file = zooFile(model, type);
        if (!Files.isRegularFile(file))
            throw new IllegalStateException("pretrained " + model.modelName() + " (" + type + ") not found at " + file
                    + "; nothing is downloaded at run time: copy " + file.getFileName() + " (from " + model.pretrainedUrl(type)
                    + ") there, or point -Dorg.deeplearning4j.resources.directory at the folder that holds models/"
                    + model.modelName() + "/");
        try {
            return model.initPretrained(type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file, e);
        }
    }

    private static void requireFile(Path file) {
        if (file == null) throw new IllegalArgumentException("file is null; allowed: a ModelSerializer zip");
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("file = " + file + " does not exist or is not a regular file; allowed: a "
                    + "ModelSerializer zip");
    }
}
