package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ImageFolderTest {
    @TempDir Path tmp;
    Path train;

    /** A w×h image: left half red, right half blue for class "a"; green gradient for "b". */
    static BufferedImage image(int w, int h, boolean a, int shade) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int x = 0; x < w; x++) {
            g.setColor(a ? (x < w / 2 ? new Color(220, 20, shade) : new Color(20, 20, 220)) : new Color(shade, 10 + 200 * x / w, 30));
            g.drawLine(x, 0, x, h - 1);
        }
        g.dispose();
        return img;
    }

    @BeforeEach
    void tree() throws IOException {
        train = tmp.resolve("train");
        Path a = Files.createDirectories(train.resolve("b_zebra")), b = Files.createDirectories(train.resolve("a_ant"));
        for (int i = 0; i < 5; i++) ImageIO.write(image(40 + 3 * i, 30 + 2 * i, true, 10 * i), "jpg", b.resolve("img" + i + ".jpg").toFile());
        ImageIO.write(image(33, 47, true, 99), "png", b.resolve("extra.PNG").toFile());
        for (int i = 0; i < 4; i++) ImageIO.write(image(36, 36, false, 20 * i), "jpg", a.resolve("z" + i + ".JPEG").toFile());
        BufferedImage grey = new BufferedImage(20, 25, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(grey, "png", a.resolve("grey.png").toFile());
        Files.writeString(a.resolve("notes.txt"), "not an image");
        Files.createDirectories(train.resolve("c_empty_class"));
    }

    void addBadFiles() throws IOException {
        Files.write(train.resolve("a_ant").resolve("corrupt.jpg"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Files.write(train.resolve("b_zebra").resolve("empty.jpeg"), new byte[0]);
    }

    @Test
    void scanSortsClassesAndFiles() {
        ImageFolder f = ImageFolder.scan(train, ImageFolder.OnBadFile.FAIL);
        assertEquals(List.of("a_ant", "b_zebra", "c_empty_class"), f.classes());
        assertEquals(11, f.size(), "6 in a_ant, 5 in b_zebra (jpg, JPEG, png, PNG; not txt)");
        assertEquals("extra.PNG", f.file(0).getFileName().toString());
        assertEquals(0, f.label(5));
        assertEquals(1, f.label(6));
        assertEquals("grey.png", f.file(6).getFileName().toString());
    }

    @Test
    void batchesAreDeterministicAndIndependentOfThreads() {
        ImageFolder f = ImageFolder.scan(train, ImageFolder.OnBadFile.FAIL);
        DataSet one, four, again;
        try (var it1 = new ImageFolderIterator(f, ImageFolderIterator.Config.training(4, 7, 16, 1));
             var it4 = new ImageFolderIterator(f, ImageFolderIterator.Config.training(4, 7, 16, 4))) {
            assertEquals(2, it1.batchesPerEpoch());
            one = it1.next();
            four = it4.next();
            assertArrayEquals(new long[]{4, 3, 16, 16}, one.getFeatures().shape());
            assertEquals(one.getFeatures(), four.getFeatures());
            assertEquals(one.getLabels(), four.getLabels());
            it1.seek(0, 0);
            again = it1.next();
            assertEquals(one.getFeatures(), again.getFeatures(), "seek reproduces the batch");
            it1.seek(1, 0);
            assertNotEquals(one.getFeatures(), it1.next().getFeatures(), "another epoch draws other crops / order");
        }
    }

    @Test
    void evaluationIsInOrderAndCentreCropped() {
        ImageFolder f = ImageFolder.scan(train, ImageFolder.OnBadFile.FAIL);
        try (var it = new ImageFolderIterator(f, ImageFolderIterator.Config.evaluation(5, 8, 2))) {
            assertEquals(3, it.batchesPerEpoch());
            DataSet a = it.next(), b = it.next(), c = it.next();
            assertEquals(5, a.numExamples());
            assertEquals(1, c.numExamples());
            // labels in folder order: 6 of class 0, then 5 of class 1
            assertEquals(0, a.getLabels().getRow(4).argMax().getInt(0));
            assertEquals(1, b.getLabels().getRow(1).argMax().getInt(0));
            assertEquals(3, a.getLabels().columns(), "one-hot over all class folders");
            // grey image -> equal RGB channels
            INDArray grey = b.getFeatures().slice(1);  // image 6 = grey.png
            double r = grey.getDouble(0, 4, 4) * 0.229 + 0.485, g = grey.getDouble(1, 4, 4) * 0.224 + 0.456;
            assertEquals(r, g, 1e-5);
            assertEquals(c.getFeatures(), it.features(11).slice(10).reshape(1, 3, 8, 8));
        }
    }

    @Test
    void randomResizedCropStaysInsideAndFlipMirrors() {
        ImageTransform t = ImageTransform.training(8);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            int[] c = t.randomCrop(50, 20, rng);
            assertTrue(c[0] >= 0 && c[1] >= 0 && c[2] >= 1 && c[3] >= 1 && c[0] + c[2] <= 50 && c[1] + c[3] <= 20);
        }
        BufferedImage img = image(20, 20, true, 0);   // left red, right blue
        ImageTransform noRandom = new ImageTransform(10, false, 1, false, 10);
        ImageTransform flipOnly = new ImageTransform(10, false, 1, true, 10);
        BufferedImage plain = noRandom.apply(img, new SplittableRandom(3));
        assertTrue(((plain.getRGB(1, 5) >> 16) & 0xFF) > 150, "red on the left");
        boolean sawFlip = false;
        for (long s = 0; s < 20 && !sawFlip; s++) {
            BufferedImage o = flipOnly.apply(img, new SplittableRandom(s));
            sawFlip = ((o.getRGB(1, 5) >> 16) & 0xFF) < 100 && (o.getRGB(1, 5) & 0xFF) > 150;
        }
        assertTrue(sawFlip, "some seed flips blue to the left");
    }

    @Test
    void emptyFileFailsByNameOrIsSkippedAndCounted() throws IOException {
        addBadFiles();
        var ex = assertThrows(DatasetException.class, () -> ImageFolder.scan(train, ImageFolder.OnBadFile.FAIL));
        assertTrue(ex.getMessage().contains("empty.jpeg") && ex.getMessage().contains("empty image file"), ex.getMessage());
        ImageFolder f = ImageFolder.scan(train, ImageFolder.OnBadFile.SKIP);
        assertEquals(1, f.skippedEmpty().size());
        assertEquals(12, f.size(), "the corrupt file is only found when decoded");
    }

    @Test
    void corruptFileFailsByNameOrIsSkippedAndCounted() throws IOException {
        addBadFiles();
        Files.delete(train.resolve("b_zebra").resolve("empty.jpeg"));
        ImageFolder failing = ImageFolder.scan(train, ImageFolder.OnBadFile.FAIL);
        try (var it = new ImageFolderIterator(failing, ImageFolderIterator.Config.evaluation(12, 8, 3))) {
            var ex = assertThrows(DatasetException.class, it::next);
            assertTrue(ex.getMessage().contains("corrupt.jpg"), ex.getMessage());
            assertTrue(ex.file().endsWith("corrupt.jpg"));
        }
        ImageFolder skipping = ImageFolder.scan(train, ImageFolder.OnBadFile.SKIP);
        try (var it = new ImageFolderIterator(skipping, ImageFolderIterator.Config.evaluation(12, 8, 3))) {
            DataSet ds = it.next();
            assertEquals(11, ds.numExamples());
            assertEquals(1, it.skipped().size());
            assertTrue(it.skipped().get(0).endsWith("corrupt.jpg"));
            it.seek(0, 0);
            it.next();
            assertEquals(1, it.skipped().size(), "counted once");
        }
    }

    @Test
    void rejectsBadArguments() {
        var ex = assertThrows(IllegalArgumentException.class, () -> ImageFolder.scan(tmp.resolve("nope"), ImageFolder.OnBadFile.FAIL));
        assertTrue(ex.getMessage().contains("nope"));
        ex = assertThrows(IllegalArgumentException.class, () -> ImageFolder.scan(train.resolve("c_empty_class"), ImageFolder.OnBadFile.FAIL));
        assertTrue(ex.getMessage().contains("no image files"));
        ex = assertThrows(IllegalArgumentException.class, () -> new ImageTransform(8, true, 0, true, 8));
        assertTrue(ex.getMessage().contains("minScale = 0.0"));
        ex = assertThrows(IllegalArgumentException.class, () -> ImageFolderIterator.Config.training(4, 1, 8, 0));
        assertTrue(ex.getMessage().contains("threads = 0"));
    }
}
