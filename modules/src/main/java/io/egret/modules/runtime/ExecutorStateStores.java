package io.egret.modules.runtime;

import io.egret.domain.error.EgretException;
import io.egret.executor.ExecutorArguments;
import io.egret.executor.StateStoreFactory;
import io.egret.ports.out.StateStorePort;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The state store of an executor, chosen from its arguments: Heron's {@code LOCALMODE} connection (or none) with a
 * root directory is the local file system, a quorum is ZooKeeper, with the timeouts of the state config file
 * ({@code --state-config-file}: Heron's {@code statemgr.yaml} or the topology's JSON config snapshot; both are
 * flat maps of Heron's keys). Provided to the executor as a service, so the executor names no state-store
 * technology.
 */
public final class ExecutorStateStores implements StateStoreFactory {
    @Override
    public StateStorePort open(ExecutorArguments arguments) {
        return LocalStateStores.open(
                arguments.stateConnection(),
                arguments.stateRoot(),
                readStateConfig(arguments.stateConfigFile()),
                "the executor (--state-root)");
    }

    private static Map<String, String> readStateConfig(String file) {
        if (file.isEmpty()) {
            return Map.of();
        }
        Path path = Path.of(file);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, String> values = new LinkedHashMap<>();
            if (loaded instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if (key != null && value != null) {
                        values.put(String.valueOf(key), String.valueOf(value));
                    }
                });
            }
            return values;
        } catch (IOException | RuntimeException e) {
            throw EgretException.userError("the executor cannot read its state config file " + path
                    + " (--state-config-file): " + e.getMessage());
        }
    }
}
