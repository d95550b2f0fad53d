package io.egret.adapters.local.loader;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TopologyApiTest {
    @TempDir
    Path directory;

    @Test
    void aMainClassThatRefersToHeronsApiIsHeron() throws IOException {
        Path jar = jar("heron.jar", Map.of("com/acme/Main.class", "...org/apache/heron/api/HeronSubmitter..."));

        assertThat(TopologyApi.of(List.of(jar.toString()), "com.acme.Main")).isEqualTo(TopologyApi.HERON);
    }

    @Test
    void aMainClassThatRefersToEgretsApiIsEgretWithoutReadingMore() throws IOException {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("com/acme/Main.class", "...io/egret/api/TopologySubmitter...");
        classes.put("com/acme/Other.class", "...org/apache/heron/api/tuple/Tuple...");
        Path jar = jar("egret.jar", classes);

        assertThat(TopologyApi.of(List.of(jar.toString()), "com.acme.Main")).isEqualTo(TopologyApi.EGRET);
    }

    @Test
    void aMainThatDelegatesIsDecidedByTheOtherClasses() throws IOException {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("com/acme/Main.class", "...com/acme/Builder...");
        classes.put("com/acme/Builder.class", "...com/twitter/heron/api/topology/TopologyBuilder...");
        Path jar = jar("old.jar", classes);

        assertThat(TopologyApi.of(List.of(jar.toString()), "com.acme.Main")).isEqualTo(TopologyApi.TWITTER_HERON);
    }

    @Test
    void jarsInAnUnpackedTarsLibsAreRead() throws IOException {
        Path libs = Files.createDirectories(directory.resolve("topology/libs"));
        jar("topology/libs/dep.jar", Map.of("com/acme/Bolt.class", "...org/apache/heron/api/bolt/IRichBolt..."));

        assertThat(TopologyApi.of(List.of(directory.resolve("topology").toString(), libs + "/*"), "com.acme.Main"))
                .isEqualTo(TopologyApi.HERON);
    }

    @Test
    void aJarWithoutEitherApiIsEgrets() throws IOException {
        Path jar = jar("plain.jar", Map.of("com/acme/Main.class", "...java/lang/String..."));

        assertThat(TopologyApi.of(List.of(jar.toString()), "com.acme.Main")).isEqualTo(TopologyApi.EGRET);
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = directory.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream output = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                output.putNextEntry(new JarEntry(entry.getKey()));
                output.write(entry.getValue().getBytes(US_ASCII));
                output.closeEntry();
            }
        }
        return jar;
    }
}
