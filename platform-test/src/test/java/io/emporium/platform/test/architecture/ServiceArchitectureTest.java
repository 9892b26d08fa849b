package io.emporium.platform.test.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules against two made-up services: {@code io.emporium.tidy} keeps them all, {@code io.emporium.tangled} breaks
 * each once (see the classes there), so a rule that no longer catches what it names fails here.
 */
class ServiceArchitectureTest {

    private static final JavaClasses tidy = new ClassFileImporter().importPackages("io.emporium.tidy");
    private static final JavaClasses tangled = new ClassFileImporter().importPackages("io.emporium.tangled");
    private static final List<ArchRule> all = List.of(ServiceArchitecture.modelIsPlainJava,
            ServiceArchitecture.applicationIsPlainJava, ServiceArchitecture.adaptersAreIsolatedFromEachOther,
            ServiceArchitecture.persistenceIsReachedOnlyFromItsFeature,
            ServiceArchitecture.onlyMessagingSpeaksContractsAndKafka, ServiceArchitecture.noServiceImportsAnother,
            ServiceArchitecture.packagesAreFreeOfCycles);

    @Test
    void aServiceThatKeepsTheRulesPassesAllOfThem() {
        assertThat(all).allSatisfy(rule -> assertThat(violations(rule, tidy)).isEmpty());
    }

    @Test
    void theModelMayUseNeitherAFrameworkNorAPlatformTypeThatUsesOne() {
        assertThat(violations(ServiceArchitecture.modelIsPlainJava, tangled))
                .anyMatch(line -> line.contains("tangled.order.model.Order") && line.contains("springframework.util"))
                .anyMatch(line -> line.contains("tangled.order.model.Order") && line.contains("TestKafka"));
    }

    @Test
    void aUseCaseMayNotBeASpringBean() {
        assertThat(violations(ServiceArchitecture.applicationIsPlainJava, tangled))
                .anyMatch(line -> line.contains("PlaceOrder") && line.contains("stereotype.Service"));
    }

    @Test
    void anAdapterMayNotReachAnotherAdapter() {
        assertThat(violations(ServiceArchitecture.adaptersAreIsolatedFromEachOther, tangled))
                .anyMatch(line -> line.contains("web.OrderController") && line.contains("persistence.JdbcOrders"))
                .noneMatch(line -> line.contains("cart.Carts"));
    }

    @Test
    void aFeaturesPersistenceIsReachedOnlyFromThatFeature() {
        assertThat(violations(ServiceArchitecture.persistenceIsReachedOnlyFromItsFeature, tangled))
                .anyMatch(line -> line.contains("cart.Carts") && line.contains("persistence.JdbcOrders"))
                .noneMatch(line -> line.contains("web.OrderController"));
    }

    @Test
    void onlyTheMessagingAdapterSpeaksKafka() {
        assertThat(violations(ServiceArchitecture.onlyMessagingSpeaksContractsAndKafka, tangled))
                .anyMatch(line -> line.contains("web.OrderController") && line.contains("kafka"));
    }

    @Test
    void aServiceMayNotUseAnotherServicesCode() {
        assertThat(violations(ServiceArchitecture.noServiceImportsAnother, tangled))
                .anyMatch(line -> line.contains("tangled.order.application.PlaceOrder")
                        && line.contains("io.emporium.tidy.order.model.Order$Line"))
                .noneMatch(line -> line.contains("io.emporium.platform"));
    }

    @Test
    void packagesMayNotFormACycle() {
        assertThat(violations(ServiceArchitecture.packagesAreFreeOfCycles, tangled))
                .anyMatch(line -> line.contains("Cycle detected"));
    }

    private static List<String> violations(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).getFailureReport().getDetails();
    }
}
