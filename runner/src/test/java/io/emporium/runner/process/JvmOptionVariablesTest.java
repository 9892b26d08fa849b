package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JAVA_TOOL_OPTIONS and its kin reach a service JVM on its command line, so the JVM has nothing to announce on the
 * first line of its JSON log.
 */
class JvmOptionVariablesTest {

    @TempDir
    Path dir;

    @Test
    void splitsOptionsAsTheJvmDoesQuotesIncluded() {
        assertThat(JvmOptionVariables.split("  -Dhttps.proxyHost=proxy.example  '-Dgreeting=hello world' "
                + "-Dquoted=\"a b\"c -javaagent:/opt/agent.jar ")).containsExactly("-Dhttps.proxyHost=proxy.example",
                "-Dgreeting=hello world", "-Dquoted=a bc", "-javaagent:/opt/agent.jar");
        assertThat(JvmOptionVariables.split(null)).isEmpty();
        assertThat(JvmOptionVariables.split("   ")).isEmpty();
    }

    @Test
    void toolAndJdkOptionsGoBeforeTheCommandLineAndUnderscoreOptionsAfterIt() {
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=/tmp/fresh", "JDK_JAVA_OPTIONS",
                "-Xshare:auto", "_JAVA_OPTIONS", "-Xmx200m");

        assertThat(JvmOptionVariables.before(env)).containsExactly("-Djava.io.tmpdir=/tmp/fresh", "-Xshare:auto");
        assertThat(JvmOptionVariables.after(env)).containsExactly("-Xmx200m");
    }

    @Test
    void aProcessDoesNotGetTheVariablesItsSpecUnsets() throws Exception {
        Path log = dir.resolve("out.log");
        ProcessSpec spec = new ProcessSpec(List.of("sh", "-c", "echo \"tool=${JAVA_TOOL_OPTIONS-unset} "
                + "home=${HOME:+set}\""), Map.of(), dir, log, Processes.TERM, JvmOptionVariables.NAMES);

        assertThat(spec.launch().waitFor()).isZero();
        assertThat(Files.readString(log)).isEqualTo("tool=unset home=set\n");
    }
}
