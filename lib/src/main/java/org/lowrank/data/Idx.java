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

    /**
     * Reads a whole IDX file of unsigned bytes with {@code expectedDims} dimensions.
     *
     * @throws DatasetException naming the file if it is missing, not gzip, truncated, too long, or its header is wrong
     */
    public static Array read(Path file, int expectedDims) {
        if (!Files.isRegularFile(file)) throw new DatasetException(file, "file not found");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz")
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
                n *= dims[i];
            }
            if (n > Integer.MAX_VALUE - 8) throw new DatasetException(file, "too large: " + n + " elements");
            byte[] bytes = new byte[(int) n];
            int got = data.readNBytes(bytes, 0, bytes.length);
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
