package io.emporium.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The platform packages a service's {@code model} and {@code application} code may import are plain Java, so that
 * importing them keeps those packages free of Spring, Kafka and JDBC.
 */
@AnalyzeClasses(packages = "io.emporium.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlainJavaPackagesTest {

    @ArchTest
    static final ArchRule packagesForModelAndUseCasesArePlainJava = classes()
            .that().resideInAnyPackage("io.emporium.platform.transaction", "io.emporium.platform.paging")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                    "io.emporium.platform.transaction", "io.emporium.platform.paging");
}
