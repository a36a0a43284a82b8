package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.function.Executable;

/**
 * Property tests of {@link ImageDataset}, the in-memory form every reader returns: random shapes, labels and pixel
 * arrays, with wrong lengths, out-of-range labels, non-positive or huge dimensions, and out-of-range indices and
 * pixel coordinates. Each try must give exactly the pixels and labels it was built from (and subsets of the right
 * shape) or an {@link IllegalArgumentException} naming the argument.
 */
class ImageDatasetPropertyTest {

    /** Construction from random or malformed arrays: a dataset whose every pixel and label is the one given, or a clear error. */
    @Property(tries = 500, seed = "31", whenFixedSeed = FixedSeedMode.ALLOW)
    void construction(@ForAll @IntRange(min = 1, max = 4) int channelCount, @ForAll @IntRange(min = 1, max = 5) int height,
                      @ForAll @IntRange(min = 1, max = 5) int width, @ForAll @IntRange(min = 0, max = 6) int n,
                      @ForAll @IntRange(min = 1, max = 5) int classes, @ForAll @IntRange(min = 0, max = 6) int defect,
                      @ForAll long seed) {
        Random r = new Random(seed);
        // defect: 0-2 none, 3 a non-positive channel count, 4 numClasses <= 0, 5 pixel array of the wrong length,
        // 6 a label out of range
        int channels = defect == 3 ? -r.nextInt(2) : channelCount;
        int numClasses = defect == 4 ? -r.nextInt(2) : classes;
        long per = (long) Math.max(channels, 0) * height * width;
        int pixelError = defect == 5 ? (r.nextBoolean() ? 1 + r.nextInt(3) : -1 - r.nextInt(3)) : 0;
        byte[] px = new byte[(int) Math.max(0, per * n + pixelError)];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = numClasses > 0 ? r.nextInt(numClasses) : 0;
        boolean labelOut = defect == 6 && n > 0;
        if (labelOut) labels[r.nextInt(n)] = r.nextBoolean() ? -1 : Math.max(numClasses, 0) + r.nextInt(3);
        String expected = channels <= 0 || height <= 0 ? "channels, height, width"
                : numClasses <= 0 ? "numClasses"
                : px.length != per * n ? "pixels"
                : labelOut ? "labels[" : null;
        Statistics.label("outcome").collect(expected == null ? "valid" : "rejected: " + expected);
        if (expected != null) {
            assertRejected(() -> new ImageDataset("t", px, labels, numClasses, channels, height, width), expected);
            return;
        }
        ImageDataset ds = new ImageDataset("t", px, labels, numClasses, channels, height, width);
        assertEquals(n, ds.size());
        assertEquals(per, ds.imageSize());
        for (int i = 0; i < n; i++) {
            assertEquals(labels[i], ds.label(i));
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        assertEquals(px[(int) (i * per) + (c * height + y) * width + x] & 0xFF, ds.pixel(i, c, y, x));
        }
        int[] counts = ds.classCounts();
        assertEquals(n, java.util.Arrays.stream(counts).sum());
        // the dataset copied its inputs: changing them later changes nothing
        if (n > 0) {
            int before = ds.pixel(0, 0, 0, 0);
            px[0]++;
            assertEquals(before, ds.pixel(0, 0, 0, 0));
        }
    }

