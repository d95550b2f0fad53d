package io.egret.adapters.mesos.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a block of consecutive ports that are free right now, for a simulated agent's {@code ports} resource:
 * simulated agents share this machine, so each needs a range nobody else is using.
 */
public final class FreePorts {
    private FreePorts() {}

    /** The first port of {@code count} consecutive free ports. */
    public static long block(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 30000 - count);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
