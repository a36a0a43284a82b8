package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Property tests of the CIFAR binary reader ({@link Cifar#read}): 1–3 files of 0–3 records of every variant, with
 * random truncation, padding, out-of-range labels and (as examples) files too large for one array. Each try must
 * return exactly the records written or throw a {@link DatasetException} naming the file at fault, within a time
 * limit and, for an oversized file, before allocating anything in proportion to its size.
 */
class CifarPropertyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final ScratchFiles FILES = new ScratchFiles("cifar-property");

    private static Path newFile() {
        return FILES.newFile(".bin");
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        FILES.removeAll();
    }

    private static <T> T within(ThrowingSupplier<T> s) {
        return assertTimeoutPreemptively(LIMIT, s);
    }

    /**
     * Random CIFAR-10/100/100-coarse batches, each file valid, or cut/padded by a random number of bytes, or with one
     * label byte out of its range: the concatenated records, or a DatasetException naming the first bad file.
     */
    @Property(tries = 300, seed = "21", whenFixedSeed = FixedSeedMode.ALLOW)
    void randomBatches(@ForAll @IntRange(min = 0, max = 2) int variantIndex, @ForAll @IntRange(min = 1, max = 3) int fileCount,
                       @ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int corruption) throws IOException {
        Cifar.Variant variant = Cifar.Variant.values()[variantIndex];
        int labelBytes = variant == Cifar.Variant.CIFAR10 ? 1 : 2;
        int rec = variant.recordBytes();
        Random r = new Random(seed);
        List<Path> files = new ArrayList<>();
        List<DataFiles.Generated> written = new ArrayList<>();
        // The reader checks every file's length before it reads any label: a size fault anywhere wins over a label
        // fault, and the first file with a fault of the winning kind is the one named.
        Path sizeFault = null, labelFault = null;
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            int n = r.nextInt(4);
            Path f = newFile();
            DataFiles.Generated g = n == 0 ? new DataFiles.Generated(new byte[0], new byte[0]) : DataFiles.cifar(f, n, labelBytes, r.nextLong());
            if (n == 0) Files.write(f, new byte[0]);
            files.add(f);
            written.add(g);
            if (n == 0) {
                kinds.add("empty file");
                if (sizeFault == null) sizeFault = f;
                continue;
            }
            if (corruption < 1 || corruption > 3 || !r.nextBoolean()) continue;
            byte[] b = Files.readAllBytes(f);
            if (corruption == 1) {
                int cut = r.nextInt(b.length);
                if (cut > 0 && cut % rec == 0) cut--;          // a whole number of records would be a valid file
                Files.write(f, Arrays.copyOf(b, cut));
                kinds.add(cut == 0 ? "empty file" : "truncated");
                if (sizeFault == null) sizeFault = f;
            } else if (corruption == 2) {
                Files.write(f, Arrays.copyOf(b, b.length + 1 + r.nextInt(rec - 1)));
                kinds.add("padded by a partial record");
                if (sizeFault == null) sizeFault = f;
            } else {
                int record = r.nextInt(b.length / rec), k = r.nextInt(labelBytes);
                int limit = labelBytes == 1 ? 10 : (k == 0 ? 20 : 100);
                b[record * rec + k] = (byte) (limit + r.nextInt(256 - limit));
                Files.write(f, b);
                kinds.add("label out of range");
                if (labelFault == null) labelFault = f;
            }
        }
        Path atFault = sizeFault != null ? sizeFault : labelFault;
        String kind = kinds.isEmpty() ? "valid" : String.join(" + ", kinds.stream().distinct().sorted().toList());
        Statistics.label("files").collect(kind);
        if (atFault == null) {
            ImageDataset ds = within(() -> Cifar.read("p", variant, files));
            int k = 0;
            for (DataFiles.Generated g : written) {
                for (int i = 0; i < g.pixels().length / Cifar.IMAGE_BYTES; i++, k++) {
                    assertEquals(g.labels()[i * labelBytes + (labelBytes == 2 && variant == Cifar.Variant.CIFAR100 ? 1 : 0)] & 0xFF, ds.label(k));
                    int p = r.nextInt(Cifar.IMAGE_BYTES);
                    assertEquals(g.pixels()[i * Cifar.IMAGE_BYTES + p] & 0xFF, ds.pixel(k, p / 1024, (p % 1024) / 32, p % 32));
                }
            }
            assertEquals(k, ds.size());
            assertEquals(3 * 32 * 32, ds.imageSize());
        } else {
            Path expected = atFault;
            DatasetException e = assertThrows(DatasetException.class, () -> within(() -> Cifar.read("p", variant, files)));
            assertEquals(expected, e.file(), e.getMessage());
            assertTrue(e.getMessage().startsWith(expected.toString()), e.getMessage());
        }
        for (Path f : files) Files.deleteIfExists(f);
    }

    /**
     * Sparse files of 3·2^30 bytes (a whole number of CIFAR-10 records) and of 2^31 + 1 bytes: rejected naming the
     * file, before reading them and with small allocation (the old reader read the file whole).
     */
    @Example
    void filesTooLargeForOneArrayAreRejectedBeforeReading() throws IOException {
        for (long length : new long[]{3073L * 1_000_000L, (1L << 31) + 1}) {
            Path f = newFile();
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(length);   // sparse: no disk space used
            }
            long allocated = within(() -> {
                var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long before = mx.getCurrentThreadAllocatedBytes();
                DatasetException e = assertThrows(DatasetException.class, () -> Cifar.read("big", Cifar.Variant.CIFAR10, List.of(f)));
                assertEquals(f, e.file());
                assertTrue(e.getMessage().contains(length % 3073 == 0 ? "too large" : "not a multiple"), e.getMessage());
                return mx.getCurrentThreadAllocatedBytes() - before;
            });
            assertTrue(allocated < (1 << 20), "allocated " + allocated + " bytes");
            Files.delete(f);
        }
    }

    @Example
    void badArgumentsAreIllegalArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar.read("x", null, List.of(newFile())));
        assertTrue(e.getMessage().contains("variant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cifar.read("x", Cifar.Variant.CIFAR10, List.of()));
        assertTrue(e.getMessage().contains("files"), e.getMessage());
        List<Path> withNull = new ArrayList<>();
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class, () -> Cifar.read("x", Cifar.Variant.CIFAR10, withNull));
        assertTrue(e.getMessage().contains("files[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cifar.load(null, Cifar.Variant.CIFAR10, true));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
        DatasetException d = assertThrows(DatasetException.class, () -> Cifar.read("x", Cifar.Variant.CIFAR10, List.of(newFile())));
        assertTrue(d.getMessage().contains("cannot read"), d.getMessage());
    }
}
