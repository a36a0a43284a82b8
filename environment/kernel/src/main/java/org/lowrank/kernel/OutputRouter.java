package org.lowrank.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Cell output ({@code System.out}, {@code System.err}) turned into Jupyter {@code stream} messages, in batches.
 *
 * <p>Why batches: one message per {@code println} overflows ZeroMQ's send queue (high-water mark ~1000 on
 * the IOPub socket), which silently drops messages: a cell printing a million lines lost most of them.
 * Text is collected and sent every {@value #PERIOD_MS} ms, or at once when {@value #MAX_CHUNK} bytes are
 * pending (the printing thread then does the sending, which slows a runaway printer down instead of
 * growing memory).
 */
public final class OutputRouter implements AutoCloseable {
    static final long PERIOD_MS = 40;
    static final int MAX_CHUNK = 1 << 20;

    private final Batch out;
    private final Batch err;
    private final ScheduledExecutorService flusher;

    /**
     * A router whose stdout text goes to {@code outSink} and stderr text to {@code errSink}.
     */
    public OutputRouter(Consumer<String> outSink, Consumer<String> errSink) {
        this.out = new Batch(outSink);
        this.err = new Batch(errSink);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kernel-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushAll, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** A print stream for {@code System.out}. */
    public PrintStream outStream() {
        return new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    /** A print stream for {@code System.err}. */
    public PrintStream errStream() {
        return new PrintStream(err, false, StandardCharsets.UTF_8);
    }

    /** Sends everything pending, stdout first. */
    public void flushAll() {
        System.out.flush();
        System.err.flush();
        out.send();
        err.send();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushAll();
    }

    /** Bytes pending for one stream; sends only whole UTF-8 characters. */
    static final class Batch extends OutputStream {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
        private final Object sendLock = new Object();

        Batch(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            boolean full;
            synchronized (this) {
                pending.write(b);
                full = pending.size() >= MAX_CHUNK;
            }
            if (full) send();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            boolean full;
            synchronized (this) {
                pending.write(b, off, len);
                full = pending.size() >= MAX_CHUNK;
            }
            if (full) send();
        }

        /** Sends the pending text; keeps an incomplete trailing UTF-8 sequence for the next send. */
        void send() {
            // sendLock keeps chunks in order when the flusher and a printing thread send at the same time.
            synchronized (sendLock) {
                String text;
                synchronized (this) {
                    if (pending.size() == 0) return;
                    byte[] bytes = pending.toByteArray();
                    int cut = completeLength(bytes);
                    pending.reset();
                    pending.write(bytes, cut, bytes.length - cut);
                    if (cut == 0) return;
                    text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
                }
                try {
                    sink.accept(text);
                } catch (RuntimeException e) {
                    // Nowhere to report it but the kernel's own log; never fail the printing code.
                    e.printStackTrace(KernelMain.LOG);
                }
            }
        }

        /** Length of the longest prefix of {@code b} that ends on a UTF-8 character boundary. */
        static int completeLength(byte[] b) {
            int n = b.length;
            // look back at most 3 bytes for the start of a multi-byte sequence
            for (int i = n - 1; i >= 0 && i >= n - 4; i--) {
                int c = b[i] & 0xFF;
                if (c < 0x80) return n;            // ASCII: everything is complete
                if (c >= 0xC0) {                   // lead byte: is its sequence complete?
                    int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                    return n - i >= need ? n : i;
                }
            }
            return n;
        }
    }
}
