package io.egret.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Egret's production code against its architecture rules. */
final class ArchitectureTest {
    /** Every adapter module, named one by one: a new adapter that is not listed fails {@link #everyClassHasALayer}. */
    static final List<String> ADAPTERS =
            List.of("local", "aurora", "zookeeper", "ssh", "hdfs", "s3", "marathon", "mesos");

    private static JavaClasses egret;

    @BeforeAll
    static void importEgret() {
        egret = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.egret");
    }

    @Test
    void hexagonLayersAreRespected() {
        EgretArchitecture.onion("io.egret", ADAPTERS).check(egret);
    }

    @Test
    void adaptersUseOnlyPortsAndDomain() {
        EgretArchitecture.adaptersUseOnlyPortsAndDomain("io.egret").check(egret);
    }

    @Test
    void controlUsesOnlyPortsDomainAndCodec() {
        EgretArchitecture.controlUsesOnlyPortsDomainAndCodec("io.egret").check(egret);
    }

    @Test
    void codecKnowsOnlyTheDomain() {
        EgretArchitecture.codecKnowsOnlyTheDomain("io.egret").check(egret);
    }

    @Test
    void authorApiAndExamplesStaySmall() {
        EgretArchitecture.authorApiStaysSmall("io.egret").allowEmptyShould(true).check(egret);
        EgretArchitecture.examplesUseOnlyTheApi("io.egret")
                .allowEmptyShould(true)
                .check(egret);
    }

    /** Heron-API support runs beside author code: it may use only the author API, the domain and the codec. */
    @Test
    void heronCompatUsesOnlyTheAuthorApiDomainAndCodec() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("io.egret.heron..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.egret.ports..",
                        "io.egret.application..",
                        "io.egret.adapters..",
                        "io.egret.modules..",
                        "io.egret.app..",
                        "io.egret.executor..",
                        "io.egret.control..")
                .check(egret);
    }

    @Test
    void noFieldInjection() {
        EgretArchitecture.noFieldInjection("io.egret").check(egret);
    }

    @Test
    void useCaseAndPortNaming() {
        EgretArchitecture.inboundPortsAreUseCases("io.egret").check(egret);
        EgretArchitecture.outboundPortsArePorts("io.egret").check(egret);
    }

    @Test
    void domainIsPure() {
        EgretArchitecture.domainIsPure("io.egret").check(egret);
    }

    @Test
    void everyClassHasALayer() {
        // Outside the onion by design: the composition roots, the shared JSON codec, Egret's own HTTP protocol
        // (control, shared by the local adapter and every cluster's wiring), and the container-side runtime (the
        // author API, the executor and the examples), which have rules of their own below.
        Set<String> outside = Set.of(
                "io.egret.app",
                "io.egret.modules",
                "io.egret.codec",
                "io.egret.control",
                "io.egret.api",
                "io.egret.executor",
                "io.egret.examples",
                "io.egret.benchmarks",
                "io.egret.heron");
        List<String> unplaced = new ArrayList<>();
        egret.forEach(javaClass -> {
            String name = javaClass.getPackageName();
            boolean inLayer = name.startsWith("io.egret.domain")
                    || name.startsWith("io.egret.ports")
                    || name.startsWith("io.egret.application")
                    || ADAPTERS.stream().anyMatch(adapter -> name.startsWith("io.egret.adapters." + adapter));
            boolean excused = outside.stream().anyMatch(name::startsWith);
            if (!inLayer && !excused) {
                unplaced.add(javaClass.getName());
            }
        });
        assertThat(unplaced)
                .as("classes outside every layer (add an adapter to ADAPTERS?)")
                .isEmpty();
    }

    @Test
    void moduleDescriptorsKeepTheDependencyRule() throws Exception {
        List<ModuleDescriptor> descriptors = egretModuleDescriptors();

        assertThat(descriptors)
                .extracting(ModuleDescriptor::name)
                .contains(
                        "io.egret.domain",
                        "io.egret.ports",
                        "io.egret.application",
                        "io.egret.modules",
                        "io.egret.app");
        assertThat(EgretArchitecture.moduleViolations(descriptors, "io.egret")).isEmpty();
    }

    /** Reads the compiled module-info of every Egret module on the test classpath. */
    static List<ModuleDescriptor> egretModuleDescriptors() throws IOException, URISyntaxException {
        List<ModuleDescriptor> descriptors = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String fileName =
                    path.getFileName() == null ? "" : path.getFileName().toString();
            boolean egretModule = fileName.startsWith("egret-") || entry.contains("/target/classes");
            if (!egretModule || entry.contains("architecture-tests")) {
                continue;
            }
            for (ModuleReference reference : ModuleFinder.of(path).findAll()) {
                if (reference.descriptor().name().startsWith("io.egret.")) {
                    descriptors.add(reference.descriptor());
                }
            }
        }
        return descriptors;
    }
}