    /** Index and coordinate arguments in and out of range; subsets, heads and balanced subsets of the right shape. */
    @Property(tries = 500, seed = "32", whenFixedSeed = FixedSeedMode.ALLOW)
    void accessAndSubsets(@ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 1, max = 4) int side,
                          @ForAll @IntRange(min = 1, max = 8) int n, @ForAll @IntRange(min = 1, max = 3) int numClasses,
                          @ForAll @IntRange(min = 0, max = 3) int indexMode, @ForAll @IntRange(min = 0, max = 3) int coordinateMode,
                          @ForAll @IntRange(min = -1, max = 4) int perClass, @ForAll long seed) {
        Random r = new Random(seed);
        // modes 0: below range, 1: above range, 2-3: in range
        int index = indexMode == 0 ? -1 - r.nextInt(3) : indexMode == 1 ? n + r.nextInt(3) : r.nextInt(n);
        int bound = Math.min(channels, side);
        int coordinate = coordinateMode == 0 ? -1 - r.nextInt(3) : coordinateMode == 1 ? bound + r.nextInt(3) : r.nextInt(bound);
        byte[] px = new byte[n * channels * side * side];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(numClasses);
        ImageDataset ds = new ImageDataset("t", px, labels, numClasses, channels, side, side);
        boolean indexOk = index >= 0 && index < n;
        boolean coordOk = coordinate >= 0 && coordinate < Math.min(channels, side);
        Statistics.label("pixel(i, c, y, x)").collect(!indexOk ? "index out of range" : !coordOk ? "coordinate out of range" : "in range");
        if (!indexOk) {
            assertRejected(() -> ds.pixel(index, 0, 0, 0), "index = " + index);
            assertRejected(() -> ds.label(index), "index = " + index);
        } else if (!coordOk) {
            assertRejected(() -> ds.pixel(index, coordinate, coordinate, coordinate), "pixel (c, y, x)");
        } else {
            int c = coordinate, y = coordinate, x = coordinate;
            assertEquals(px[((index * channels + c) * side + y) * side + x] & 0xFF, ds.pixel(index, c, y, x));
        }
        // subsets: random indices, some possibly out of range
        int[] idx = new int[r.nextInt(6)];
        boolean idxOk = true;
        for (int k = 0; k < idx.length; k++) {
            idx[k] = r.nextInt(n + 2) - 1;
            idxOk &= idx[k] >= 0 && idx[k] < n;
        }
        if (idxOk) {
            ImageDataset sub = ds.subset(idx);
            assertEquals(idx.length, sub.size());
            assertEquals(ds.imageSize(), sub.imageSize());
            for (int k = 0; k < idx.length; k++) {
                assertEquals(ds.label(idx[k]), sub.label(k));
                assertEquals(ds.pixel(idx[k], channels - 1, side - 1, side - 1), sub.pixel(k, channels - 1, side - 1, side - 1));
            }
        } else {
            assertRejected(() -> ds.subset(idx), "indices[");
        }
        int h = r.nextInt(n + 3) - 1;
        if (h >= 0 && h <= n) assertEquals(h, ds.head(h).size());
        else assertRejected(() -> ds.head(h), "n = " + h);
        if (h >= 0 && h <= n) assertEquals(h, ds.randomSubset(h, seed).size());
        else assertRejected(() -> ds.randomSubset(h, seed), "n = " + h);
        int[] counts = ds.classCounts();
        int fewest = java.util.Arrays.stream(counts).min().orElse(0);
        if (perClass < 0) {
            assertRejected(() -> ds.balancedSubset(perClass, seed), "perClass");
        } else if (perClass > fewest) {
            assertRejected(() -> ds.balancedSubset(perClass, seed), "perClass = " + perClass);
        } else {
            ImageDataset b = ds.balancedSubset(perClass, seed);
            assertEquals(perClass * numClasses, b.size());
            for (int cnt : b.classCounts()) assertEquals(perClass, cnt);
        }
    }

    /** Huge image shapes (c·h·w beyond one array) with no images: a clear error, not an overflowed imageSize. */
    @Example
    void imagesTooLargeForOneArrayAreRejected() {
        assertRejected(() -> new ImageDataset("t", new byte[0], new int[0], 1, 2048, 2048, 2048), "bytes per image");
        assertRejected(() -> new ImageDataset("t", new byte[0], new int[0], 1, 1, 65536, 32768), "bytes per image");
        ImageDataset ok = new ImageDataset("t", new byte[0], new int[0], 1, 3, 32, 32);
        assertEquals(0, ok.size());
        assertArrayEquals(new int[0], ok.labels());
        assertRejected(() -> ok.subset(null), "indices");
    }

    private static void assertRejected(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message lacks '" + fragment + "': " + e.getMessage());
    }
}
