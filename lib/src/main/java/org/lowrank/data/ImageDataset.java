package org.lowrank.data;

import java.util.Arrays;
import java.util.Random;

/**
 * An immutable in-memory image classification dataset: {@code size()} images of {@code channels×height×width}
 * unsigned bytes (channel-major, like CIFAR's binary format and DL4J's NCHW), and integer labels in
 * {@code [0, numClasses)}.
 */
public final class ImageDataset {
    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    private final int numClasses, channels, height, width;

    /**
     * Wraps (copies) pixel bytes and labels.
     *
     * @throws IllegalArgumentException if the sizes do not match or a label is out of range
     */
    public ImageDataset(String name, byte[] pixels, int[] labels, int numClasses, int channels, int height, int width) {
        this(name, pixels, labels, numClasses, channels, height, width, true);
    }

    /** Wraps arrays that the caller hands over ({@code copy = false}: the readers, which hold no other reference). */
    ImageDataset(String name, byte[] pixels, int[] labels, int numClasses, int channels, int height, int width, boolean copy) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("channels, height, width must be > 0, got " + channels + "x" + height + "x" + width);
        }
        if (numClasses <= 0) throw new IllegalArgumentException("numClasses must be > 0, got " + numClasses);
        if (pixels == null || labels == null) throw new IllegalArgumentException("pixels and labels must not be null");
        long per = (long) channels * height * width;
        if (per > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("channels x height x width = " + channels + "x" + height + "x" + width + " = "
                    + per + " bytes per image; allowed: at most " + (Integer.MAX_VALUE - 8));
        }
        if (pixels.length != per * labels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes; " + labels.length
                    + " images of " + per + " bytes need " + per * labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + ", allowed 0.." + (numClasses - 1));
            }
        }
        this.name = name == null ? "dataset" : name;
        this.pixels = copy ? pixels.clone() : pixels;
        this.labels = copy ? labels.clone() : labels;
        this.numClasses = numClasses;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** A short name, e.g. "fashion-mnist/train". */
    public String name() { return name; }
    /** Number of images. */
    public int size() { return labels.length; }
    /** Number of classes. */
    public int numClasses() { return numClasses; }
    /** Channels per image (1 for Fashion-MNIST, 3 for CIFAR). */
    public int channels() { return channels; }
    /** Image height in pixels. */
    public int height() { return height; }
    /** Image width in pixels. */
    public int width() { return width; }
    /** Bytes per image: channels·height·width. */
    public int imageSize() { return channels * height * width; }

    /** Label of image {@code i}. */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** Pixel (0..255) of image {@code i}, channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int i, int c, int y, int x) {
        checkIndex(i);
        if (c < 0 || c >= channels || y < 0 || y >= height || x < 0 || x >= width) {
            throw new IllegalArgumentException("pixel (c, y, x) = (" + c + ", " + y + ", " + x + "); allowed: c in 0.."
                    + (channels - 1) + ", y in 0.." + (height - 1) + ", x in 0.." + (width - 1));
        }
        return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
    }

    /** A copy of all labels. */
    public int[] labels() { return labels.clone(); }

    /** Number of images per class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int l : labels) counts[l]++;
        return counts;
    }

    // Package-private raw access for the iterator (no copies in the hot loop).
    byte[] rawPixels() { return pixels; }
    int rawLabel(int i) { return labels[i]; }

    /** The images at {@code indices}, in that order (repeats allowed). */
    public ImageDataset subset(int[] indices) {
        if (indices == null) throw new IllegalArgumentException("indices must not be null");
        int per = imageSize();
        if ((long) indices.length * per > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("indices has " + indices.length + " entries; " + indices.length + " images of "
                    + per + " bytes exceed one array (at most " + (Integer.MAX_VALUE - 8) / per + " images)");
        }
        byte[] px = new byte[indices.length * per];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("indices[" + k + "] = " + i + ", allowed 0.." + (size() - 1));
            }
            System.arraycopy(pixels, (int) ((long) i * per), px, k * per, per);
            lb[k] = labels[i];
        }
        return new ImageDataset(name + "[subset " + indices.length + "]", px, lb, numClasses, channels, height, width, false);
    }

    /** The first {@code n} images. */
    public ImageDataset head(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("n = " + n + ", allowed 0.." + size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return subset(idx);
    }

    /** {@code n} images drawn without replacement, uniformly with {@code seed}, in random order. */
    public ImageDataset randomSubset(int n, long seed) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("n = " + n + ", allowed 0.." + size());
        int[] perm = permutation(size(), new Random(seed)::nextInt);
        return subset(Arrays.copyOf(perm, n));
    }

    /**
     * A class-balanced subset: the first {@code perClass} images of each class in a seeded random order.
     *
     * @throws IllegalArgumentException if some class has fewer than {@code perClass} images
     */
    public ImageDataset balancedSubset(int perClass, long seed) {
        if (perClass < 0) throw new IllegalArgumentException("perClass must be >= 0, got " + perClass);
        int[] counts = classCounts();
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("perClass = " + perClass + " but class " + c + " has only " + counts[c] + " images");
            }
        }
        int[] perm = permutation(size(), new Random(seed)::nextInt);
        int[] taken = new int[numClasses];
        int[] out = new int[perClass * numClasses];
        int k = 0;
        for (int i : perm) {
            int l = labels[i];
            if (taken[l] < perClass) {
                taken[l]++;
                out[k++] = i;
            }
        }
        return subset(out);
    }

    /**
     * Fisher–Yates permutation of 0..n-1, {@code nextInt(bound)} drawing in [0, bound) (e.g. {@code rng::nextInt} of a
     * {@link Random} or {@link java.util.SplittableRandom}); java.util.Collections.shuffle needs boxed lists and a
     * {@link Random}.
     */
    static int[] permutation(int n, java.util.function.IntUnaryOperator nextInt) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt.applyAsInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** 0, 1, …, n-1. */
    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) throw new IllegalArgumentException("index = " + i + ", allowed 0.." + (size() - 1));
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + channels + "x" + height + "x" + width + ", " + numClasses + " classes)";
    }
}
