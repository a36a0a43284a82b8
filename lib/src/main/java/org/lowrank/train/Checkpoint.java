package org.lowrank.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

import org.deeplearning4j.nn.api.Model;

/**
 * Checkpoints in a directory: the model with its updater state ({@code ModelSerializer}, {@code model-<iter>.zip})
 * and {@value #STATE} (java.util.Properties) holding the training position. Both are written to a temp file and
 * moved into place atomically; the state file is written last and is the commit point, so a kill at any moment
 * leaves either the previous or the new checkpoint, never a mix.
 */
public final class Checkpoint {
    /** Name of the state file. */
    public static final String STATE = "state.properties";

    /**
     * The training position saved with a model.
     *
     * @param epoch        epoch to continue (0-based)
     * @param batchInEpoch batches of that epoch already trained
     * @param iteration    optimizer steps taken
     * @param seed         the run's seed (RNG state: the iterator and ND4J's RNG are re-derived from seed, epoch, batch, iteration)
     * @param lossSum      sum of minibatch losses of the current epoch so far
     * @param lossCount    number of minibatch losses in {@code lossSum}
     * @param firstLoss    loss of the run's first step (divergence reference), NaN before it
     * @param modelFile    file name of the model zip in the directory
     */
    public record State(int epoch, int batchInEpoch, int iteration, long seed, double lossSum, int lossCount,
                        double firstLoss, String modelFile) {}

    private final Path dir;

    /** Checkpoints in {@code dir} (created when first written). */
    public Checkpoint(Path dir) {
        if (dir == null) throw new IllegalArgumentException("dir must not be null");
        this.dir = dir;
    }

    /** The directory. */
    public Path dir() { return dir; }

    /** Writes {@code model} and {@code state} (modelFile is chosen here), then deletes older model files. */
    public State save(Model model, State state) throws IOException {
        Files.createDirectories(dir);
        String name = "model-" + state.iteration() + ".zip";
        Path tmp = Files.createTempFile(dir, "model-", ".tmp");
        try {
            Nets.write(model, tmp.toFile());
            move(tmp, dir.resolve(name));
        } finally {
            Files.deleteIfExists(tmp);
        }
        State s = new State(state.epoch(), state.batchInEpoch(), state.iteration(), state.seed(), state.lossSum(),
                state.lossCount(), state.firstLoss(), name);
        Properties p = new Properties();
        p.setProperty("epoch", Integer.toString(s.epoch()));
        p.setProperty("batchInEpoch", Integer.toString(s.batchInEpoch()));
        p.setProperty("iteration", Integer.toString(s.iteration()));
        p.setProperty("seed", Long.toString(s.seed()));
        p.setProperty("lossSum", Double.toString(s.lossSum()));
        p.setProperty("lossCount", Integer.toString(s.lossCount()));
        p.setProperty("firstLoss", Double.toString(s.firstLoss()));
        p.setProperty("modelFile", name);
        Path ptmp = Files.createTempFile(dir, "state-", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(ptmp, StandardCharsets.UTF_8)) {
                p.store(w, "lowrank training checkpoint");
            }
            move(ptmp, dir.resolve(STATE));
        } finally {
            Files.deleteIfExists(ptmp);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "model-*.zip")) {
            for (Path f : ds) if (!f.getFileName().toString().equals(name)) Files.deleteIfExists(f);
        }
        return s;
    }

    /** The committed state, if any. */
    public Optional<State> state() throws IOException {
        Path f = dir.resolve(STATE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return Optional.of(new State(Integer.parseInt(p.getProperty("epoch")), Integer.parseInt(p.getProperty("batchInEpoch")),
                    Integer.parseInt(p.getProperty("iteration")), Long.parseLong(p.getProperty("seed")),
                    Double.parseDouble(p.getProperty("lossSum")), Integer.parseInt(p.getProperty("lossCount")),
                    Double.parseDouble(p.getProperty("firstLoss")), p.getProperty("modelFile")));
        } catch (RuntimeException e) {
            throw new IOException(f + ": corrupt checkpoint state (" + e + ")", e);
        }
    }

    /** Restores the committed model (same network type as {@code like}), with its updater state. */
    public Model restore(State state, Model like) throws IOException {
        Path f = dir.resolve(state.modelFile());
        if (!Files.isRegularFile(f)) throw new IOException(f + ": model file of the checkpoint state is missing");
        return Nets.restore(f.toFile(), like);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
