package org.lowrank.kernel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} of the cells: each time its buffer is empty, one line is asked from the frontend with a
 * Jupyter {@code input_request} (the frontend shows an input box), so {@code Scanner}, {@code BufferedReader}
 * and {@link Display#readLine(String)} read what the user types.
 *
 * <p>When the request that runs the cell said {@code allow_stdin: false} (e.g. nbconvert/nbclient runs, the
 * notebook runner), a read throws an {@link IllegalStateException} saying so, rather than blocking forever or
 * looking like an empty stream. It is unchecked on purpose: {@code Scanner} swallows {@code IOException}s
 * and would report only "No line found".
 */
final class CellInput extends InputStream {
    /** Asks the frontend for one line. */
    interface Frontend {
        /** The line typed (without its line break); {@code prompt} is shown beside the input box. */
        String readLine(String prompt);
    }

    private volatile Frontend frontend;
    private byte[] buffer = new byte[0];
    private int pos;

    /** Attaches the frontend of the request now running; {@code null} when it does not allow stdin. */
    void attach(Frontend frontend) {
        this.frontend = frontend;
    }

    /** Drops the frontend and any unread input (at the end of each request). */
    synchronized void detach() {
        frontend = null;
        buffer = new byte[0];
        pos = 0;
    }

    /** One line from the frontend, with {@code prompt}; unread bytes already buffered come first. */
    synchronized String readLine(String prompt) {
        if (pos < buffer.length) {
            String rest = new String(buffer, pos, buffer.length - pos, StandardCharsets.UTF_8);
            int nl = rest.indexOf('\n');
            String line = nl < 0 ? rest : rest.substring(0, nl);
            pos += (nl < 0 ? rest : rest.substring(0, nl + 1)).getBytes(StandardCharsets.UTF_8).length;
            return line;
        }
        return frontend().readLine(prompt);
    }

    private Frontend frontend() {
        Frontend f = frontend;
        if (f == null) {
            throw new IllegalStateException("stdin is not available: this frontend does not accept input"
                    + " (allow_stdin=false, e.g. a headless notebook run); give the value in the code instead");
        }
        return f;
    }

    private void fill() {
        if (pos < buffer.length) return;
        buffer = (frontend().readLine("") + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
    }

    @Override
    public synchronized int read() {
        fill();
        return buffer[pos++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        fill();
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - pos;
    }
}
