package org.lowrank.backend;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

class BackendTest {
    static final Backend.Gpu H200 = new Backend.Gpu("NVIDIA H200", 9, 0, "550.54.15");
    static final Backend.Gpu A100 = new Backend.Gpu("NVIDIA A100-SXM4-40GB", 8, 0, "535.104.05");

    @Test
    void cpuBackendStartsHere() {
        Backend.Status s = Backend.probe(null);
        assertTrue(s.ok(), s.message());
        assertEquals("CPU (nd4j-native)", s.backend());
        assertTrue(s.message().startsWith("Backend: CPU (nd4j-native), device: "), s.message());
        assertTrue(s.device().contains("CPU cores"));
        assertTrue(Backend.isCpu());
    }

    @Test
    void cudaRequestedButCpuOnClassPathSaysHowToBuild() {
        Backend.Status s = Backend.probe("cuda");
        assertTrue(s.ok());
        assertTrue(s.message().contains("CUDA was requested") && s.message().contains("BACKEND=cuda"), s.message());
    }

    @Test
    void parsesNvidiaSmi() {
        List<Backend.Gpu> g = Backend.parseNvidiaSmi("NVIDIA H200, 9.0, 550.54.15\nTesla V100-SXM2-16GB, 7.0, 470.57.02\ngarbage\nOld, [N/A], 1\n");
        assertEquals(List.of(H200, new Backend.Gpu("Tesla V100-SXM2-16GB", 7, 0, "470.57.02")), g);
        assertTrue(Backend.parseNvidiaSmi("").isEmpty());
    }

    @Test
    void supportedComputeCapabilities() {
        assertFalse(H200.supported(), "Hopper");
        assertTrue(A100.supported());
        assertTrue(new Backend.Gpu("RTX 4090", 8, 9, "x").supported(), "Ada runs sm_86 binaries");
        assertTrue(new Backend.Gpu("K80", 3, 7, "x").supported());
        assertFalse(new Backend.Gpu("K20", 3, 5, "x").supported());
    }

    @Test
    void hopperFailureNamesTheArchitectureAndTheFallback() {
        RuntimeException e = new RuntimeException("execution failed",
                new IllegalStateException("cudaErrorNoKernelImageForDevice: no kernel image is available for execution on the device"));
        String m = Backend.explain(e, List.of(H200));
        assertTrue(m.contains("architecture is not supported") && m.contains("NVIDIA H200 (compute capability 9.0"), m);
        assertTrue(m.contains("Hopper") && m.contains("make run") && m.contains("\"java\""), m);
        // a Hopper card is named as the cause even when the failure text is generic
        assertTrue(Backend.explain(new RuntimeException("boom"), List.of(H200)).contains("architecture is not supported"));
    }

    @Test
    void missingDriverAndMissingDeviceAndMissingBackend() {
        String m = Backend.explain(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file"), List.of());
        assertTrue(m.contains("NVIDIA driver is missing or too old"), m);
        m = Backend.explain(new RuntimeException("CUDA driver version is insufficient for CUDA runtime version"), List.of(A100));
        assertTrue(m.contains("driver >= 450.80.02"), m);
        m = Backend.explain(new RuntimeException("cudaGetDeviceCount: no CUDA-capable device is detected"), List.of());
        assertTrue(m.contains("no CUDA-capable GPU"), m);
        m = Backend.explain(new RuntimeException("wrapped", new RuntimeException("org.nd4j.linalg.factory.Nd4jBackend$NoAvailableBackendException: Please ensure that you have an nd4j backend")), List.of());
        assertTrue(m.contains("no ND4J backend is on the class path"), m);
        m = Backend.explain(new IllegalStateException("something else"), List.of(A100));
        assertTrue(m.contains("ND4J failed to start: IllegalStateException: something else") && m.contains("Fall back to the CPU"), m);
    }

    @Test
    void backendNames() {
        assertEquals("CPU (nd4j-native)", Backend.backendName("org.nd4j.linalg.cpu.nativecpu.CpuBackend"));
        assertEquals("CUDA (nd4j-cuda-11.6)", Backend.backendName("org.nd4j.linalg.jcublas.JCublasBackend"));
    }
}
