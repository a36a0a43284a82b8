package org.lowrank.kernel;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -cp java-kernel.jar:LIBS org.lowrank.kernel.KernelMain CONNECTION_FILE}.
 *
 * <p>Extra class path for cells, besides the JVM's own: the environment variables {@code JJAVA_CLASSPATH}
 * and {@code IJAVA_CLASSPATH} (path-separated entries, globs allowed), as in JJava and IJava.
 */
public final class KernelMain {
    /** Version reported in kernel_info. */
    public static final String VERSION = "0.1.0";
    /** The kernel's own log: the process's original stderr (Jupyter shows it in its console). */
    public static final PrintStream LOG = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private KernelMain() {}

    /** Entry point; the single argument is the Jupyter connection file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            LOG.println("usage: java -cp java-kernel.jar org.lowrank.kernel.KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        if (System.getProperty(CommonPoolThreads.PROPERTY) == null) {
            System.setProperty(CommonPoolThreads.PROPERTY, CommonPoolThreads.class.getName());
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);

        JavaKernel kernel = new JavaKernel(new CellHistory());
        kernel.start(extraClasspath());
        JupyterConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.onShutdown(false);
        // user code may have left non-daemon threads behind; the kernel's end is the JVM's end
        System.exit(0);
    }

    static List<String> extraClasspath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String var : new String[] {"JJAVA_CLASSPATH", "IJAVA_CLASSPATH"}) {
            String value = System.getenv(var);
            if (value == null || value.isBlank()) continue;
            for (String entry : value.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) continue;
                for (Path p : Magics.glob(entry.strip())) out.add(p.toAbsolutePath().toString());
            }
        }
        return out;
    }
}
