package io.emporium.payments;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain and use cases are plain Java; adapters depend on them, never on each other. */
@AnalyzeClasses(packages = "io.emporium.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** SLF4J is a logging facade, not a framework: use cases may log what they decided. */
    @ArchTest
    static final ArchRule domainAndApplicationAreFrameworkFreePlainJava = classes()
            .that().resideInAnyPackage("..model..", "..application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "org.slf4j..",
                    "io.emporium.payments..model..", "io.emporium.payments..application..");

    @ArchTest
    static final ArchRule modelDependsOnNothingButJava = classes()
            .that().resideInAPackage("..model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.payments..model..");

    @ArchTest
    static final ArchRule webReachesNoOtherAdapter = adapterIsolated("..web..");

    @ArchTest
    static final ArchRule persistenceReachesNoOtherAdapter = adapterIsolated("..persistence..");

    @ArchTest
    static final ArchRule messagingReachesNoOtherAdapter = adapterIsolated("..messaging..");

    @ArchTest
    static final ArchRule providerReachesNoOtherAdapter = adapterIsolated("..provider..");

    private static ArchRule adapterIsolated(String adapter) {
        String[] others = java.util.stream.Stream.of("..web..", "..persistence..", "..messaging..", "..provider..")
                .filter(other -> !other.equals(adapter)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true);
    }
}
