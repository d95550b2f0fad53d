package io.egret.domain.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageLocationTemplateTest {
    private static final String DIGEST = "ab".repeat(32);
    private static final PackageLocationTemplate HDFS =
            new PackageLocationTemplate("hdfs://nn:8020/heron/${CLUSTER}/${ROLE}/${ENVIRON}/${TOPOLOGY}");

    @Test
    void resolvesEveryToken() {
        assertThat(HDFS.resolve(new ClusterTarget("aurora", "www", "prod"), TopologyName.of("words")))
                .isEqualTo("hdfs://nn:8020/heron/aurora/www/prod/words");
    }

    @Test
    void withAnyRoleTheSearchListsUnderTheClusterAndMatchesEveryRoleAndEnviron() {
        PackageLocationTemplate.Search search = HDFS.search("aurora", Optional.empty(), Optional.empty());

        assertThat(search.base()).isEqualTo("hdfs://nn:8020/heron/aurora");
        assertThat(search.topologyOf("/www/prod/words/" + DIGEST + "/topology.tar.gz"))
                .contains(TopologyName.of("words"));
        assertThat(search.topologyOf("/ads/devel/clicks/" + DIGEST + "/topology.tar.gz"))
                .contains(TopologyName.of("clicks"));
    }

    @Test
    void aGivenRoleNarrowsTheBaseAndOtherRolesDoNotMatch() {
        PackageLocationTemplate.Search search = HDFS.search("aurora", Optional.of("www"), Optional.empty());

        assertThat(search.base()).isEqualTo("hdfs://nn:8020/heron/aurora/www");
        assertThat(search.topologyOf("/prod/words/" + DIGEST + "/topology.tar.gz"))
                .contains(TopologyName.of("words"));
        assertThat(search.topologyOf("/prod/words/" + DIGEST + "/topology.tar.gz.tmp"))
                .isEmpty();
        assertThat(search.topologyOf("/prod/words/not-a-digest/topology.tar.gz"))
                .isEmpty();
        assertThat(search.topologyOf("/prod/deeper/words/" + DIGEST + "/topology.tar.gz"))
                .isEmpty();
    }

    @Test
    void aTopologyNamedTwiceMustBeTheSameNameBothTimes() {
        PackageLocationTemplate template = new PackageLocationTemplate("topologies/${TOPOLOGY}/${CLUSTER}/${TOPOLOGY}");
        PackageLocationTemplate.Search search = template.search("local", Optional.empty(), Optional.empty());

        assertThat(search.base()).isEqualTo("topologies");
        assertThat(search.topologyOf("/words/local/words/" + DIGEST + "/topology.tar.gz"))
                .contains(TopologyName.of("words"));
        assertThat(search.topologyOf("/words/local/other/" + DIGEST + "/topology.tar.gz"))
                .isEmpty();
        assertThat(search.topologyOf("/words/remote/words/" + DIGEST + "/topology.tar.gz"))
                .isEmpty();
    }

    @Test
    void aTemplateStartingWithATokenSearchesFromTheTop() {
        PackageLocationTemplate template = new PackageLocationTemplate("${TOPOLOGY}");
        PackageLocationTemplate.Search search = template.search("local", Optional.empty(), Optional.empty());

        assertThat(search.base()).isEmpty();
        assertThat(search.topologyOf("words/" + DIGEST + "/topology.tar.gz")).contains(TopologyName.of("words"));
    }

    @Test
    void regexCharactersInTheFixedPartAreLiteral() {
        PackageLocationTemplate template = new PackageLocationTemplate("s3.bucket/a+b/${TOPOLOGY}");
        PackageLocationTemplate.Search search = template.search("c", Optional.empty(), Optional.empty());

        assertThat(search.topologyOf("/words/" + DIGEST + "/topology.tar.gz")).contains(TopologyName.of("words"));
        assertThat(template.search("c", Optional.empty(), Optional.empty()).base())
                .isEqualTo("s3.bucket/a+b");
    }

    @Test
    void aNameThatIsNotATopologyNameIsNotAPackage() {
        PackageLocationTemplate.Search search = HDFS.search("aurora", Optional.of("www"), Optional.of("prod"));

        assertThat(search.topologyOf("/.hidden/" + DIGEST + "/topology.tar.gz")).isEmpty();
    }

    @Test
    void aLocationWithoutTheTopologyIsRefused() {
        assertThatThrownBy(() -> new PackageLocationTemplate("hdfs://nn/heron/${CLUSTER}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${TOPOLOGY}");
    }
}
