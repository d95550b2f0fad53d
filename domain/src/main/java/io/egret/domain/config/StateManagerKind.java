package io.egret.domain.config;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where topology state is kept, selected by Heron's {@code heron.class.state.manager} class name or short name. */
public enum StateManagerKind {
    LOCAL_FS("localfs", "statemgr.localfs.LocalFileSystemStateManager"),
    ZOOKEEPER("zookeeper", "statemgr.zookeeper.curator.CuratorStateManager");

    private final String shortName;
    private final String relativeClassName;

    StateManagerKind(String shortName, String relativeClassName) {
        this.shortName = shortName;
        this.relativeClassName = relativeClassName;
    }

    public String shortName() {
        return shortName;
    }

    public String heronClassName() {
        return HeronClassNames.APACHE_PACKAGE + relativeClassName;
    }

    /** The state manager the configuration selects. */
    public static StateManagerKind fromConfig(EffectiveConfig config) {
        ConfigKey key = ConfigKey.STATE_MANAGER_CLASS;
        String value = config.required(key);
        for (StateManagerKind kind : values()) {
            if (HeronClassNames.matches(value, kind.relativeClassName, kind.shortName)) {
                return kind;
            }
        }
        throw EgretException.userError("unknown state manager '" + value + "' in " + key.key() + " ("
                + config.source(key).orElseThrow() + "); valid values are "
                + Arrays.stream(values()).map(StateManagerKind::heronClassName).collect(Collectors.joining(", ")));
    }
}
