package io.emporium.runner.supervision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmFlagsTest {

    @Test
    void usesOnlyFlagsTheServiceJavaVersionKnows() {
        assertThat(Assembly.serviceJvmFlags(21)).contains("-XX:+UseSerialGC", "-Xmx160m")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders");
        assertThat(Assembly.serviceJvmFlags(23)).contains("--sun-misc-unsafe-memory-access=allow")
                .doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(Assembly.serviceJvmFlags(25))
                .contains("--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders");
    }
}
