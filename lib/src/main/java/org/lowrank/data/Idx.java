package org.lowrank.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of (Fashion-)MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian header
 * {@code 0x00 0x00 type ndims}, {@code ndims} int32 dimensions, then the data. Only unsigned bytes
 * ({@code type = 0x08}) are supported. Files ending in {@code .gz} are decompressed.
 * Hand-written because ND4J/DL4J offer no IDX reader without the MNIST downloader.
 */
public final class Idx {
    /** The IDX type code of unsigned bytes. */
    public static final int UBYTE = 0x08;

    /** A decoded IDX array: its dimensions and its bytes (row-major). */
    public record Array(int[] dims, byte[] data) {
        /** Number of elements, the product of the dimensions. */
        public long elements() {
            long n = 1;
            for (int d : dims) n *= d;
            return n;
        }
    }

    private Idx() {}

    /** Largest number of data bytes one array may hold (a Java byte array's limit). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Deflate cannot expand data by more than 1032:1 (zlib's documented maximum compression factor), so a gzip file
     * of L bytes decompresses to at most 1032·L bytes; a header promising more is known to be a lie before anything
     * is allocated.
     */
    static final long MAX_GZIP_RATIO = 1032;

    /**
     * Reads a whole IDX file of unsigned bytes with {@code expectedDims} dimensions. The header is checked against
     * the file's length before the data array is allocated (a short file whose header promises gigabytes is an
     * error, not an {@code OutOfMemoryError}); for gzip files the data are read incrementally, so memory follows
     * what the stream actually holds, not what the header promises.
     *
     * @param expectedDims number of dimensions, in [1, 255]
     * @throws DatasetException naming the file if it is missing, not gzip, truncated, too long, or its header is wrong
     * @throws IllegalArgumentException if {@code file} is null or {@code expectedDims} is out of range
     */
    public static Array read(Path file, int expectedDims) {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        if (expectedDims < 1 || expectedDims > 255) {
            throw new IllegalArgumentException("expectedDims = " + expectedDims + "; allowed: 1..255 (one header byte)");
        }
        if (!Files.isRegularFile(file)) throw new DatasetException(file, "file not found");
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        long fileLength;
        try {
            fileLength = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read (" + e + ")", e);
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip
                     ? new GZIPInputStream(new BufferedInputStream(raw), 1 << 16) : new BufferedInputStream(raw, 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new DatasetException(file, "truncated: shorter than the 4-byte IDX magic number");
            }
            if ((magic >>> 16) != 0) {
                throw new DatasetException(file, String.format("bad IDX magic number 0x%08X: the first two bytes must be 0", magic));
            }
            int type = (magic >>> 8) & 0xFF, ndims = magic & 0xFF;
            if (type != UBYTE) {
                throw new DatasetException(file, String.format("IDX data type 0x%02X not supported, expected 0x08 (unsigned byte)", type));
            }
            if (ndims != expectedDims) {
                throw new DatasetException(file, "IDX file has " + ndims + " dimensions, expected " + expectedDims);
            }
            int[] dims = new int[ndims];
            long n = 1;
            for (int i = 0; i < ndims; i++) {
                try {
                    dims[i] = data.readInt();
                } catch (EOFException e) {
                    throw new DatasetException(file, "truncated in the header (dimension " + i + " of " + ndims + ")");
                }
                if (dims[i] <= 0) throw new DatasetException(file, "dimension " + i + " is " + dims[i] + ", must be > 0");
                n *= dims[i];   // each factor < 2^31 and n <= MAX_ELEMENTS before it: no long overflow
                if (n > MAX_ELEMENTS) {
                    throw new DatasetException(file, "too large: header dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                            + (i + 1 < ndims ? "..." : "") + " exceed " + MAX_ELEMENTS + " elements, the limit of one array");
                }
            }
            long headerBytes = 4 + 4L * ndims;
            if (!gzip && fileLength < headerBytes + n) {
                throw new DatasetException(file, "truncated: header " + Arrays.toString(dims) + " promises " + n
                        + " data bytes after the " + headerBytes + "-byte header, file has " + (fileLength - headerBytes));
            }
            if (!gzip && fileLength > headerBytes + n) {
                throw new DatasetException(file, "corrupt: extra bytes after the " + n + " data bytes of header "
                        + Arrays.toString(dims) + " (file has " + (fileLength - headerBytes) + " data bytes)");
            }
            if (gzip && n + headerBytes > MAX_GZIP_RATIO * fileLength) {
                throw new DatasetException(file, "truncated or corrupt: header " + Arrays.toString(dims) + " promises " + n
                        + " data bytes, more than a " + fileLength + "-byte gzip file can hold (deflate expands at most "
                        + MAX_GZIP_RATIO + ":1)");
            }
            // readNBytes(len) grows its buffer with the data actually read, so a lying gzip header costs no memory
            byte[] bytes = gzip ? data.readNBytes((int) n) : new byte[(int) n];
            int got = gzip ? bytes.length : data.readNBytes(bytes, 0, bytes.length);
            if (got < n) {
                throw new DatasetException(file, "truncated: header " + Arrays.toString(dims) + " promises " + n
                        + " data bytes, file has " + got);
            }
            if (data.read() != -1) {
                throw new DatasetException(file, "corrupt: extra bytes after the " + n + " data bytes of header " + Arrays.toString(dims));
            }
            return new Array(dims, bytes);
        } catch (DatasetException e) {
            throw e;
        } catch (EOFException e) {
            throw new DatasetException(file, "truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new DatasetException(file, "corrupt or not a gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read (" + e + ")", e);
        }
    }
}
