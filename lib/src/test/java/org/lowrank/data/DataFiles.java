package org.lowrank.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files in the real formats for tests. */
final class DataFiles {
    private DataFiles() {}

    /** IDX bytes: header (ubyte, dims) + data. */
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) out.writeInt(d);
        out.write(data);
        out.flush();
        return bos.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    /** Random 28×28 images and labels 0..9, written as gzipped IDX files with Fashion-MNIST names. */
    static Generated fashion(Path dir, String prefix, int n, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        r.nextBytes(px);
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) lb[i] = (byte) (i % 10);
        Files.createDirectories(dir);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idx(new int[]{n, 28, 28}, px)));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(idx(new int[]{n}, lb)));
        return new Generated(px, lb);
    }

    /** CIFAR records: label byte(s) then 3072 random pixels; labels cycle through the classes. */
    static Generated cifar(Path file, int n, int labelBytes, long seed) throws IOException {
        Random r = new Random(seed);
        int rec = labelBytes + 3072;
        byte[] all = new byte[n * rec];
        byte[] px = new byte[n * 3072];
        byte[] lb = new byte[n * labelBytes];
        for (int i = 0; i < n; i++) {
            if (labelBytes == 1) {
                lb[i] = (byte) (i % 10);
            } else {
                lb[2 * i] = (byte) (i % 20);      // coarse
                lb[2 * i + 1] = (byte) (i % 100); // fine
            }
            System.arraycopy(lb, i * labelBytes, all, i * rec, labelBytes);
            byte[] img = new byte[3072];
            r.nextBytes(img);
            System.arraycopy(img, 0, all, i * rec + labelBytes, 3072);
            System.arraycopy(img, 0, px, i * 3072, 3072);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, all);
        return new Generated(px, lb);
    }

    record Generated(byte[] pixels, byte[] labels) {}
}
