package io.emporium.payments;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.emporium.platform.test.architecture.ServiceArchitecture;

/** The service keeps Emporium's architecture rules ({@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.emporium.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests serviceArchitecture = ArchTests.in(ServiceArchitecture.class);
}
