package io.emporium.inventory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.emporium.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainAndApplicationAreFrameworkFreePlainJava = classes()
            .that().resideInAnyPackage("..model..", "..application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.inventory..model..", "io.emporium.inventory..application..");

    @ArchTest
    static final ArchRule modelDoesNotDependOnApplication = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("..application..");

    @ArchTest
    static final ArchRule onlyTheMessagingAdapterSpeaksTheMessageContract = noClasses()
            .that().resideInAPackage("io.emporium.inventory..")
            .and().resideOutsideOfPackages("..messaging..", "io.emporium.inventory.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.emporium.inventory.api..",
                    "io.emporium.platform.messaging..", "org.springframework.kafka..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistenceOrMessaging = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..messaging..");

    @ArchTest
    static final ArchRule persistenceDoesNotReachIntoWebOrMessaging = noClasses()
            .that().resideInAPackage("..persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..messaging..");

    @ArchTest
    static final ArchRule messagingDoesNotReachIntoWebOrPersistence = noClasses()
            .that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..");
}
