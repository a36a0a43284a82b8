package org.lowrank.kernel;

import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell from ending the kernel: the call throws a {@link SecurityException}
 * the cell reports as an error instead.
 *
 * <p>How: a {@link SecurityManager} that permits everything except exiting. Deprecated for removal since
 * Java 17 but fully working there (the kernelspec passes {@code -Djava.security.manager=allow}, which Java
 * 18+ needs). The alternatives are worse for an in-process kernel: rewriting every loaded class's
 * {@code System.exit} calls needs a bytecode library and misses reflective calls; a remote JVM per kernel
 * loses in-process rendering of values. Where a future JVM refuses a security manager, the kernel runs
 * without the guard and says so on its log.
 */
public final class ExitGuard extends SecurityManager {
    private static volatile boolean exiting;

    private ExitGuard() {}

    /** Installs the guard; logs and continues where the JVM does not allow it. */
    @SuppressWarnings("removal")
    static void install() {
        try {
            System.setSecurityManager(new ExitGuard());
        } catch (UnsupportedOperationException | SecurityException e) {
            KernelMain.LOG.println("kernel: System.exit in cells is not guarded (" + e + ")");
        }
    }

    /** Exits the JVM on the kernel's behalf. */
    static void exit(int status) {
        exiting = true;
        System.exit(status);
    }

    @Override
    public void checkExit(int status) {
        if (!exiting) {
            throw new SecurityException("System.exit(" + status + ") was blocked: it would end the notebook's"
                    + " kernel. Use Jupyter's restart to restart the kernel.");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
