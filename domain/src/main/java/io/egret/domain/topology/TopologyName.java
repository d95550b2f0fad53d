package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.regex.Pattern;

/**
 * A topology's name. It becomes a directory name, a ZooKeeper node, an Aurora job name and part of a Marathon
 * app id, so it is limited to the POSIX portable file-name characters and validated once, here.
 */
public record TopologyName(String value) implements Comparable<TopologyName> {
    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public TopologyName {
        requireNonNull(value, "value is null");
        if (value.isEmpty()
                || value.length() > MAX_LENGTH
                || !VALID.matcher(value).matches()) {
            throw EgretException.userError("invalid topology name '" + value + "': use 1 to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static TopologyName of(String value) {
        return new TopologyName(value);
    }

    @Override
    public int compareTo(TopologyName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
