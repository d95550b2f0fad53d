package io.egret.adapters.local.state;

import io.egret.adapters.local.testing.TestingTopologies;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for the state store tests.
 *
 * <ul>
 *   <li>{@code create ROOT PREFIX COUNT ID GO_FILE}: waits until GO_FILE exists, then creates the topologies
 *       PREFIX-0 to PREFIX-(COUNT-1), printing {@code WON <name>} or {@code CONFLICT <name> <message>} for each;
 *   <li>{@code lock ROOT NAME}: takes the update lock, prints {@code LOCKED} and holds it until killed.
 * </ul>
 */
public final class StateStoreChildMain {
    private StateStoreChildMain() {}

    public static void main(String[] arguments) throws Exception {
        Path root = Path.of(arguments[1]);
        String name = arguments[2];
        try (LocalFileSystemStateStore store = new LocalFileSystemStateStore(root, true)) {
            switch (arguments[0]) {
                case "create" -> {
                    Path go = Path.of(arguments[5]);
                    while (!Files.exists(go)) {
                        Thread.sleep(1);
                    }
                    int count = Integer.parseInt(arguments[3]);
                    for (int index = 0; index < count; index++) {
                        String topology = name + "-" + index;
                        try {
                            store.create(
                                    TestingTopologies.definition(topology),
                                    TestingTopologies.plan(),
                                    TestingTopologies.submitting(topology, topology + "-" + arguments[4]));
                            System.out.println("WON " + topology);
                        } catch (EgretException e) {
                            System.out.println(e.code() + " " + topology + " " + e.getMessage());
                        }
                    }
                }
                case "lock" -> {
                    try (StateStorePort.Lock lock = store.lock(TopologyName.of(name), Duration.ofSeconds(10))) {
                        System.out.println("LOCKED " + lock.getClass().getSimpleName());
                        System.out.flush();
                        // Held until the test kills this process: the OS must release it.
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + arguments[0]);
            }
        }
    }
}
