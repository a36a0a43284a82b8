package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir Path dir;

    @Test
    void readsGeneratedGzipIdxFiles() throws IOException {
        DataFiles.Generated g = DataFiles.fashion(dir, "train", 7, 1);
        ImageDataset d = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        assertEquals(7, d.size());
        assertEquals(1, d.channels());
        assertEquals(28, d.height());
        assertEquals(10, d.numClasses());
        for (int i = 0; i < 7; i++) {
            assertEquals(g.labels()[i], d.label(i));
            for (int y = 0; y < 28; y += 5) {
                for (int x = 0; x < 28; x += 3) assertEquals(g.pixels()[i * 784 + y * 28 + x] & 0xFF, d.pixel(i, 0, y, x));
            }
        }
    }

    @Test
    void readsUncompressedFilesToo() throws IOException {
        byte[] px = new byte[2 * 784];
        px[785] = (byte) 200;
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), DataFiles.idx(new int[]{2, 28, 28}, px));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), DataFiles.idx(new int[]{2}, new byte[]{3, 9}));
        ImageDataset d = FashionMnist.load(dir, FashionMnist.Split.TEST);
        assertEquals(9, d.label(1));
        assertEquals(200, d.pixel(1, 0, 0, 1));
    }

    @Test
    void missingFilesNameTheDebianPackageAndTheFetchScript() {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir.resolve("nowhere"), FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("fetch_fashion_mnist.sh"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedWithTheFile() throws IOException {
        DataFiles.fashion(dir, "train", 20, 2);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] b = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(b, b.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertEquals(images, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fewerDataBytesThanTheHeaderPromisesIsTruncation() throws IOException {
        DataFiles.fashion(dir, "train", 3, 3);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        // A valid gzip stream whose IDX header says 3 images but holds 2.5.
        Files.write(images, DataFiles.gzip(DataFiles.idx(new int[]{3, 28, 28}, new byte[784 * 2 + 392])));
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("2352"), e.getMessage());
    }

    @Test
    void corruptHeadersAndLabelsAreRejected() throws IOException {
        DataFiles.fashion(dir, "train", 4, 4);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");

        byte[] raw = DataFiles.idx(new int[]{4, 28, 28}, new byte[4 * 784]);
        raw[0] = 0x12; // bad magic
        Files.write(images, DataFiles.gzip(raw));
        assertMessage(images, "magic");

        Files.write(images, new byte[]{1, 2, 3, 4, 5, 6, 7, 8}); // not gzip at all
        assertMessage(images, "gzip");

        Files.write(images, DataFiles.gzip(DataFiles.idx(new int[]{4, 28}, new byte[4 * 28]))); // wrong rank
        assertMessage(images, "dimensions");

        Files.write(images, DataFiles.gzip(DataFiles.idx(new int[]{4, 28, 28}, new byte[4 * 784 + 5]))); // trailing bytes
        assertMessage(images, "extra bytes");

        Files.write(images, DataFiles.gzip(DataFiles.idx(new int[]{4, 28, 28}, new byte[4 * 784])));
        Files.write(labels, DataFiles.gzip(DataFiles.idx(new int[]{3}, new byte[]{1, 2, 3}))); // count mismatch
        assertMessage(labels, "3 labels");

        Files.write(labels, DataFiles.gzip(DataFiles.idx(new int[]{4}, new byte[]{1, 2, 10, 3}))); // label 10
        assertMessage(labels, "label 2 is 10");
    }

    private void assertMessage(Path file, String fragment) {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void directoryLookupPrefersTheSystemProperty() {
        String old = System.getProperty(FashionMnist.PROPERTY);
        try {
            System.setProperty(FashionMnist.PROPERTY, dir.toString());
            assertEquals(dir, FashionMnist.defaultDirectory());
        } finally {
            if (old == null) System.clearProperty(FashionMnist.PROPERTY);
            else System.setProperty(FashionMnist.PROPERTY, old);
        }
    }

    /** The real test split, where Debian's dataset-fashion-mnist is installed: 10 000 images, 1 000 per class. */
    @Test
    void realTestSplitWhenInstalled() {
        Path debian = Paths.get(FashionMnist.DEBIAN_DIR);
        assumeTrue(Files.isRegularFile(debian.resolve("t10k-images-idx3-ubyte.gz")), "dataset-fashion-mnist not installed");
        ImageDataset d = FashionMnist.load(debian, FashionMnist.Split.TEST);
        assertEquals(10_000, d.size());
        int[] counts = d.classCounts();
        for (int c : counts) assertEquals(1000, c);
    }
}
