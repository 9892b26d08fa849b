package io.emporium.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./emporium} launcher finds its JDK whatever the environment: with options variables that make every JVM
 * print a line before its version (seen: with JAVA_TOOL_OPTIONS set it found no JDK at all), and with a JDK that
 * prints more than its version.
 */
class LauncherTest {

    private static final String JDK = System.getProperty("java.home");
    private static final int MAJOR = Runtime.version().feature();

    @TempDir
    Path dir;

    @Test
    void findsTheJdkWithJavaToolOptionsSet() throws Exception {
        assertThat(info(JDK, Map.of("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=proxy.example")))
                .startsWith("jdk          " + JDK + " (Java " + MAJOR + ")");
    }

    @Test
    void findsTheJdkWithJdkJavaOptionsAndUnderscoreJavaOptionsSet() throws Exception {
        assertThat(info(JDK, Map.of("JDK_JAVA_OPTIONS", "-Xshare:auto", "_JAVA_OPTIONS", "-Dfile.encoding=UTF-8")))
                .startsWith("jdk          " + JDK + " (Java " + MAJOR + ")");
    }

    @Test
    void readsTheVersionOfAJdkThatPrintsLinesBeforeIt() throws Exception {
        Path jdk = fakeJdk("""
                echo "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes" >&2
                echo "Picked up JAVA_TOOL_OPTIONS: -Dset.by.a.wrapper=1" >&2
                echo 'openjdk version "23.0.2" 2025-01-21' >&2
                echo 'OpenJDK Runtime Environment Temurin-23.0.2+7 (build 23.0.2+7)' >&2
                """);

        assertThat(info(jdk.toString(), Map.of())).startsWith("jdk          " + jdk + " (Java 23)");
    }

    /** A JDK directory whose {@code java -version} runs {@code script}, with a {@code javac} beside it. */
    private Path fakeJdk(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fake-jdk/bin"));
        for (String tool : new String[] { "java", "javac" }) {
            Path file = bin.resolve(tool);
            Files.writeString(file, "#!/bin/sh\n" + script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin.getParent();
    }

    /** {@code ./emporium info} with JAVA_HOME and extra environment; its standard output, failing on a non-zero exit. */
    private static String info(String javaHome, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", TestPorts.home().resolve("emporium").toString(), "info")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().putAll(env);
        Process launcher = builder.start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as(output).isZero();
        return output;
    }
}
