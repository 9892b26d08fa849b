package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessSpecTest {

    final ProcessSpec spec = new ProcessSpec(List.of("java", "-Xmx128m", "-Dspring.datasource.password=hunter2",
            "-DPGPASSWORD=hunter3", "--client-secret=s3cret", "-Demporium.api-key=k3y",
            "--spring.datasource.url=jdbc:postgresql://admin:hunter4@db.local:5432/orders", "-jar", "orders.jar"),
            Map.of("SPRING_DATASOURCE_PASSWORD", "hunter5"), Path.of("."), Path.of("var/logs/orders.log"));

    @Test
    void aCommandLineIsShownWithoutItsSecrets() {
        assertThat(spec.describe())
                .isEqualTo("java -Xmx128m -Dspring.datasource.password=*** -DPGPASSWORD=*** --client-secret=*** "
                        + "-Demporium.api-key=*** "
                        + "--spring.datasource.url=jdbc:postgresql://admin:***@db.local:5432/orders -jar orders.jar");
    }

    @Test
    void neitherTheSecretsNorTheEnvironmentAppearInItsDescription() {
        assertThat(spec.toString()).doesNotContain("hunter").doesNotContain("s3cret").doesNotContain("k3y")
                .contains("-jar orders.jar");
    }
}
