package io.egret.heron.instance;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Heron config values in Egret's string-valued config. Heron keeps values of its own keys as strings and every
 * other value as a Java-serialized object; Egret's definition holds strings only, so such an object is kept under
 * {@link #SERIALIZED_PREFIX}{@code <key>} (Base64), next to its {@code toString()} under the key itself, and
 * recreated when the component is opened or prepared.
 */
public final class HeronConfig {
    /** The definition config key that marks a topology built against Heron's API. */
    public static final String TOPOLOGY_API_KEY = "egret.topology.api";

    /** The value of {@link #TOPOLOGY_API_KEY} for Heron-API topologies. */
    public static final String HERON_API = "heron";

    /** Prefix of keys whose values are Java-serialized objects, Base64-encoded. */
    public static final String SERIALIZED_PREFIX = "egret.heron.serialized.";

    private HeronConfig() {}

    /** The Base64 form of a Java-serialized value, for {@link #SERIALIZED_PREFIX}{@code <key>}. */
    public static String encode(byte[] serialized) {
        return Base64.getEncoder().encodeToString(serialized);
    }

    /**
     * The config a Heron component sees: every string value as it is, and each serialized value recreated in place
     * of its string form.
     *
     * @throws HeronComponentException if a serialized value cannot be recreated
     */
    public static Map<String, Object> toHeron(Map<String, String> config, String componentName) {
        Map<String, Object> result = new HashMap<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (!entry.getKey().startsWith(SERIALIZED_PREFIX)) {
                result.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (entry.getKey().startsWith(SERIALIZED_PREFIX)) {
                String key = entry.getKey().substring(SERIALIZED_PREFIX.length());
                try {
                    result.put(
                            key,
                            HeronComponent.deserialize(
                                    Base64.getDecoder().decode(entry.getValue()), HeronConfig.class.getClassLoader()));
                } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
                    throw new HeronComponentException(
                            "cannot recreate config value '" + key + "' for component '" + componentName + "': "
                                    + HeronComponent.oneLine(e),
                            e);
                }
            }
        }
        return result;
    }
}
