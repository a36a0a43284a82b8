package org.lowrank.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 70 000 grey 28×28 images of 10 clothing classes
 * (60 000 train, 10 000 test) in IDX format.
 *
 * <p>Directory lookup, first hit wins: system property {@value #PROPERTY}, environment variable {@value #ENV},
 * then {@value #DEBIAN_DIR} (Debian/Ubuntu package {@code dataset-fashion-mnist}). The directory holds
 * {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]}; {@code data/fetch_fashion_mnist.sh} downloads them.
 */
public final class FashionMnist {
    /** System property naming the data directory. */
    public static final String PROPERTY = "lowrank.fashionmnist.dir";
    /** Environment variable naming the data directory. */
    public static final String ENV = "LOWRANK_FASHION_MNIST_DIR";
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    /** Class names, index = label. */
    public static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"};

    /** Which half of the dataset. */
    public enum Split {
        /** 60 000 training images ({@code train-*}). */
        TRAIN("train"),
        /** 10 000 test images ({@code t10k-*}). */
        TEST("t10k");

        final String prefix;

        Split(String prefix) { this.prefix = prefix; }
    }

    private FashionMnist() {}

    /** The directory the lookup chooses (it may not exist). */
    public static Path defaultDirectory() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return Paths.get(p);
        String e = System.getenv(ENV);
        if (e != null && !e.isBlank()) return Paths.get(e);
        return Paths.get(DEBIAN_DIR);
    }

    /** Loads a split from {@link #defaultDirectory()}. */
    public static ImageDataset load(Split split) {
        return load(defaultDirectory(), split);
    }

    /**
     * Loads a split from {@code dir}.
     *
     * @throws DatasetException if the files are missing (naming the Debian package and the fetch script),
     *                          truncated or malformed, or images and labels disagree
     */
    public static ImageDataset load(Path dir, Split split) {
        if (dir == null) throw new IllegalArgumentException("dir must not be null");
        if (split == null) throw new IllegalArgumentException("split must be TRAIN or TEST, got null");
        Path images = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labels = find(dir, split.prefix + "-labels-idx1-ubyte");
        Idx.Array im = Idx.read(images, 3);
        Idx.Array lb = Idx.read(labels, 1);
        int n = im.dims()[0];
        if (im.dims()[1] != 28 || im.dims()[2] != 28) {
            throw new DatasetException(images, "images are " + im.dims()[1] + "x" + im.dims()[2] + ", Fashion-MNIST has 28x28");
        }
        if (lb.dims()[0] != n) {
            throw new DatasetException(labels, "has " + lb.dims()[0] + " labels but " + images.getFileName() + " has " + n + " images");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lb.data()[i] & 0xFF;
            if (y[i] > 9) throw new DatasetException(labels, "corrupt: label " + i + " is " + y[i] + ", allowed 0..9");
        }
        return new ImageDataset("fashion-mnist/" + split.name().toLowerCase(), im.data(), y, 10, 1, 28, 28, false);
    }

    private static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) return plain;
        throw new DatasetException(gz, "Fashion-MNIST file not found in " + dir + ". Install the Debian package "
                + "'dataset-fashion-mnist' (apt-get install dataset-fashion-mnist; files in " + DEBIAN_DIR + "), or run "
                + "data/fetch_fashion_mnist.sh and point -D" + PROPERTY + " or $" + ENV + " at its output directory.");
    }
}
