package org.lowrank.kernel;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The Jupyter connection, hardened: a message that cannot be read — a wrong HMAC signature, a malformed
 * frame — is logged and dropped, and the channel goes on serving.
 *
 * <p>Why: in jjava-jupyter 1.0-a6 such a message throws out of the shell and control channels' read loops
 * and ends their threads, so one forged message would leave the kernel deaf. The loops accept an error
 * callback that decides whether to continue; it is set here on both channels. The loop object is private
 * in {@link ShellChannel}, hence the reflection.
 */
final class KernelConnection extends JupyterConnection {
    KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
    }

    @Override
    public void connect() {
        super.connect();
        keepServingOnBadMessages(shell, "shell");
        keepServingOnBadMessages(control, "control");
    }

    private static void keepServingOnBadMessages(ShellChannel channel, String name) {
        try {
            Field f = ShellChannel.class.getDeclaredField("ioloop");
            f.setAccessible(true);
            Loop loop = (Loop) f.get(channel);
            loop.onError(e -> {
                KernelMain.LOG.println("kernel: dropped a message on the " + name + " channel: " + e);
                return 1;
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            KernelMain.LOG.println("kernel: could not harden the " + name + " channel (" + e
                    + "); a malformed or forged message will stop it");
        }
    }
}
