package io.egret.app.client;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A user's per-cluster settings, {@code ~/.config/heron/CLUSTER/cli.yaml} (where Heron kept its CLI settings):
 * flat {@code key: value} overrides made with {@code heron config CLUSTER set}.
 */
public final class CliSettings {
    private final Path file;

    private CliSettings(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** The settings file of a cluster, under {@code $XDG_CONFIG_HOME} or {@code ~/.config}. */
    public static CliSettings forUser(Map<String, String> environment, String cluster) {
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isBlank()
                ? Path.of(configHome)
                : Path.of(System.getProperty("user.home"), ".config");
        return new CliSettings(base.resolve("heron").resolve(cluster).resolve("cli.yaml"));
    }

    public Path file() {
        return file;
    }

    /** The stored settings, sorted by key; empty when there is no file. */
    public Map<String, String> values() {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw EgretException.userError(file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw EgretException.userError(file + " must hold 'key: value' lines");
        }
        Map<String, String> values = new TreeMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
        return values;
    }

    public void set(String key, String value) {
        Map<String, String> values = new TreeMap<>(values());
        values.put(key, value);
        write(values);
    }

    /** @return whether the key was set */
    public boolean unset(String key) {
        Map<String, String> values = new TreeMap<>(values());
        boolean removed = values.remove(key) != null;
        if (removed) {
            write(values);
        }
        return removed;
    }

    private void write(Map<String, String> values) {
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = new Yaml(new Representer(dumper), dumper).dump(new LinkedHashMap<>(values));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "cli.yaml", ".tmp");
            Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw EgretException.userError("cannot write " + file + ": " + e.getMessage());
        }
    }
}
