package io.emporium.platform.test.architecture;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.emporium.platform.test.architecture.ServiceArchitecture.adaptersAreIsolatedFromEachOther;
import static io.emporium.platform.test.architecture.ServiceArchitecture.applicationIsPlainJava;
import static io.emporium.platform.test.architecture.ServiceArchitecture.modelIsPlainJava;
import static io.emporium.platform.test.architecture.ServiceArchitecture.noServiceImportsAnother;
import static io.emporium.platform.test.architecture.ServiceArchitecture.onlyMessagingSpeaksContractsAndKafka;
import static io.emporium.platform.test.architecture.ServiceArchitecture.packagesAreFreeOfCycles;
import static io.emporium.platform.test.architecture.ServiceArchitecture.persistenceIsReachedOnlyFromItsFeature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The rules against two made-up services: {@code io.emporium.tidy} keeps them all, {@code io.emporium.tangled} breaks
 * each once (see the classes there), so a rule that no longer catches what it names fails here.
 */
class ServiceArchitectureTest {

    private static final JavaClasses tidy = new ClassFileImporter().importPackages("io.emporium.tidy");
    private static final JavaClasses tangled = new ClassFileImporter().importPackages("io.emporium.tangled");

    @Test
    void aServiceThatKeepsTheRulesPassesAllOfThem() {
        assertThat(List.of(modelIsPlainJava, applicationIsPlainJava, adaptersAreIsolatedFromEachOther,
                persistenceIsReachedOnlyFromItsFeature, onlyMessagingSpeaksContractsAndKafka, noServiceImportsAnother,
                packagesAreFreeOfCycles)).allSatisfy(rule -> assertThat(violations(rule, tidy)).isEmpty());
    }

    /** Each rule, the class that breaks it and a fragment of what that class must not use. */
    static Stream<Arguments> breaches() {
        return Stream.of(
                arguments(named("the model may not use a framework", modelIsPlainJava),
                        "tangled.order.model.Order", "springframework.util"),
                arguments(named("the model may not use a platform type that uses a framework", modelIsPlainJava),
                        "tangled.order.model.Order", "TestKafka"),
                arguments(named("a use case may not be a Spring bean", applicationIsPlainJava),
                        "PlaceOrder", "stereotype.Service"),
                arguments(named("an adapter may not reach another adapter", adaptersAreIsolatedFromEachOther),
                        "web.OrderController", "persistence.JdbcOrders"),
                arguments(named("a feature's persistence is reached only from that feature",
                        persistenceIsReachedOnlyFromItsFeature), "cart.Carts", "persistence.JdbcOrders"),
                arguments(named("only the messaging adapter speaks Kafka", onlyMessagingSpeaksContractsAndKafka),
                        "web.OrderController", "kafka"),
                arguments(named("a service may not use another service's code", noServiceImportsAnother),
                        "tangled.order.application.PlaceOrder", "io.emporium.tidy.order.model.Order$Line"),
                arguments(named("packages may not form a cycle", packagesAreFreeOfCycles),
                        "Cycle detected", "tangled.a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void eachRuleCatchesWhatItForbids(ArchRule rule, String origin, String target) {
        assertThat(violations(rule, tangled)).anyMatch(line -> line.contains(origin) && line.contains(target));
    }

    /** Each rule and a fragment of what it allows in the tangled service (another rule's business). */
    static Stream<Arguments> allowances() {
        return Stream.of(
                arguments(named("another feature's persistence is not the adapter rule's business",
                        adaptersAreIsolatedFromEachOther), "cart.Carts"),
                arguments(named("an adapter of the same feature may reach its persistence (for the persistence rule)",
                        persistenceIsReachedOnlyFromItsFeature), "web.OrderController"),
                arguments(named("every service may use the platform", noServiceImportsAnother),
                        "io.emporium.platform"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowances")
    void eachRuleLeavesAloneWhatItAllows(ArchRule rule, String fragment) {
        assertThat(violations(rule, tangled)).noneMatch(line -> line.contains(fragment));
    }

    private static List<String> violations(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).getFailureReport().getDetails();
    }
}
