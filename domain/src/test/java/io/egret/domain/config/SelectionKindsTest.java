package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SelectionKindsTest {
    @ParameterizedTest
    @CsvSource({
        "org.apache.heron.uploader.localfs.LocalFileSystemUploader, LOCAL_FS",
        "com.twitter.heron.uploader.localfs.LocalFileSystemUploader, LOCAL_FS",
        "org.apache.heron.uploader.hdfs.HdfsUploader, HDFS",
        "com.twitter.heron.uploader.s3.S3Uploader, S3",
        "s3, S3"
    })
    void uploaders(String className, UploaderKind expected) {
        assertThat(UploaderKind.fromConfig(config(Map.of("heron.class.uploader", className))))
                .isEqualTo(expected);
    }

    @Test
    void uploadersOutsideThisBuildSaySo() {
        assertThatThrownBy(() -> UploaderKind.fromConfig(
                        config(Map.of("heron.class.uploader", "org.apache.heron.uploader.scp.ScpUploader"))))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("scp uploader")
                .hasMessageContaining("not available in this build; available: localfs, hdfs, s3");
    }

    @ParameterizedTest
    @CsvSource({
        "org.apache.heron.statemgr.localfs.LocalFileSystemStateManager, LOCAL_FS",
        "com.twitter.heron.statemgr.localfs.LocalFileSystemStateManager, LOCAL_FS",
        "org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager, ZOOKEEPER",
        "com.twitter.heron.statemgr.zookeeper.curator.CuratorStateManager, ZOOKEEPER"
    })
    void stateManagers(String className, StateManagerKind expected) {
        assertThat(StateManagerKind.fromConfig(config(Map.of("heron.class.state.manager", className))))
                .isEqualTo(expected);
    }

    @Test
    void unknownStateManagerListsValidValues() {
        assertThatThrownBy(() -> StateManagerKind.fromConfig(
                        config(Map.of("heron.class.state.manager", "org.apache.heron.statemgr.NullStateManager"))))
                .hasMessageContaining("unknown state manager")
                .hasMessageContaining("org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager");
    }

    @ParameterizedTest
    @CsvSource({
        "com.twitter.heron.scheduler.aurora.AuroraConfigLoader, AURORA",
        "com.twitter.heron.scheduler.mesos.MesosConfigLoader, MESOS",
        "com.twitter.heron.scheduler.aurora.MesosConfigLoader, MESOS",
        "org.apache.heron.scheduler.mesos.MesosConfigLoader, MESOS",
        "com.twitter.heron.scheduler.local.LocalConfigLoader, LOCAL"
    })
    void legacyConfigLoaders(String className, SchedulerKind expected) {
        LegacyConfigLoader loader = LegacyConfigLoader.fromClassName(className);

        assertThat(loader.schedulerKind()).isEqualTo(expected);
        EffectiveConfig implied = ConfigResolver.resolve(
                        loader.impliedEntries(className), TestingConfigs.ENVIRONMENT, true)
                .config();
        assertThat(SchedulerKind.fromConfig(implied)).isEqualTo(expected);
        assertThat(implied.source(ConfigKey.SCHEDULER_CLASS)).contains(ConfigSource.configLoader(className));
    }

    @Test
    void auroraLoaderImpliesLibraryMode() {
        String className = "com.twitter.heron.scheduler.aurora.AuroraConfigLoader";
        EffectiveConfig implied = ConfigResolver.resolve(
                        LegacyConfigLoader.AURORA.impliedEntries(className), TestingConfigs.ENVIRONMENT, true)
                .config();

        assertThat(implied.booleanValue(ConfigKey.SCHEDULER_IS_SERVICE)).isFalse();
    }

    @Test
    void unknownLoaderListsValidValues() {
        assertThatThrownBy(() -> LegacyConfigLoader.fromClassName("com.acme.Loader"))
                .hasMessageContaining("unknown --config-loader 'com.acme.Loader'")
                .hasMessageContaining("com.twitter.heron.scheduler.aurora.AuroraConfigLoader");
    }
}
