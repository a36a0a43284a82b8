package org.nd4j.nativeblas;

/**
 * Compatibility shim that lets DL4J 1.0.0-M2.1 use its oneDNN (MKL-DNN) layer helpers.
 *
 * <p>Why it exists: DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by reflection and calls {@code getInstance().isUseMKLDNN()}.
 * In M2.1 the native bindings moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and the flag was
 * renamed {@code isUseONEDNN}, so the lookup fails and every conv / batch-norm / pooling layer silently falls back
 * to the generic implementation, even with the oneDNN build of nd4j-native. This class only forwards to the real
 * bindings; it adds no behaviour. Helpers must also be allowed: {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}
 * or {@code Nd4j.getEnvironment().allowHelpers(true)}. The {@code expand} benchmark prints which helper a
 * convolution got and measures the difference.
 */
public final class Nd4jCpu {
    private Nd4jCpu() { }

    /** Forwards the two calls DL4J makes to the M2.1 native environment. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() { }

        /** The singleton, as the old binding exposed it. */
        public static Environment getInstance() { return INSTANCE; }

        /** Whether libnd4j was built with and uses oneDNN. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }

        /** Switches libnd4j's use of oneDNN on or off. */
        public void setUseMKLDNN(boolean use) {
            org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().setUseONEDNN(use);
        }
    }
}
