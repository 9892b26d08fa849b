package io.emporium.platform.saga;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

@AnalyzeClasses(packages = "io.emporium.platform.saga", importOptions = ImportOption.DoNotIncludeTests.class)
class SagaEngineArchitectureTest {

    /**
     * The engine does no I/O and knows no framework, so a service's model and use cases may use it: only its JDBC
     * store (a sub-package) touches Spring and the database.
     */
    @ArchTest
    static final ArchRule theEngineIsPlainJava = classes()
            .that().resideInAPackage("io.emporium.platform.saga")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.platform.saga");
}
