package org.lowrank.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure-Java reader of the CIFAR-10 / CIFAR-100 binary versions (Krizhevsky 2009,
 * https://www.cs.toronto.edu/~kriz/cifar.html). DL4J's own CIFAR iterator needs OpenCV and downloads from a
 * host that is not reachable here, hence this reader.
 *
 * <p>Record formats: CIFAR-10 {@code <1 label byte><3072 pixel bytes>}; CIFAR-100
 * {@code <1 coarse byte><1 fine byte><3072 pixel bytes>}; pixels are 1024 red, 1024 green, 1024 blue bytes, rows
 * of 32. Files: {@code cifar-10-batches-bin/data_batch_{1..5}.bin, test_batch.bin} and
 * {@code cifar-100-binary/train.bin, test.bin}.
 *
 * <p>Root directory lookup (it contains those folders): system property {@value #PROPERTY}, environment variable
 * {@value #ENV}, then {@code ~/lowrank-data}, which is where {@code data/fetch_cifar.sh} extracts by default.
 */
public final class Cifar {
    /** System property naming the root directory. */
    public static final String PROPERTY = "lowrank.data.dir";
    /** Environment variable naming the root directory. */
    public static final String ENV = "LOWRANK_DATA_DIR";
    /** Bytes of one 3×32×32 image. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;

    /** Which CIFAR and which labels. */
    public enum Variant {
        /** CIFAR-10, 10 classes. */
        CIFAR10("cifar-10-batches-bin", 1, 0, 10),
        /** CIFAR-100 fine labels, 100 classes. */
        CIFAR100("cifar-100-binary", 2, 1, 100),
        /** CIFAR-100 coarse (superclass) labels, 20 classes. */
        CIFAR100_COARSE("cifar-100-binary", 2, 0, 20);

        final String folder;
        final int labelBytes, labelOffset, numClasses;

        Variant(String folder, int labelBytes, int labelOffset, int numClasses) {
            this.folder = folder;
            this.labelBytes = labelBytes;
            this.labelOffset = labelOffset;
            this.numClasses = numClasses;
        }

        /** Bytes per record: label byte(s) + 3072. */
        public int recordBytes() { return labelBytes + IMAGE_BYTES; }
        /** Number of classes. */
        public int numClasses() { return numClasses; }
        /** The folder inside the root directory. */
        public String folder() { return folder; }
    }

    private Cifar() {}

    /** The root directory the lookup chooses (it may not exist). */
    public static Path defaultRoot() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return Paths.get(p);
        String e = System.getenv(ENV);
        if (e != null && !e.isBlank()) return Paths.get(e);
        return Paths.get(System.getProperty("user.home"), "lowrank-data");
    }

    /** Loads the training (50 000) or test (10 000) images from {@link #defaultRoot()}. */
    public static ImageDataset load(Variant variant, boolean train) {
        return load(defaultRoot(), variant, train);
    }

    /** Loads the training or test split of {@code variant} from {@code root/variant.folder()}. */
    public static ImageDataset load(Path root, Variant variant, boolean train) {
        if (root == null) throw new IllegalArgumentException("root must not be null");
        if (variant == null) throw new IllegalArgumentException("variant must not be null");
        Path dir = root.resolve(variant.folder);
        List<Path> files = new ArrayList<>();
        if (variant == Variant.CIFAR10) {
            if (train) for (int i = 1; i <= 5; i++) files.add(dir.resolve("data_batch_" + i + ".bin"));
            else files.add(dir.resolve("test_batch.bin"));
        } else {
            files.add(dir.resolve(train ? "train.bin" : "test.bin"));
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new DatasetException(f, "CIFAR file not found. Run data/fetch_cifar.sh (needs internet) and set -D"
                        + PROPERTY + " or $" + ENV + " to its output directory (default ~/lowrank-data).");
            }
        }
        String name = variant.name().toLowerCase().replace('_', '-') + "/" + (train ? "train" : "test");
        return read(name, variant, files);
    }

    /**
     * Reads CIFAR binary files of {@code variant} and concatenates them. Every file's length is checked before
     * anything is allocated (a file that is not a whole number of records, or files holding more images than one
     * array can, are errors, not an {@code OutOfMemoryError}), and every file is fully validated before any image
     * is returned.
     *
     * @throws DatasetException naming the file if it is empty, its length is not a multiple of the record size
     *                          (truncated or padded), a label is out of range, or the files are too large together
     * @throws IllegalArgumentException if {@code variant}, {@code files} or one of the files is null, or no file is given
     */
    public static ImageDataset read(String name, Variant variant, List<Path> files) {
        if (variant == null) throw new IllegalArgumentException("variant must not be null");
        if (files == null || files.isEmpty()) throw new IllegalArgumentException("files must name at least one file");
        int rec = variant.recordBytes();
        long[] records = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (f == null) throw new IllegalArgumentException("files[" + i + "] is null");
            long length;
            try {
                length = Files.size(f);
            } catch (IOException e) {
                throw new DatasetException(f, "cannot read (" + e + ")", e);
            }
            if (length == 0) throw new DatasetException(f, "empty file");
            if (length % rec != 0) {
                throw new DatasetException(f, "truncated or corrupt: " + length + " bytes is not a multiple of the "
                        + variant + " record size " + rec + " (" + variant.labelBytes + " label byte(s) + 3072 pixels); "
                        + (length / rec) + " whole records and " + (length % rec) + " extra bytes");
            }
            records[i] = length / rec;
            total += records[i];
            if (total * IMAGE_BYTES > MAX_PIXEL_BYTES) {
                throw new DatasetException(f, "too large: with this file the " + files.size() + " file(s) hold at least "
                        + total + " images, " + total * IMAGE_BYTES + " pixel bytes; one dataset holds at most "
                        + MAX_PIXEL_BYTES / IMAGE_BYTES + " images");
            }
        }
        byte[] pixels = new byte[(int) (total * IMAGE_BYTES)];
        int[] labels = new int[(int) total];
        byte[] label = new byte[variant.labelBytes];
        int k = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                for (long r = 0; r < records[i]; r++, k++) {
                    int got = in.readNBytes(label, 0, label.length);
                    got += in.readNBytes(pixels, k * IMAGE_BYTES, IMAGE_BYTES);
                    if (got != rec) throw new DatasetException(f, "truncated while reading record " + r + " (the file shrank)");
                    for (int b = 0; b < label.length; b++) {
                        int l = label[b] & 0xFF;
                        int max = b == variant.labelOffset ? variant.numClasses
                                : (variant.labelBytes == 2 && b == 0 ? 20 : 100);
                        if (l >= max) {
                            throw new DatasetException(f, "corrupt: record " + r + " (byte offset " + (r * rec + b)
                                    + ") has label " + l + ", allowed 0.." + (max - 1));
                        }
                    }
                    labels[k] = label[variant.labelOffset] & 0xFF;
                }
                if (in.read() != -1) throw new DatasetException(f, "corrupt: the file grew while it was read");
            } catch (IOException e) {
                throw new DatasetException(f, "cannot read (" + e + ")", e);
            }
        }
        return new ImageDataset(name, pixels, labels, variant.numClasses, 3, 32, 32, false);
    }

    /** Largest number of pixel bytes of one dataset (a Java byte array's limit). */
    static final long MAX_PIXEL_BYTES = Integer.MAX_VALUE - 8;
}
