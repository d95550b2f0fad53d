package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.testing.RandomCases;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TokenSubstitutionTest {
    private static final String KEY = "heron.scheduler.local.working.directory";

    @Test
    void tokensInsidePathComponentsAreReplaced() {
        EffectiveConfig resolved = config(Map.of(KEY, "${HOME}/work-${CLUSTER}/x"))
                .with(List.of(new ConfigEntry("heron.config.cluster", "local", ConfigSource.commandLine())));

        assertThat(resolved.value(KEY)).contains("/home/jane/work-local/x");
    }

    @Test
    void urlsStayIntact() {
        EffectiveConfig resolved = config(Map.of(
                "heron.package.core.uri", "file://${HERON_DIST}/heron-core.tar.gz",
                "heron.marathon.scheduler.uri", "http://marathon.example.com:8080//v2/"));

        assertThat(resolved.value(ConfigKey.CORE_PACKAGE_URI)).contains("file:///opt/heron/dist/heron-core.tar.gz");
        assertThat(resolved.value(ConfigKey.MARATHON_URI)).contains("http://marathon.example.com:8080//v2/");
    }

    @Test
    void chainsResolveThroughOtherKeys() {
        EffectiveConfig resolved = config(Map.of("heron.directory.dist", "${HERON_ETC}/dist"));

        assertThat(resolved.value(ConfigKey.CORE_PACKAGE_DIRECTORY)).contains("/opt/heron/etc/dist/heron-core");
    }

    @Test
    void tildeAndBareTokensOfTheGuidesWork() {
        EffectiveConfig resolved = config(Map.of(
                "heron.directory.sandbox.java.home", "$JAVA_HOME",
                "heron.uploader.localfs.file.system.directory", "~/packages",
                "heron.scheduler.properties", "$(hadoop classpath):$UNKNOWN"));

        assertThat(resolved.value(ConfigKey.SANDBOX_JAVA_HOME)).contains("$JAVA_HOME");
        assertThat(resolved.value(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY))
                .contains("/home/jane/packages");
        assertThat(resolved.value(ConfigKey.SCHEDULER_PROPERTIES)).contains("$(hadoop classpath):$UNKNOWN");
    }

    @Test
    void aKeyReferringToItselfExtendsTheValueBeneath() {
        EffectiveConfig resolved = config(Map.of("heron.directory.lib", "${HERON_LIB}/extra"));

        assertThat(resolved.value(ConfigKey.HERON_LIB)).contains("/opt/heron/lib/extra");
    }

    @Test
    void theContainersJavaHomeAndHeronHomeAreLeftForWhereTheContainerRuns() {
        // The DC/OS guide and Heron's stock files: values for the container, not for the submitting machine.
        EffectiveConfig resolved = config(Map.of(
                "heron.directory.home", "$HERON_HOME",
                "heron.directory.sandbox.java.home", "${JAVA_HOME}",
                "heron.directory.cluster.home", "$HERON_HOME/core"));

        assertThat(resolved.value(ConfigKey.HERON_HOME)).contains("$HERON_HOME");
        assertThat(resolved.value(ConfigKey.SANDBOX_JAVA_HOME)).contains("${JAVA_HOME}");
        assertThat(resolved.value(ConfigKey.CORE_PACKAGE_DIRECTORY)).contains("$HERON_HOME/dist/heron-core");
        assertThat(resolved.required(ConfigKey.SANDBOX_JAVA_HOME)).isEqualTo("${JAVA_HOME}");
        // Other keys still take the submitting machine's Java.
        assertThat(resolved.value(ConfigKey.JAVA_HOME_DIRECTORY)).contains("/opt/java");

        ContainerTokens container = new ContainerTokens("/usr/lib/jvm/java-17", "/srv/heron");
        assertThat(container.expand(resolved.required(ConfigKey.SANDBOX_JAVA_HOME)))
                .isEqualTo("/usr/lib/jvm/java-17");
        assertThat(container.expand(resolved.required(ConfigKey.CORE_PACKAGE_DIRECTORY)))
                .isEqualTo("/srv/heron/dist/heron-core");
        assertThat(container.expand(resolved.required(ConfigKey.CLUSTER_HOME))).isEqualTo("/srv/heron/core");
        assertThat(container.expand("$HERON_HOME_X and ${JAVA_HOMES}")).isEqualTo("$HERON_HOME_X and ${JAVA_HOMES}");
    }

    @Test
    void unknownTokenIsAnErrorNamingKeyAndFile() {
        assertThatThrownBy(() -> config(Map.of(KEY, "${HOME}/${NO_SUCH}/x")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("${NO_SUCH}")
                .hasMessageContaining(KEY)
                .hasMessageContaining("/conf/local/scheduler.yaml")
                .hasMessageContaining("${HERON_HOME}");
    }

    @Test
    void cyclesAreAnError() {
        assertThatThrownBy(() -> config(Map.of(
                        "heron.directory.bin", "${HERON_LIB}/bin",
                        "heron.directory.lib", "${HERON_BIN}/lib")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("heron.directory.bin")
                .hasMessageContaining("heron.directory.lib");
    }

    @Test
    void tokensKnownOnlyToACommandWaitForBind() {
        EffectiveConfig loaded = config(Map.of());
        assertThat(loaded.value(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY))
                .contains("/home/jane/.herondata/repository/${CLUSTER}/${ROLE}/${TOPOLOGY}");
        assertThatThrownBy(() -> loaded.string(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("${CLUSTER}");

        EffectiveConfig bound = loaded.bind(new ClusterTarget("local", "jane", "default"), "jane")
                .bind(TopologyName.of("wordcount"))
                .bindTopologyId("wordcount-1a2b");

        assertThat(bound.string(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY))
                .contains("/home/jane/.herondata/repository/local/jane/wordcount");
        assertThat(bound.with(List.of(new ConfigEntry(KEY, "/tmp/${TOPOLOGY_ID}", TestingConfigs.SCHEDULER_FILE)))
                        .string(ConfigKey.LOCAL_WORKING_DIRECTORY))
                .contains("/tmp/wordcount-1a2b");
    }

    @Test
    void replacedTextIsNotScannedAgain() {
        EffectiveConfig resolved = ConfigResolver.resolve(
                        TestingConfigs.entries(Map.of(KEY, "${HOME}/x")),
                        new TokenEnvironment("/home/$weird${HERON_HOME}", "/opt/java"),
                        false)
                .config();

        assertThat(resolved.value(KEY)).contains("/home/$weird${HERON_HOME}/x");
    }

    @ParameterizedTest
    @MethodSource("textWithoutTokens")
    void textWithoutTokensIsUnchanged(String prefix, String suffix) {
        String value = "x" + prefix + suffix;

        assertThat(config(Map.of(KEY, value)).value(KEY)).contains(value);
    }

    static Stream<Arguments> textWithoutTokens() {
        // '$' (0x24) is left out of both ranges: text without a token never contains one.
        return RandomCases.of(
                500,
                random -> Arguments.of(
                        RandomCases.string(random, 40, ' ', '#'), RandomCases.string(random, 40, '%', '~')));
    }

    @ParameterizedTest
    @MethodSource("lowerCaseText")
    void aTokenIsReplacedWhereverItStands(String before, String after) {
        assertThat(config(Map.of(KEY, before + "${HERON_HOME}" + after)).value(KEY))
                .contains(before + "/opt/heron" + after);
    }

    static Stream<Arguments> lowerCaseText() {
        return RandomCases.of(
                500,
                random -> Arguments.of(
                        RandomCases.string(random, 20, 'a', 'z'), RandomCases.string(random, 20, 'a', 'z')));
    }
}
