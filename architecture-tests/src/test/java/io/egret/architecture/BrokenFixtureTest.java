package io.egret.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the same rules as {@link ArchitectureTest} against a deliberately broken fixture, proving that each rule
 * fails when its boundary is broken (a rule that cannot fail proves nothing).
 */
final class BrokenFixtureTest {
    private static final String BASE = "io.egret.fixtures.bad";

    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(BASE);
    }

    @Test
    void onionRuleCatchesDomainToAdapterAndAdapterToAdapter() {
        EvaluationResult result =
                EgretArchitecture.onion(BASE, List.of("alpha", "beta")).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertThat(report).contains("Order").contains("AlphaStore");
        assertThat(report).contains("BetaClient");
        // The composition root constructing an adapter is allowed.
        assertThat(report).doesNotContain("fixtures.bad.app.Main");
    }

    @Test
    void fieldInjectionIsCaught() {
        assertThatThrownBy(() -> EgretArchitecture.noFieldInjection(BASE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlaceOrderService.store");
    }

    @Test
    void namingRulesAreCaught() {
        assertThatThrownBy(() -> EgretArchitecture.inboundPortsAreUseCases(BASE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlaceOrder");
        assertThatThrownBy(() -> EgretArchitecture.outboundPortsArePorts(BASE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ports.out.Store");
    }

    @Test
    void moduleDescriptorViolationsAreReported() {
        List<ModuleDescriptor> broken = List.of(
                ModuleDescriptor.newModule("x.domain").requires("x.ports").build(),
                ModuleDescriptor.newModule("x.adapters.alpha")
                        .requires("x.adapters.beta")
                        .build(),
                ModuleDescriptor.newModule("x.adapters.beta").build(),
                ModuleDescriptor.newModule("x.app").requires("x.adapters.alpha").build(),
                ModuleDescriptor.newModule("x.modules")
                        .requires("x.adapters.alpha")
                        .build());

        assertThat(EgretArchitecture.moduleViolations(broken, "x"))
                .containsExactlyInAnyOrder(
                        "x.domain must require only java.base, but requires x.ports",
                        "adapter x.adapters.alpha must not require adapter x.adapters.beta",
                        "x.app must not require adapter x.adapters.alpha; only [x.modules] installs adapters");
    }
}
