package org.lowrank.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh file names in one temporary folder for the property tests of the readers (jqwik has no {@code @TempDir} per
 * try): {@link #newFile} names a file that does not exist yet, {@link #removeAll} deletes the folder.
 */
final class ScratchFiles {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private Path dir;

    ScratchFiles(String prefix) {
        this.prefix = prefix;
    }

    synchronized Path newFile(String suffix) {
        try {
            if (dir == null) dir = Files.createTempDirectory(prefix);
            return dir.resolve("f" + counter.incrementAndGet() + suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void removeAll() throws IOException {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
        dir = null;
    }
}
