package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    @TempDir Path root;

    @Test
    void readsCifar10TrainingBatchesInOrder() throws IOException {
        Path dir = root.resolve("cifar-10-batches-bin");
        DataFiles.Generated[] g = new DataFiles.Generated[5];
        for (int i = 1; i <= 5; i++) g[i - 1] = DataFiles.cifar(dir.resolve("data_batch_" + i + ".bin"), 3, 1, i);
        DataFiles.cifar(dir.resolve("test_batch.bin"), 4, 1, 9);
        ImageDataset train = Cifar.load(root, Cifar.Variant.CIFAR10, true);
        ImageDataset test = Cifar.load(root, Cifar.Variant.CIFAR10, false);
        assertEquals(15, train.size());
        assertEquals(4, test.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.width());
        // image 4 = batch 2, record 1; pixel (c=2, y=5, x=7) is byte 2*1024 + 5*32 + 7 of the record's pixels
        assertEquals(g[1].labels()[1], train.label(4));
        assertEquals(g[1].pixels()[3072 + 2 * 1024 + 5 * 32 + 7] & 0xFF, train.pixel(4, 2, 5, 7));
        assertEquals(g[4].pixels()[2 * 3072 + 31 * 32 + 31] & 0xFF, train.pixel(14, 0, 31, 31));
    }

    @Test
    void readsCifar100FineAndCoarseLabels() throws IOException {
        Path dir = root.resolve("cifar-100-binary");
        DataFiles.Generated g = DataFiles.cifar(dir.resolve("train.bin"), 120, 2, 5);
        ImageDataset fine = Cifar.load(root, Cifar.Variant.CIFAR100, true);
        ImageDataset coarse = Cifar.load(root, Cifar.Variant.CIFAR100_COARSE, true);
        assertEquals(100, fine.numClasses());
        assertEquals(20, coarse.numClasses());
        assertEquals(110 % 100, fine.label(110));
        assertEquals(110 % 20, coarse.label(110));
        assertEquals(g.pixels()[110 * 3072 + 1000] & 0xFF, fine.pixel(110, 0, 1000 / 32, 1000 % 32));
    }

    @Test
    void truncatedFileIsRejectedNamingTheFileAndTheRecordSize() throws IOException {
        Path f = root.resolve("cifar-100-binary/test.bin");
        DataFiles.cifar(f, 3, 2, 1);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar.load(root, Cifar.Variant.CIFAR100, false));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains("3074") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptLabelAnywhereRejectsTheWholeLoad() throws IOException {
        Path a = root.resolve("a.bin"), b = root.resolve("b.bin");
        DataFiles.cifar(a, 2, 1, 1);
        DataFiles.cifar(b, 5, 1, 2);
        byte[] bytes = Files.readAllBytes(b);
        bytes[3 * 3073] = 10; // record 3 label out of 0..9
        Files.write(b, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar.read("x", Cifar.Variant.CIFAR10, List.of(a, b)));
        assertEquals(b, e.file());
        assertTrue(e.getMessage().contains("record 3") && e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreClearErrors() throws IOException {
        Path dir = root.resolve("cifar-100-binary");
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.bin"), new byte[0]);
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar.load(root, Cifar.Variant.CIFAR100, true));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> Cifar.load(root, Cifar.Variant.CIFAR10, true));
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("fetch_cifar.sh"), e.getMessage());
    }
}
