package org.lowrank.data;

import org.lowrank.random.Seeds;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J iterator over an {@link ImageFolder}: images decoded with the JDK's ImageIO (JPEG, PNG; grey images become
 * RGB), transformed ({@link ImageTransform}: random-resized crop and flip, or resize and centre crop), normalised per
 * channel, as NCHW float batches with one-hot labels.
 *
 * <p><b>Deterministic and resumable:</b> batch b of epoch e is a pure function of (seed, e, b): the epoch's
 * shuffle comes from (seed, e), each image's random crop and flip from (seed, e, image index). Images are decoded by
 * a pool of {@code threads} worker threads, {@code prefetch} batches ahead of the consumer, and assembled in the
 * epoch's order, so the output does not depend on the number of threads or on timing.
 *
 * <p>An undecodable file raises a {@link DatasetException} naming it ({@link ImageFolder.OnBadFile#FAIL}), or is
 * dropped from its batch and counted ({@link ImageFolder.OnBadFile#SKIP}: that batch is then shorter).
 * {@link #close()} stops the worker threads (they are daemon threads, so an unclosed iterator does not keep the
 * JVM alive).
 */
public final class ImageFolderIterator implements ResumableIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** ImageNet's per-channel mean and standard deviation of RGB values in [0, 1] (torchvision's constants). */
    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406}, IMAGENET_STD = {0.229, 0.224, 0.225};

    /**
     * Iterator settings.
     *
     * @param batchSize images per batch
     * @param shuffle   reshuffle every epoch (seeded)
     * @param seed      seed of shuffling and transforms
     * @param transform crop / resize / flip
     * @param mean      per-channel mean (RGB, values in [0, 1])
     * @param std       per-channel standard deviation
     * @param threads   decoding threads (>= 1)
     * @param prefetch  batches decoded ahead (>= 0)
     * @param dropLast  drop a last short batch
     */
    public record Config(int batchSize, boolean shuffle, long seed, ImageTransform transform, double[] mean, double[] std,
                         int threads, int prefetch, boolean dropLast) {
        /** Validates and copies. */
        public Config {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize = " + batchSize + "; allowed: >= 1");
            if (transform == null) throw new IllegalArgumentException("transform is null; allowed: ImageTransform.training/evaluation");
            if (mean == null || std == null || mean.length != 3 || std.length != 3)
                throw new IllegalArgumentException("mean = " + Arrays.toString(mean) + ", std = " + Arrays.toString(std)
                        + "; allowed: three values each (RGB)");
            for (double s : std) if (!(s > 0)) throw new IllegalArgumentException("std = " + Arrays.toString(std) + "; allowed: entries > 0");
            if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads = " + threads + "; allowed: 1..256");
            if (prefetch < 0 || prefetch > 64) throw new IllegalArgumentException("prefetch = " + prefetch + "; allowed: 0..64");
            mean = mean.clone();
            std = std.clone();
        }

        @Override public double[] mean() { return mean.clone(); }
        @Override public double[] std() { return std.clone(); }

        /** Training: shuffled, random-resized crop + flip to {@code size}, ImageNet normalisation, full batches. */
        public static Config training(int batchSize, long seed, int size, int threads) {
            return new Config(batchSize, true, seed, ImageTransform.training(size), IMAGENET_MEAN, IMAGENET_STD, threads, 2, true);
        }

        /** Evaluation: in order, resize + centre crop to {@code size}, ImageNet normalisation, every image once. */
        public static Config evaluation(int batchSize, int size, int threads) {
            return new Config(batchSize, false, 0, ImageTransform.evaluation(size), IMAGENET_MEAN, IMAGENET_STD, threads, 2, false);
        }
    }

    private final ImageFolder folder;
    private final Config config;
    private final ExecutorService pool;
    private final Map<Integer, List<Future<float[]>>> pending = new HashMap<>();
    private final Set<Path> skipped = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private DataSetPreProcessor preProcessor;
    private int epoch;
    private int batch;
    private int[] order;

    /** An iterator over {@code folder}, positioned at epoch 0, batch 0. */
    public ImageFolderIterator(ImageFolder folder, Config config) {
        if (folder == null) throw new IllegalArgumentException("folder is null");
        if (config == null) throw new IllegalArgumentException("config is null");
        if (config.dropLast() && folder.size() < config.batchSize())
            throw new IllegalArgumentException("batchSize = " + config.batchSize() + " exceeds the " + folder.size()
                    + " images of " + folder.root() + " with dropLast");
        this.folder = folder;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "image-folder-decoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        seek(0, 0);
    }

    /** The folder. */
    public ImageFolder folder() { return folder; }

    /** The settings. */
    public Config config() { return config; }

    /** Undecodable files dropped so far (with {@link ImageFolder.OnBadFile#SKIP}), each counted once. */
    public List<Path> skipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    @Override public int epoch() { return epoch; }

    @Override public int batchInEpoch() { return batch; }

    @Override
    public int batchesPerEpoch() {
        int n = folder.size(), b = config.batchSize();
        return config.dropLast() ? n / b : (n + b - 1) / b;
    }

    @Override
    public void seek(int epoch, int batch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch = " + epoch + "; allowed: >= 0");
        if (batch < 0 || batch > batchesPerEpoch())
            throw new IllegalArgumentException("batch = " + batch + "; allowed: 0.." + batchesPerEpoch());
        if (order == null || this.epoch != epoch) {
            order = config.shuffle() ? ImageDataset.permutation(folder.size(), new SplittableRandom(Seeds.derive(config.seed(), epoch))::nextInt) : ImageDataset.identity(folder.size());
            cancelPending();
        } else if (batch != this.batch) {
            cancelPending();
        }
        this.epoch = epoch;
        this.batch = batch;
    }

    @Override public boolean hasNext() { return batch < batchesPerEpoch(); }

    @Override public DataSet next() { return next(config.batchSize()); }

    /** The next batch; {@code num} must equal the configured batch size (positions must stay resumable). */
    @Override
    public DataSet next(int num) {
        if (num != config.batchSize())
            throw new IllegalArgumentException("num = " + num + "; this iterator only serves its batchSize " + config.batchSize());
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has only " + batchesPerEpoch() + " batches");
        for (int b = batch; b <= Math.min(batch + config.prefetch(), batchesPerEpoch() - 1); b++) submit(b);
        List<Future<float[]>> futures = pending.remove(batch);
        int start = batch * config.batchSize();
        int size = config.transform().size(), per = 3 * size * size, nc = folder.numClasses();
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < futures.size(); k++) {
            float[] x = await(futures.get(k));
            if (x == null) continue;   // skipped bad file
            images.add(x);
            labels.add(folder.label(order[start + k]));
        }
        if (images.isEmpty())
            throw new DatasetException(folder.root(), "every image of batch " + batch + " of epoch " + epoch + " is undecodable: "
                    + skipped());
        batch++;
        if (batch < batchesPerEpoch()) submit(batch);
        float[] x = new float[images.size() * per];
        float[] y = new float[images.size() * nc];
        for (int k = 0; k < images.size(); k++) {
            System.arraycopy(images.get(k), 0, x, k * per, per);
            y[k * nc + labels.get(k)] = 1f;
        }
        DataSet ds = new DataSet(Nd4j.create(x, new long[]{images.size(), 3, size, size}, 'c'),
                Nd4j.create(y, new long[]{images.size(), nc}, 'c'));
        if (preProcessor != null) preProcessor.preProcess(ds);
        return ds;
    }

    /**
     * The first {@code n} images in folder order, transformed as configured with epoch 0's random draws: a fixed
     * probe batch (e.g. for embeddings).
     */
    public INDArray features(int n) {
        if (n < 1 || n > folder.size()) throw new IllegalArgumentException("n = " + n + "; allowed: 1.." + folder.size());
        int size = config.transform().size(), per = 3 * size * size;
        List<Future<float[]>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int idx = i;
            fs.add(pool.submit(() -> decode(idx, 0)));
        }
        List<float[]> ok = new ArrayList<>();
        for (Future<float[]> f : fs) {
            float[] x = await(f);
            if (x != null) ok.add(x);
        }
        float[] x = new float[ok.size() * per];
        for (int k = 0; k < ok.size(); k++) System.arraycopy(ok.get(k), 0, x, k * per, per);
        return Nd4j.create(x, new long[]{ok.size(), 3, size, size}, 'c');
    }

    private void submit(int b) {
        if (pending.containsKey(b)) return;
        int start = b * config.batchSize(), end = Math.min(start + config.batchSize(), folder.size());
        List<Future<float[]>> fs = new ArrayList<>(end - start);
        final int ep = epoch;
        for (int k = start; k < end; k++) {
            final int idx = order[k];
            fs.add(pool.submit(() -> decode(idx, ep)));
        }
        pending.put(b, fs);
    }

    /** Decodes, transforms and normalises image {@code idx}; null when the file is bad and SKIP is on. */
    private float[] decode(int idx, int ep) {
        Path file = folder.file(idx);
        BufferedImage img;
        String why;
        try {
            img = ImageIO.read(file.toFile());
            why = img == null ? "not a readable JPEG or PNG image (ImageIO found no decoder for its content)" : null;
        } catch (IOException | RuntimeException e) {
            img = null;
            why = "cannot decode image: " + e;
        }
        if (img == null) {
            if (folder.onBadFile() == ImageFolder.OnBadFile.FAIL)
                throw new DatasetException(file, why + "; remove the file or scan with OnBadFile.SKIP");
            skipped.add(file);
            return null;
        }
        BufferedImage t = config.transform().apply(img, new SplittableRandom(Seeds.derive(Seeds.derive(config.seed(), ep), idx)));
        int size = config.transform().size(), hw = size * size;
        int[] rgb = t.getRGB(0, 0, size, size, null, 0, size);
        float[] out = new float[3 * hw];
        double[] mean = config.mean, std = config.std;
        for (int c = 0; c < 3; c++) {
            float scale = (float) (1.0 / (255.0 * std[c])), shift = (float) (-mean[c] / std[c]);
            int sh = 16 - 8 * c;
            for (int p = 0; p < hw; p++) out[c * hw + p] = ((rgb[p] >> sh) & 0xFF) * scale + shift;
        }
        return out;
    }

    private static float[] await(Future<float[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatasetException d) throw new DatasetException(d.file(), stripFile(d), d);
            throw new IllegalStateException("decoding failed: " + e.getCause(), e.getCause());
        }
    }

    private static String stripFile(DatasetException d) {
        String m = d.getMessage(), prefix = d.file() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private void cancelPending() {
        for (List<Future<float[]>> fs : pending.values()) for (Future<float[]> f : fs) f.cancel(false);
        pending.clear();
    }

    @Override public int inputColumns() { return 3 * config.transform().size() * config.transform().size(); }

    @Override public int totalOutcomes() { return folder.numClasses(); }

    @Override public int batch() { return config.batchSize(); }

    @Override public void setPreProcessor(DataSetPreProcessor p) { this.preProcessor = p; }

    @Override public DataSetPreProcessor getPreProcessor() { return preProcessor; }

    @Override public List<String> getLabels() { return folder.classes(); }

    /** Stops the decoding threads. */
    @Override
    public void close() {
        cancelPending();
        pool.shutdownNow();
    }
}
