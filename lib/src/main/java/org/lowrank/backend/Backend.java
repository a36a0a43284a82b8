package org.lowrank.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend runs (CPU {@code nd4j-native} or CUDA {@code nd4j-cuda-11.6}, chosen at build time by the
 * Maven profile {@code -Pcuda} / {@code make ... BACKEND=cuda}) and on which device; and, when the CUDA backend
 * cannot start, a message that says why and how to fall back to the CPU (docs/gpu.md).
 *
 * <p>ND4J 1.0.0-M2.1's CUDA kernels are compiled for compute capabilities 3.7–8.6 without PTX, so they run on
 * Kepler (3.7) to Ampere/Ada (8.x) cards and cannot run on Hopper (9.0, H100/H200) or newer: the first kernel launch
 * fails with "no kernel image is available for execution on the device".
 */
public final class Backend {
    private Backend() { }

    /** Environment variable set by the {@code java-cuda} kernelspec: the backend the user asked for. */
    public static final String ENV = "LOWRANK_BACKEND";

    /** Lowest and highest compute capability (major·10 + minor) that ND4J 1.0.0-M2.1's CUDA 11.6 build can run on. */
    public static final int MIN_CC = 37, MAX_CC_EXCLUSIVE = 90;

    /** A GPU as {@code nvidia-smi} reports it. */
    public record Gpu(String name, int ccMajor, int ccMinor, String driver) {
        /** Compute capability as text, e.g. "8.6". */
        public String computeCapability() { return ccMajor + "." + ccMinor; }

        /** Whether ND4J 1.0.0-M2.1's CUDA kernels can run on it (binaries for sm_37–sm_86 run on 3.7 ≤ cc < 9.0). */
        public boolean supported() {
            int cc = ccMajor * 10 + ccMinor;
            return cc >= MIN_CC && cc < MAX_CC_EXCLUSIVE;
        }

        @Override
        public String toString() {
            return name + " (compute capability " + computeCapability() + ", driver " + driver + ")";
        }
    }

    /**
     * The outcome of starting ND4J.
     *
     * @param backend "CPU (nd4j-native)", "CUDA (nd4j-cuda-11.6)", another class name, or "none" on failure
     * @param device  the device in words (CPU cores / GPU name), or "" on failure
     * @param ok      whether ND4J started and ran a first operation
     * @param message one line on success; on failure why, and how to fall back
     */
    public record Status(String backend, String device, boolean ok, String message) { }

    /**
     * Starts ND4J (if not started), runs one small operation on its device, and reports backend and device; never
     * throws. {@code requested} is the backend the user asked for ("cpu", "cuda", or null/empty for no preference).
     */
    public static Status probe(String requested) {
        String backend;
        String device;
        try {
            String cls = Nd4j.getBackend().getClass().getName();
            backend = backendName(cls);
            // a first kernel launch: on an unsupported GPU architecture this is where CUDA fails
            double v = Nd4j.ones(DataType.FLOAT, 4).muli(2).sumNumber().doubleValue();
            if (v != 8.0) throw new IllegalStateException("ND4J computed sum(2·ones(4)) = " + v + " instead of 8");
            device = isCuda(cls) ? cudaDevice() : cpuDevice();
        } catch (Throwable t) {
            return new Status("none", "", false, explain(t, nvidiaSmi()));
        }
        boolean wantCuda = requested != null && requested.trim().equalsIgnoreCase("cuda");
        if (wantCuda && !backend.startsWith("CUDA"))
            return new Status(backend, device, true, "Backend: " + backend + ", device: " + device + ". CUDA was requested ("
                    + ENV + "=cuda) but the class path has no CUDA backend: build the lib with `make lib BACKEND=cuda` "
                    + "(Maven profile -Pcuda) and use the java-cuda kernel (`make install-kernel BACKEND=cuda`).");
        return new Status(backend, device, true, "Backend: " + backend + ", device: " + device);
    }

    /** {@link #probe(String)} with the request read from {@value #ENV}; the line setup.jsh prints. */
    public static String report() {
        return probe(System.getenv(ENV)).message();
    }

    /**
     * Whether ND4J runs on its CPU backend (false when it runs on CUDA or cannot start). CPU-only switches such as
     * {@code Expand.enableOneDnnHelpers()}, whose shim binds to nd4j-native classes, should be guarded by it.
     */
    public static boolean isCpu() {
        try {
            return Nd4j.getBackend().getClass().getName().endsWith(".CpuBackend");
        } catch (Throwable t) {
            return false;
        }
    }

    /** A readable name for an ND4J backend class. */
    public static String backendName(String backendClass) {
        if (backendClass == null) return "none";
        if (backendClass.endsWith(".CpuBackend")) return "CPU (nd4j-native)";
        if (isCuda(backendClass)) return "CUDA (nd4j-cuda-11.6)";
        return backendClass;
    }

