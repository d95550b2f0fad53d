package io.egret.modules.config;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.config.ValueType;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one of Heron's YAML config files: a flat map of dotted keys. Only the node tree is built (no objects are
 * constructed), so values keep their text: {@code 30000} stays {@code 30000}, a date-like build time stays as
 * written. YAML booleans ({@code True}, {@code yes}) become {@code true} or {@code false}; empty values are
 * skipped as if absent.
 */
final class HeronYamlFile {
    /** Heron files whose stock content has nested maps or lists (policies, storage settings, registries). */
    private static final Set<String> FILES_WITH_STRUCTURE =
            Set.of("healthmgr.yaml", "stateful.yaml", "downloader.yaml");

    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");

    private HeronYamlFile() {}

    /** The file's entries in document order; an empty file has none. */
    static List<ConfigEntry> read(Path file, ConfigSource source) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = yaml().compose(reader);
        } catch (IOException e) {
            throw EgretException.userError("cannot read " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw EgretException.userError("cannot parse " + file + " as YAML: "
                    + e.getMessage().replace('\n', ' ').replaceAll(" +", " "));
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw EgretException.userError(file + " must be a map of 'key: value' lines");
        }
        boolean structureAllowed =
                FILES_WITH_STRUCTURE.contains(file.getFileName().toString());
        List<ConfigEntry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw EgretException.userError(file + " line " + line(tuple.getKeyNode())
                        + ": a key must be a plain name such as heron.class.scheduler");
            }
            String key = keyNode.getValue().trim();
            Node valueNode = tuple.getValueNode();
            if (valueNode instanceof ScalarNode scalar) {
                if (!scalar.getTag().equals(Tag.NULL)) {
                    entries.add(new ConfigEntry(key, scalarText(scalar), source));
                }
            } else if (structureAllowed || isStructuredKey(key)) {
                entries.add(new ConfigEntry(key, render(valueNode), source));
            } else {
                throw EgretException.userError(file + " line " + line(valueNode) + ": " + key
                        + " has a nested map or list; Heron's cluster files hold one value per key ('" + key
                        + ": value')");
            }
        }
        return entries;
    }

    private static boolean isStructuredKey(String key) {
        return ConfigKey.find(key)
                .map(known -> known.type() == ValueType.STRUCTURED)
                .orElse(false);
    }

    private static String scalarText(ScalarNode scalar) {
        String text = scalar.getValue();
        if (scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.toString(YAML_TRUE.contains(text.toLowerCase(Locale.ROOT)));
        }
        return text;
    }

    /** A compact flow rendering of a nested value, e.g. {@code {http: a.B, file: c.D}}. */
    private static String render(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalarText(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().stream().map(HeronYamlFile::render).collect(Collectors.joining(", ", "[", "]"));
        }
        MappingNode mapping = (MappingNode) node;
        return mapping.getValue().stream()
                .map(tuple -> render(tuple.getKeyNode()) + ": " + render(tuple.getValueNode()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(10 * 1024 * 1024);
        return new Yaml(new SafeConstructor(options));
    }
}
