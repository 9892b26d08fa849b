package io.emporium.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.emporium.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule keyModelAndApplicationArePlainJava = classes()
            .that().resideInAnyPackage("..key.model..", "..key.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.identity.key.model..", "io.emporium.identity.key.application..");

    @ArchTest
    static final ArchRule modelDoesNotDependOnApplication = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAPackage("..application..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..");

    @ArchTest
    static final ArchRule onlyTheKeyPackageKnowsHowKeysAreStored = noClasses()
            .that().resideOutsideOfPackage("io.emporium.identity.key..")
            .should().dependOnClassesThat().resideInAPackage("..key.persistence..");
}
