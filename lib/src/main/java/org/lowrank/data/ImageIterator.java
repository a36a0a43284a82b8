package org.lowrank.data;

import org.lowrank.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J iterator over an {@link ImageDataset}: NCHW float features (normalised) and one-hot labels, seeded
 * per-epoch shuffling and per-image augmentation. Batch {@code b} of epoch {@code e} depends only on
 * (seed, e, b), so runs are reproducible and resumable ({@link #seek}). The last batch of an epoch may be short
 * unless {@code dropLast}.
 */
public final class ImageIterator implements ResumableIterator {
    private static final long serialVersionUID = 1L;

    /**
     * Iterator settings.
     *
     * @param batchSize     images per batch (> 0)
     * @param shuffle       reshuffle every epoch with a permutation derived from (seed, epoch)
     * @param seed          seed of shuffling and augmentation
     * @param augmentation  pad-and-crop / flip ({@link Augmentation#none()} for evaluation)
     * @param normalization pixel normalisation
     * @param dropLast      drop a last short batch
     */
    public record Config(int batchSize, boolean shuffle, long seed, Augmentation augmentation,
                         Normalization normalization, boolean dropLast) {
        /** Validates. */
        public Config {
            if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
            if (augmentation == null) throw new IllegalArgumentException("augmentation must not be null (use Augmentation.none())");
            if (normalization == null) throw new IllegalArgumentException("normalization must not be null (use Normalization.unit())");
        }

        /** Training: shuffled, augmented, full batches only. */
        public static Config training(int batchSize, long seed, Augmentation augmentation, Normalization normalization) {
            return new Config(batchSize, true, seed, augmentation, normalization, true);
        }

        /** Evaluation: in order, no augmentation, every image once. */
        public static Config evaluation(int batchSize, Normalization normalization) {
            return new Config(batchSize, false, 0L, Augmentation.none(), normalization, false);
        }
    }

    private final ImageDataset data;
    private final Config config;
    private DataSetPreProcessor preProcessor;
    private int epoch;
    private int batch;
    private int[] order;

    /** An iterator over {@code data} with {@code config}, positioned at epoch 0, batch 0. */
    public ImageIterator(ImageDataset data, Config config) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        if (config == null) throw new IllegalArgumentException("config must not be null");
        int nc = config.normalization().mean().length;
        if (nc != 1 && nc != data.channels()) {
            throw new IllegalArgumentException("normalization has " + nc + " channels, data has " + data.channels());
        }
        if (config.dropLast() && data.size() < config.batchSize()) {
            throw new IllegalArgumentException("batchSize = " + config.batchSize() + " exceeds the " + data.size()
                    + " images of " + data.name() + " with dropLast");
        }
        this.data = data;
        this.config = config;
        seek(0, 0);
    }

    /** The dataset. */
    public ImageDataset data() { return data; }

    /** The settings. */
    public Config config() { return config; }

    @Override public int epoch() { return epoch; }

    @Override public int batchInEpoch() { return batch; }

    @Override
    public int batchesPerEpoch() {
        int n = data.size(), b = config.batchSize();
        return config.dropLast() ? n / b : (n + b - 1) / b;
    }

    @Override
    public void seek(int epoch, int batch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        if (batch < 0 || batch > batchesPerEpoch()) {
            throw new IllegalArgumentException("batch = " + batch + ", allowed 0.." + batchesPerEpoch());
        }
        if (this.order == null || this.epoch != epoch) {
            this.order = config.shuffle() ? ImageDataset.permutation(data.size(), new Random(Seeds.derive(config.seed(), epoch))::nextInt)
                    : ImageDataset.identity(data.size());
        }
        this.epoch = epoch;
        this.batch = batch;
    }

    @Override
    public boolean hasNext() {
        return batch < batchesPerEpoch();
    }

    @Override
    public DataSet next() {
        return next(config.batchSize());
    }

    /** The next batch; {@code num} must equal the configured batch size (positions must stay resumable). */
    @Override
    public DataSet next(int num) {
        if (num != config.batchSize()) {
            throw new IllegalArgumentException("num = " + num + "; this iterator only serves its batchSize " + config.batchSize());
        }
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has only " + batchesPerEpoch() + " batches");
        int start = batch * config.batchSize();
        int end = Math.min(start + config.batchSize(), data.size());
        int b = end - start;
        int c = data.channels(), h = data.height(), w = data.width(), hw = h * w;
        float[] x = new float[b * c * hw];
        float[] y = new float[b * data.numClasses()];
        byte[] px = data.rawPixels();
        Augmentation aug = config.augmentation();
        Normalization norm = config.normalization();
        for (int k = 0; k < b; k++) {
            int idx = order[start + k];
            y[k * data.numClasses() + data.rawLabel(idx)] = 1f;
            int dy = 0, dx = 0;
            boolean flip = false;
            if (aug.active()) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(Seeds.derive(config.seed(), epoch), idx));
                if (aug.pad() > 0) {
                    dy = rng.nextInt(2 * aug.pad() + 1) - aug.pad();
                    dx = rng.nextInt(2 * aug.pad() + 1) - aug.pad();
                }
                flip = aug.flip() && rng.nextBoolean();
            }
            for (int ch = 0; ch < c; ch++) {
                float scale = norm.scale(ch), shift = norm.shift(ch);
                int src = (idx * c + ch) * hw, dst = (k * c + ch) * hw;
                for (int r = 0; r < h; r++) {
                    int sr = r + dy;
                    for (int col = 0; col < w; col++) {
                        int sc = (flip ? w - 1 - col : col) + dx;
                        int v = (sr < 0 || sr >= h || sc < 0 || sc >= w) ? 0 : (px[src + sr * w + sc] & 0xFF);
                        x[dst + r * w + col] = v * scale + shift;
                    }
                }
            }
        }
        batch++;
        INDArray features = Nd4j.create(x, new long[]{b, c, h, w}, 'c');
        INDArray labels = Nd4j.create(y, new long[]{b, data.numClasses()}, 'c');
        DataSet ds = new DataSet(features, labels);
        if (preProcessor != null) preProcessor.preProcess(ds);
        return ds;
    }

    @Override public int inputColumns() { return data.imageSize(); }

    @Override public int totalOutcomes() { return data.numClasses(); }

    @Override public int batch() { return config.batchSize(); }

    @Override public void setPreProcessor(DataSetPreProcessor preProcessor) { this.preProcessor = preProcessor; }

    @Override public DataSetPreProcessor getPreProcessor() { return preProcessor; }

    @Override
    public List<String> getLabels() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < data.numClasses(); i++) l.add(Integer.toString(i));
        return l;
    }
}