    private static boolean isCuda(String cls) {
        return cls.contains("jcublas") || cls.endsWith("JCublasBackend");
    }

    private static String cpuDevice() {
        String vendor;
        try {
            vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        } catch (RuntimeException e) {
            vendor = "unknown BLAS";
        }
        return Runtime.getRuntime().availableProcessors() + " CPU cores (" + System.getProperty("os.arch") + ", " + vendor
                + ", " + Nd4j.getEnvironment().maxMasterThreads() + " ND4J threads)";
    }

    private static String cudaDevice() {
        Object info = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
        List<Gpu> smi = nvidiaSmi();
        if (!smi.isEmpty()) return smi.get(0).toString() + (smi.size() > 1 ? " and " + (smi.size() - 1) + " more" : "");
        return info == null ? "a CUDA device" : info.toString();
    }

    /**
     * Why the backend could not start, and how to fall back: from the exception chain (driver missing or too old,
     * no device, no kernel image for this architecture, no backend on the class path) and the GPUs {@code nvidia-smi}
     * lists (possibly none).
     */
    public static String explain(Throwable failure, List<Gpu> gpus) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
            if (t.getCause() == t) break;
        }
        String c = chain.toString().toLowerCase(Locale.ROOT);
        List<Gpu> unsupported = gpus == null ? List.of() : gpus.stream().filter(g -> !g.supported()).toList();
        String why;
        if (c.contains("no kernel image") || c.contains("nokernelimage") || c.contains("error 209")
                || c.contains("code 209") || (!unsupported.isEmpty() && (gpus.size() == unsupported.size()))) {
            why = "the GPU's architecture is not supported: ND4J 1.0.0-M2.1's CUDA kernels are built for compute "
                    + "capabilities 3.7-8.6 without PTX, so they cannot run on "
                    + (unsupported.isEmpty() ? "this GPU" : describe(unsupported))
                    + " (Hopper, compute capability 9.0, e.g. H100/H200, and newer are not supported)";
        } else if (c.contains("libcuda") || c.contains("driver version is insufficient") || c.contains("insufficient driver")
                || c.contains("error 35") || c.contains("code 35")) {
            why = "the NVIDIA driver is missing or too old: the CUDA 11.6 runtime needs driver >= 450.80.02 (Linux) and "
                    + "libcuda.so.1 on the library path" + (gpus == null || gpus.isEmpty() ? " (nvidia-smi found no GPU)" : "");
        } else if (c.contains("no cuda-capable device") || c.contains("error 100") || c.contains("code 100")
                || (gpus != null && gpus.isEmpty() && c.contains("cuda"))) {
            why = "no CUDA-capable GPU is visible to this process (nvidia-smi lists none; check CUDA_VISIBLE_DEVICES and "
                    + "that the container was started with GPU access)";
        } else if (c.contains("noavailablebackend") || c.contains("no nd4j backend")) {
            why = "no ND4J backend is on the class path (for CUDA: build with `make lib BACKEND=cuda`, i.e. Maven -Pcuda, "
                    + "which puts nd4j-cuda-11.6 and the CUDA runtime jars in lib/target/dependency-cuda/)";
        } else {
            why = "ND4J failed to start: " + firstLine(failure);
        }
        return "Backend: none. The ND4J backend could not start: " + why + ". Fall back to the CPU: run without "
                + "BACKEND=cuda (`make run`), or pick the kernel \"java\" instead of \"java-cuda\". (Cause: "
                + firstLine(failure) + "; see docs/gpu.md.)";
    }

    private static String describe(List<Gpu> gpus) {
        return String.join(", ", gpus.stream().map(Gpu::toString).toList());
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Parses {@code nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader}: one GPU a line,
     * e.g. {@code NVIDIA H200, 9.0, 550.54.15}; lines that do not parse are skipped.
     */
    public static List<Gpu> parseNvidiaSmi(String csv) {
        List<Gpu> out = new ArrayList<>();
        if (csv == null) return out;
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 3) continue;
            String[] cc = f[1].trim().split("\\.");
            try {
                out.add(new Gpu(f[0].trim(), Integer.parseInt(cc[0]), cc.length > 1 ? Integer.parseInt(cc[1]) : 0, f[2].trim()));
            } catch (NumberFormatException e) {
                // e.g. "[N/A]" from an old driver without compute_cap: skip
            }
        }
        return out;
    }

    /** The GPUs {@code nvidia-smi} lists, or none if it is absent or fails (5 s timeout). */
    public static List<Gpu> nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap,driver_version", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? parseNvidiaSmi(out) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
