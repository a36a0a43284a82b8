package org.lowrank.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Property tests of the IDX reader ({@link Idx}) and the Fashion-MNIST loader on top of it: valid files of random
 * shape (plain and gzip), headers that promise more or less data than the file holds (up to 2^31−1 per dimension),
 * wrong magic numbers, truncated and padded files and random bytes. Each try must return exactly what was written
 * or throw a {@link DatasetException} naming the file, within a time limit and without allocating memory in
 * proportion to what a lying header promises (measured per thread). Fixed seeds; jqwik prints tries and outcomes.
 */
class IdxPropertyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** Most a read of a small file may allocate, whatever its header says (stream buffers are 64 KiB each). */
    private static final long SMALL_READ_BYTES = 4L << 20;

    private static final ScratchFiles FILES = new ScratchFiles("idx-property");

    private static Path newFile(String suffix) {
        return FILES.newFile(suffix);
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        FILES.removeAll();
    }

    // ---------------------------------------------------------------- the defect this test was written for

    /** 16 bytes: magic and a header [1000, 1000, 2000] (2·10^9 bytes promised), no data. */
    @Example
    void headerPromisingGigabytesOfA16ByteFileIsRejectedBeforeAllocating() throws IOException {
        for (String suffix : new String[]{"", ".gz"}) {
            Path f = newFile(suffix);
            byte[] raw = header(3, new int[]{1000, 1000, 2000});
            assertEquals(16, raw.length);
            Files.write(f, suffix.isEmpty() ? raw : DataFiles.gzip(raw));
            long allocated = rejected(f, 3, "truncated");
            assertTrue(allocated < SMALL_READ_BYTES, "allocated " + allocated + " bytes for a " + Files.size(f) + "-byte file");
            Files.delete(f);
        }
    }

    @Example
    void badArgumentsAreIllegalArguments() {
        for (int d : new int[]{0, -1, 256, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(newFile(""), d));
            assertTrue(e.getMessage().contains("expectedDims = " + d), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(null, 1));
        assertTrue(e.getMessage().contains("file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(null, FashionMnist.Split.TEST));
        assertTrue(e.getMessage().contains("dir"), e.getMessage());
    }

    // ---------------------------------------------------------------- properties

    /** Valid files of 1–4 dimensions of size 1–6, plain or gzip: read back exactly. */
    @Property(tries = 300, seed = "11", whenFixedSeed = FixedSeedMode.ALLOW)
    void validFilesRoundTrip(@ForAll("dims") int[] dims, @ForAll long seed, @ForAll boolean gzip) throws IOException {
        int n = 1;
        for (int d : dims) n *= d;
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        Path f = write(DataFiles.idx(dims, data), gzip);
        Statistics.label("file").collect(gzip ? "gzip" : "plain", dims.length + " dims");
        Idx.Array a = within(() -> Idx.read(f, dims.length));
        assertArrayEquals(dims, a.dims());
        assertArrayEquals(data, a.data());
        assertEquals(a.elements(), a.data().length);
        Files.delete(f);
    }

    /**
     * Headers whose dimensions (1, small, 1000, 65536, 2^31−1 or random up to 2^31−1) disagree with the 0–64 data
     * bytes that follow: a DatasetException naming the file, with small allocation; when they agree, the data.
     */
    @Property(tries = 500, seed = "12", whenFixedSeed = FixedSeedMode.ALLOW)
    void headersPromisingMoreOrLessThanTheFileHolds(@ForAll("lyingDims") int[] dims, @ForAll @IntRange(min = 0, max = 64) int dataBytes,
                                                    @ForAll long seed, @ForAll boolean gzip) throws IOException {
        byte[] data = new byte[dataBytes];
        new Random(seed).nextBytes(data);
        byte[] raw = concat(header(dims.length, dims), data);
        Path f = write(raw, gzip);
        long promised = 1;
        for (int d : dims) promised = Math.min(promised * d, Long.MAX_VALUE / Integer.MAX_VALUE);
        String kind = promised == dataBytes ? "header agrees" : promised > dataBytes ? "promises more" : "promises less";
        Statistics.label("header").collect(kind, gzip ? "gzip" : "plain");
        if (promised == dataBytes) {
            Idx.Array a = within(() -> Idx.read(f, dims.length));
            assertArrayEquals(data, a.data());
        } else {
            long allocated = rejected(f, dims.length, promised > dataBytes ? "" : "extra bytes");
            assertTrue(allocated < SMALL_READ_BYTES, "allocated " + allocated + " bytes reading " + raw.length
                    + " bytes whose header promises " + promised);
        }
        Files.delete(f);
    }

    /** Random bytes (0–40, optionally after a valid magic or header), plain or named .gz: a consistent array or a clear error. */
    @Property(tries = 600, seed = "13", whenFixedSeed = FixedSeedMode.ALLOW)
    void randomBytes(@ForAll @IntRange(min = 0, max = 40) int length, @ForAll @IntRange(min = 0, max = 2) int prefix,
                     @ForAll @IntRange(min = 1, max = 4) int expectedDims, @ForAll long seed, @ForAll boolean gzipName,
                     @ForAll boolean gzipContent) throws IOException {
        Random r = new Random(seed);
        byte[] raw = new byte[length];
        r.nextBytes(raw);
        if (prefix >= 1 && length >= 4) System.arraycopy(header(expectedDims, new int[0]), 0, raw, 0, 4);
        if (prefix == 2 && length >= 4 + 4 * expectedDims) {
            for (int i = 0; i < expectedDims; i++) {   // small positive dimensions
                raw[4 + 4 * i] = 0;
                raw[5 + 4 * i] = 0;
                raw[6 + 4 * i] = 0;
                raw[7 + 4 * i] = (byte) (1 + r.nextInt(4));
            }
        }
        Path f = newFile(gzipName ? ".gz" : "");
        Files.write(f, gzipName && gzipContent ? DataFiles.gzip(raw) : raw);
        Idx.Array[] out = new Idx.Array[1];
        String outcome = outcome(f, () -> out[0] = Idx.read(f, expectedDims));
        Statistics.label("outcome").collect(outcome);
        if (out[0] != null) {   // then the bytes were a valid file: header + exactly the promised data
            assertEquals(expectedDims, out[0].dims().length);
            assertEquals(out[0].elements(), out[0].data().length);
            assertEquals(raw.length, 4 + 4 * expectedDims + out[0].data().length);
            assertArrayEquals(Arrays.copyOfRange(raw, 4 + 4 * expectedDims, raw.length), out[0].data());
        }
        Files.delete(f);
    }

    /** A valid file cut at a random byte or padded by 1–9 bytes (plain, or inside/after the gzip stream): rejected. */
    @Property(tries = 400, seed = "14", whenFixedSeed = FixedSeedMode.ALLOW)
    void truncatedOrPaddedFiles(@ForAll("dims") int[] dims, @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int how)
            throws IOException {
        Random r = new Random(seed);
        int n = 1;
        for (int d : dims) n *= d;
        byte[] data = new byte[n];
        r.nextBytes(data);
        byte[] raw = DataFiles.idx(dims, data);
        byte[] file;
        String kind;
        switch (how) {
            case 0 -> { file = Arrays.copyOf(raw, r.nextInt(raw.length)); kind = "plain, truncated"; }
            case 1 -> { file = Arrays.copyOf(raw, raw.length + 1 + r.nextInt(9)); kind = "plain, padded"; }
            case 2 -> { byte[] gz = DataFiles.gzip(raw); file = Arrays.copyOf(gz, r.nextInt(gz.length)); kind = "gzip stream truncated"; }
            default -> { file = DataFiles.gzip(Arrays.copyOf(raw, raw.length + 1 + r.nextInt(9))); kind = "gzip, padded content"; }
        }
        Statistics.label("file").collect(kind);
        Path f = newFile(how >= 2 ? ".gz" : "");
        Files.write(f, file);
        rejected(f, dims.length, "");
        Files.delete(f);
    }

    /** A random magic number other than the valid one: rejected naming what is wrong (magic, type or dimensions). */
    @Property(tries = 300, seed = "15", whenFixedSeed = FixedSeedMode.ALLOW)
    void wrongMagicNumbers(@ForAll("magics") int magic, @ForAll @IntRange(min = 1, max = 3) int expectedDims) throws IOException {
        int valid = (Idx.UBYTE << 8) | expectedDims;
        if (magic == valid) magic ^= 1;
        byte[] raw = concat(intBytes(magic), concat(intBytes(1), new byte[1]));
        Path f = write(raw, false);
        String why = (magic >>> 16) != 0 ? "magic" : ((magic >>> 8) & 0xFF) != Idx.UBYTE ? "type" : "dimensions";
        Statistics.label("wrong").collect(why);
        rejected(f, expectedDims, why);
        Files.delete(f);
    }

    /**
     * Fashion-MNIST directories with random corruption (images not 28×28, fewer labels than images, a label above
     * 9, a truncated label file): the dataset exactly as written, or a DatasetException naming the file at fault.
     */
    @Property(tries = 150, seed = "16", whenFixedSeed = FixedSeedMode.ALLOW)
    void fashionMnistLoads(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed,
                           @ForAll @IntRange(min = 0, max = 4) int corruption) throws IOException {
        Path d = newFile("-fashion");
        DataFiles.Generated g = DataFiles.fashion(d, "t10k", n, seed);
        Path images = d.resolve("t10k-images-idx3-ubyte.gz"), labels = d.resolve("t10k-labels-idx1-ubyte.gz");
        Random r = new Random(seed);
        Path atFault = null;
        String kind = switch (corruption) {
            case 1 -> {
                int h = 28 + 1 + r.nextInt(3);
                Files.write(images, DataFiles.gzip(DataFiles.idx(new int[]{n, h, 28}, new byte[n * h * 28])));
                atFault = images;
                yield "images not 28x28";
            }
            case 2 -> {
                Files.write(labels, DataFiles.gzip(DataFiles.idx(new int[]{n + 1}, new byte[n + 1])));
                atFault = labels;
                yield "label count differs";
            }
            case 3 -> {
                byte[] lb = g.labels().clone();
                lb[r.nextInt(n)] = (byte) (10 + r.nextInt(246));
                Files.write(labels, DataFiles.gzip(DataFiles.idx(new int[]{n}, lb)));
                atFault = labels;
                yield "label out of range";
            }
            case 4 -> {
                byte[] raw = DataFiles.idx(new int[]{n}, g.labels());
                Files.write(labels, DataFiles.gzip(Arrays.copyOf(raw, raw.length - 1)));
                atFault = labels;
                yield "label file truncated";
            }
            default -> "valid";
        };
        Statistics.label("corruption").collect(kind);
        if (atFault == null) {
            ImageDataset ds = within(() -> FashionMnist.load(d, FashionMnist.Split.TEST));
            assertEquals(n, ds.size());
            for (int i = 0; i < n; i++) {
                assertEquals(g.labels()[i], ds.label(i));
                assertEquals(g.pixels()[i * 784 + 29] & 0xFF, ds.pixel(i, 0, 1, 1));
            }
        } else {
            Path expected = atFault;
            DatasetException e = assertThrows(DatasetException.class, () -> within(() -> FashionMnist.load(d, FashionMnist.Split.TEST)));
            assertEquals(expected, e.file());
            assertTrue(e.getMessage().contains(expected.toString()), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<int[]> dims() {
        return Arbitraries.integers().between(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> magics() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 0xFF).map(d -> (Idx.UBYTE << 8) | d));
    }

    @Provide
    Arbitrary<int[]> lyingDims() {
        Arbitrary<Integer> d = Arbitraries.oneOf(Arbitraries.integers().between(1, 8),
                Arbitraries.of(1000, 2000, 65536, 1 << 30, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, Integer.MAX_VALUE));
        return d.array(int[].class).ofMinSize(1).ofMaxSize(3);
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T within(ThrowingSupplier<T> s) {
        return assertTimeoutPreemptively(LIMIT, s);
    }

    /** Reads expecting a DatasetException naming {@code f} (and containing {@code fragment}); returns the bytes allocated. */
    private static long rejected(Path f, int expectedDims, String fragment) {
        return within(() -> {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(f, expectedDims));
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertEquals(f, e.file());
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(fragment),
                    "expected '" + fragment + "' in: " + e.getMessage());
            return allocated;
        });
    }

    /** "result" or the exception's simple name; a DatasetException must name the file, anything else fails the try. */
    private static String outcome(Path f, Runnable read) {
        return within(() -> {
            try {
                read.run();
                return "valid file, read";
            } catch (DatasetException e) {
                assertEquals(f, e.file());
                String m = e.getMessage().substring(f.toString().length() + 2);
                return "DatasetException: " + m.split("[ :(]")[0];
            }
        });
    }

    private static Path write(byte[] raw, boolean gzip) throws IOException {
        Path f = newFile(gzip ? ".gz" : "");
        Files.write(f, gzip ? DataFiles.gzip(raw) : raw);
        return f;
    }

    /** IDX header bytes: magic (unsigned byte, ndims) then the given dimensions (possibly fewer than ndims). */
    private static byte[] header(int ndims, int[] dims) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt((Idx.UBYTE << 8) | ndims);
        for (int d : dims) out.writeInt(d);
        return bos.toByteArray();
    }

    private static byte[] intBytes(int v) {
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
