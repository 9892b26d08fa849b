package io.emporium.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.emporium.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The domain and the use cases are plain Java: no Spring, JDBC, Kafka or Jackson. They may use the platform's saga
     * engine (its package alone, which is plain Java too; not its JDBC store).
     */
    @ArchTest
    static final ArchRule domainSagaAndApplicationAreFrameworkFree = classes()
            .that().resideInAnyPackage("..model..", "..application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.orders..model..", "io.emporium.orders..application..", "io.emporium.platform.saga",
                    "io.emporium.orders.api..", "io.emporium.inventory.api..", "io.emporium.payments.api..",
                    "io.emporium.shipping.api..");

    @ArchTest
    static final ArchRule modelDoesNotDependOnApplication = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("..application..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistenceOrMessaging = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..messaging..");
}
