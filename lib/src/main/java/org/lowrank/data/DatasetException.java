package org.lowrank.data;

import java.nio.file.Path;

/**
 * A dataset file is missing, truncated or malformed. The message names the file and what is wrong;
 * a loader that throws it has returned nothing (no half-loaded dataset).
 */
public class DatasetException extends RuntimeException {
    private final Path file;

    /** An error about {@code file} (may be null when no single file is at fault). */
    public DatasetException(Path file, String message) {
        this(file, message, null);
    }

    /** An error about {@code file} with its cause. */
    public DatasetException(Path file, String message, Throwable cause) {
        super((file == null ? "" : file + ": ") + message, cause);
        this.file = file;
    }

    /** The file at fault, or null. */
    public Path file() {
        return file;
    }
}
