package org.lowrank.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An image-classification folder in the ImageNet layout: {@code <split>/<class>/<image>}, e.g.
 * {@code train/n01440764/n01440764_10026.JPEG}. Class index = position of the class folder in the sorted list of
 * folder names (as torchvision's {@code ImageFolder}); images are the files ending in {@code .jpg}, {@code .jpeg} or
 * {@code .png} (any case), sorted by name within a class. Decoding and transforms are done by
 * {@link ImageFolderIterator} (JDK ImageIO, no OpenCV).
 *
 * <p>Bad files: empty files are found when the folder is scanned, undecodable ones when they are read. With
 * {@link OnBadFile#FAIL} either raises a {@link DatasetException} naming the file; with {@link OnBadFile#SKIP} the
 * file is left out and counted ({@link #skippedEmpty()}, {@link ImageFolderIterator#skipped()}).
 */
public final class ImageFolder {

    /** What to do with an empty or undecodable image file. */
    public enum OnBadFile { FAIL, SKIP }

    private final Path root;
    private final List<String> classes;
    private final List<Path> files;
    private final int[] labels;
    private final OnBadFile onBadFile;
    private final List<Path> skippedEmpty;

    private ImageFolder(Path root, List<String> classes, List<Path> files, int[] labels, OnBadFile onBadFile, List<Path> skipped) {
        this.root = root;
        this.classes = List.copyOf(classes);
        this.files = List.copyOf(files);
        this.labels = labels;
        this.onBadFile = onBadFile;
        this.skippedEmpty = List.copyOf(skipped);
    }

    /**
     * Scans {@code splitDir} (e.g. {@code imagenet/train}).
     *
     * @throws IllegalArgumentException if {@code splitDir} is not a directory or has no class folder with an image
     * @throws DatasetException         on an empty image file with {@link OnBadFile#FAIL}
     */
    public static ImageFolder scan(Path splitDir, OnBadFile onBadFile) {
        if (splitDir == null || !Files.isDirectory(splitDir))
            throw new IllegalArgumentException("splitDir = " + splitDir + " is not a directory; allowed: a folder of class folders "
                    + "(ImageNet layout: train/<class>/*.JPEG)");
        if (onBadFile == null) throw new IllegalArgumentException("onBadFile is null; allowed: FAIL, SKIP");
        List<String> classes = new ArrayList<>();
        try (Stream<Path> s = Files.list(splitDir)) {
            s.filter(Files::isDirectory).forEach(p -> classes.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + splitDir, e);
        }
        Collections.sort(classes);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> imgs = new ArrayList<>();
            try (Stream<Path> s = Files.list(splitDir.resolve(classes.get(c)))) {
                s.filter(p -> Files.isRegularFile(p) && isImage(p)).forEach(imgs::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + splitDir.resolve(classes.get(c)), e);
            }
            imgs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path p : imgs) {
                long size;
                try {
                    size = Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the size of " + p, e);
                }
                if (size == 0) {
                    if (onBadFile == OnBadFile.FAIL)
                        throw new DatasetException(p, "empty image file (0 bytes); remove it or scan with OnBadFile.SKIP");
                    skipped.add(p);
                    continue;
                }
                files.add(p);
                labels.add(c);
            }
        }
        if (files.isEmpty())
            throw new IllegalArgumentException("splitDir = " + splitDir + " has no image files (.jpg, .jpeg, .png) in class folders "
                    + classes + "; allowed: the ImageNet layout <split>/<class>/<image>");
        return new ImageFolder(splitDir, classes, files, labels.stream().mapToInt(Integer::intValue).toArray(), onBadFile, skipped);
    }

    /** Whether the file name ends in .jpg, .jpeg or .png (any case). */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** The scanned folder. */
    public Path root() { return root; }

    /** Class names (folder names), sorted; class index = position. */
    public List<String> classes() { return classes; }

    /** Number of classes (class folders, including any without images). */
    public int numClasses() { return classes.size(); }

    /** Number of images. */
    public int size() { return files.size(); }

    /** The file of image {@code i}. */
    public Path file(int i) {
        if (i < 0 || i >= files.size()) throw new IllegalArgumentException("i = " + i + "; allowed: 0.." + (files.size() - 1));
        return files.get(i);
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        if (i < 0 || i >= files.size()) throw new IllegalArgumentException("i = " + i + "; allowed: 0.." + (files.size() - 1));
        return labels[i];
    }

    /** The bad-file policy. */
    public OnBadFile onBadFile() { return onBadFile; }

    /** Empty files left out by the scan (only with {@link OnBadFile#SKIP}). */
    public List<Path> skippedEmpty() { return skippedEmpty; }

    @Override
    public String toString() {
        return "ImageFolder(" + root + ": " + size() + " images, " + numClasses() + " classes"
                + (skippedEmpty.isEmpty() ? "" : ", " + skippedEmpty.size() + " empty files skipped") + ")";
    }
}
