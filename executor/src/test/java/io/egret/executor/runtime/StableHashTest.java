package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fields grouping must send a key to the same task from every container. Another process is simulated by loading
 * the same classes in a second class loader: identity hash codes differ there exactly as they do between JVMs.
 */
final class StableHashTest {
    enum Colour {
        RED,
        GREEN
    }

    /** A key class that does not override hashCode: equal by content, different by identity. */
    static final class Key {
        final String name;
        final int shard;

        Key(String name, int shard) {
            this.name = name;
            this.shard = shard;
        }
    }

    private final StableHash hash = new StableHash();

    @Test
    void anEnumConstantHashesTheSameInAnotherClassLoader() throws Exception {
        Class<?> elsewhere = isolatedCopyOf(Colour.class);
        Object redElsewhere = elsewhere.getEnumConstants()[0];
        assertThat(redElsewhere).isNotSameAs(Colour.RED);

        assertThat(hash.of(redElsewhere)).isEqualTo(hash.of(Colour.RED));
        assertThat(hash.of(Colour.GREEN)).isNotEqualTo(hash.of(Colour.RED));
    }

    @Test
    void aKeyWithoutItsOwnHashCodeHashesByContentInEveryProcess() throws Exception {
        // Author key classes live in the topology's own class loader, as these copies do.
        Object here = newKey(isolatedCopyOf(Key.class), "a", 1);
        Object there = newKey(isolatedCopyOf(Key.class), "a", 1);
        assertThat(here.hashCode()).isNotEqualTo(there.hashCode());

        assertThat(hash.of(here)).isEqualTo(hash.of(there));
        assertThat(hash.of(here)).isNotEqualTo(hash.of(newKey(here.getClass(), "a", 2)));
    }

    private static Object newKey(Class<?> type, String name, int shard) throws Exception {
        var constructor = type.getDeclaredConstructor(String.class, int.class);
        constructor.setAccessible(true);
        return constructor.newInstance(name, shard);
    }

    @Test
    void collectionsAndArraysCombineTheirElementsStableHashes() throws Exception {
        Object redElsewhere = isolatedCopyOf(Colour.class).getEnumConstants()[0];
        assertThat(hash.of(List.of(Colour.RED, "x"))).isEqualTo(hash.of(new ArrayList<>(List.of(redElsewhere, "x"))));
        assertThat(hash.of(Set.of(Colour.RED))).isEqualTo(hash.of(Set.of(redElsewhere)));
        assertThat(hash.of(Map.of("k", Colour.RED))).isEqualTo(hash.of(Map.of("k", redElsewhere)));
        assertThat(hash.of(new Object[] {Colour.RED})).isEqualTo(hash.of(new Object[] {redElsewhere}));
        assertThat(hash.of(new byte[] {1, 2})).isEqualTo(hash.of(new byte[] {1, 2}));
        assertThat(hash.of(new int[] {1, 2})).isEqualTo(hash.of(new int[] {1, 2}));
    }

    @Test
    void typesWithASpecifiedHashCodeKeepIt() {
        assertThat(hash.of("word")).isEqualTo("word".hashCode());
        assertThat(hash.of(7L)).isEqualTo(Long.hashCode(7L));
        assertThat(hash.of(null)).isZero();
    }

    /** The class loaded again from the same class file by a loader that shares nothing with the test's. */
    private static Class<?> isolatedCopyOf(Class<?> type) throws Exception {
        String file = type.getName().replace('.', '/') + ".class";
        String classFile = type.getClassLoader().getResource(file).toString();
        URL root = URI.create(classFile.substring(0, classFile.length() - file.length()))
                .toURL();
        ClassLoader isolated = new URLClassLoader(new URL[] {root}, null);
        Class<?> copy = Class.forName(type.getName(), true, isolated);
        assertThat(copy).isNotSameAs(type);
        return copy;
    }
}
