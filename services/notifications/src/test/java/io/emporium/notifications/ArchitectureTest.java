package io.emporium.notifications;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.emporium.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainAndApplicationAreFrameworkFreePlainJava = classes()
            .that().resideInAnyPackage("..model..", "..application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.notifications..model..", "io.emporium.notifications..application..");

    @ArchTest
    static final ArchRule modelDoesNotDependOnApplication = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("..application..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..");

    @ArchTest
    static final ArchRule onlyTheMessagingAdapterSpeaksTheMessageContract = noClasses()
            .that().resideInAPackage("io.emporium.notifications..").and().resideOutsideOfPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("io.emporium.orders.api..",
                    "io.emporium.platform.messaging..", "org.springframework.kafka..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule messagingDoesNotReachIntoWebOrPersistence = noClasses()
            .that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..");

    @ArchTest
    static final ArchRule persistenceDoesNotReachIntoWeb = noClasses()
            .that().resideInAPackage("..persistence..")
            .should().dependOnClassesThat().resideInAPackage("..web..");
}
