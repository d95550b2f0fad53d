package io.egret.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Egret's boundaries as rules, parameterised by base package and module-name prefix so that the same rules are
 * also run against a deliberately broken fixture (proving they can fail).
 */
final class EgretArchitecture {
    private EgretArchitecture() {}

    /**
     * The hexagon: domain in the middle, ports as domain services, application services around them, adapters
     * outside, named one by one. {@code app} and {@code modules} are composition roots: they may touch
     * everything, which onionArchitecture() would otherwise count as an access to an adapter.
     */
    static ArchRule onion(String base, Collection<String> adapters) {
        com.tngtech.archunit.library.Architectures.OnionArchitecture rule = onionArchitecture()
                .domainModels(base + ".domain..")
                .domainServices(base + ".ports..")
                .applicationServices(base + ".application..");
        for (String adapter : adapters) {
            rule = rule.adapter(adapter, base + ".adapters." + adapter + "..");
        }
        // Composition roots may touch everything. The codec, the shared control protocol and the container-side
        // runtime (author API, executor, examples, Heron-API support) sit outside the onion: they have rules of their
        // own.
        return rule.ignoreDependency(
                        resideInAnyPackage(
                                base + ".app..",
                                base + ".modules..",
                                base + ".codec..",
                                base + ".control..",
                                base + ".api..",
                                base + ".executor..",
                                base + ".examples..",
                                base + ".benchmarks..",
                                base + ".heron.."),
                        alwaysTrue())
                .withOptionalLayers(true)
                .because("adapters depend on ports and domain only; only the composition roots know adapters");
    }

    /** Adapters never use the application layer, the composition roots or the container runtime. */
    static ArchRule adaptersUseOnlyPortsAndDomain(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".adapters..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        base + ".application..",
                        base + ".app..",
                        base + ".modules..",
                        base + ".api..",
                        base + ".executor..")
                .because("adapters depend on ports and domain (and the shared codec) only");
    }

    /**
     * Egret's own HTTP protocol (the topology-master control client every cluster uses, and the HTTP client the
     * local adapter shares) implements ports like an adapter, but lives outside the adapters because more than one
     * needs it: it may use ports, domain and codec only.
     */
    static ArchRule controlUsesOnlyPortsDomainAndCodec(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".control..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        base + ".application..",
                        base + ".adapters..",
                        base + ".app..",
                        base + ".modules..",
                        base + ".api..",
                        base + ".executor..")
                .because("shared protocol code knows ports, domain and codec only");
    }

    /** The JSON codec maps domain records and knows nothing else of Egret. */
    static ArchRule codecKnowsOnlyTheDomain(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".codec..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        base + ".ports..",
                        base + ".application..",
                        base + ".adapters..",
                        base + ".modules..",
                        base + ".app..",
                        base + ".api..",
                        base + ".executor..");
    }

    /** What topology authors compile against exposes no deployment machinery. */
    static ArchRule authorApiStaysSmall(String base) {
        return noClasses()
                .that()
                .resideInAnyPackage(base + ".api..", base + ".examples..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        base + ".ports..",
                        base + ".application..",
                        base + ".adapters..",
                        base + ".modules..",
                        base + ".app..",
                        base + ".executor..");
    }

    /** Example topologies use only the author API, like any author's topology. */
    static ArchRule examplesUseOnlyTheApi(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".examples..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(base + ".domain..", base + ".codec..");
    }

    /** Neither Guice's nor Jakarta's @Inject on fields: constructor injection only. */
    static ArchRule noFieldInjection(String base) {
        return noFields()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(base + "..")
                .should()
                .beAnnotatedWith("com.google.inject.Inject")
                .orShould()
                .beAnnotatedWith("jakarta.inject.Inject")
                .orShould()
                .beAnnotatedWith("javax.inject.Inject")
                .because("dependencies are constructor arguments held in final fields");
    }

    static ArchRule inboundPortsAreUseCases(String base) {
        return classes()
                .that()
                .resideInAPackage(base + ".ports.in..")
                .and()
                .areInterfaces()
                .and()
                .areTopLevelClasses()
                .should()
                .haveSimpleNameEndingWith("UseCase");
    }

    static ArchRule outboundPortsArePorts(String base) {
        return classes()
                .that()
                .resideInAPackage(base + ".ports.out..")
                .and()
                .areInterfaces()
                .and()
                .areTopLevelClasses()
                .should()
                .haveSimpleNameEndingWith("Port");
    }

    /**
     * The domain uses nothing but the JDK's core: no frameworks, no files, no network. {@code java.net.URI} is a
     * value type and allowed.
     */
    static ArchRule domainIsPure(String base) {
        DescribedPredicate<JavaClass> input = resideInAnyPackage(
                        "com.google..",
                        "com.fasterxml..",
                        "jakarta..",
                        "javax..",
                        "org..",
                        "java.nio.file..",
                        "java.net..")
                .and(not(type(java.net.URI.class)))
                .and(not(type(java.net.URISyntaxException.class)))
                .as("libraries, files or the network");
        return noClasses()
                .that()
                .resideInAPackage(base + ".domain..")
                .should()
                .dependOnClassesThat(input)
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(java.io.File.class, java.io.FileInputStream.class, java.io.FileOutputStream.class)
                .because("the domain is pure model and rules");
    }

    /**
     * Module-descriptor rules, read from the compiled {@code module-info}s.
     *
     * @return one line per violation; empty when the modules are in order
     */
    static List<String> moduleViolations(Collection<ModuleDescriptor> descriptors, String prefix) {
        Map<String, ModuleDescriptor> byName = new TreeMap<>();
        for (ModuleDescriptor descriptor : descriptors) {
            byName.put(descriptor.name(), descriptor);
        }
        String domain = prefix + ".domain";
        String adapterPrefix = prefix + ".adapters.";
        Set<String> compositionRoots = Set.of(prefix + ".modules");
        List<String> violations = new ArrayList<>();
        for (ModuleDescriptor descriptor : byName.values()) {
            for (ModuleDescriptor.Requires requires : descriptor.requires()) {
                String required = requires.name();
                if (descriptor.name().equals(domain) && !required.equals("java.base")) {
                    violations.add(domain + " must require only java.base, but requires " + required);
                }
                if (required.startsWith(adapterPrefix)) {
                    if (descriptor.name().startsWith(adapterPrefix)) {
                        violations.add("adapter " + descriptor.name() + " must not require adapter " + required);
                    } else if (!compositionRoots.contains(descriptor.name())) {
                        violations.add(descriptor.name() + " must not require adapter " + required + "; only "
                                + compositionRoots + " installs adapters");
                    }
                }
            }
        }
        return violations;
    }
}
