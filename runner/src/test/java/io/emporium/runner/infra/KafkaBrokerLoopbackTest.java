package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.emporium.runner.topology.KafkaSpec;

/**
 * The local broker is reachable from this machine only: loopback is its security boundary (it has no authentication,
 * see docs/security.md), so every address it binds, advertises or dials for its controller must be a loopback one.
 * An empty host ({@code PLAINTEXT://:9092}) or {@code 0.0.0.0} would bind every interface.
 */
class KafkaBrokerLoopbackTest {

    private final Properties properties = serverProperties();

    @Test
    void listensOnLoopbackOnly() {
        assertThat(values("listeners")).isNotEmpty().allSatisfy(KafkaBrokerLoopbackTest::assertLoopback);
    }

    @Test
    void advertisesLoopbackOnly() {
        assertThat(values("advertised.listeners")).isNotEmpty().allSatisfy(KafkaBrokerLoopbackTest::assertLoopback);
    }

    @Test
    void reachesItsControllerOverLoopbackOnly() {
        assertThat(properties.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(values("listeners")).anyMatch(listener -> listener.startsWith("CONTROLLER://"));
        // voters are id@host:port; a quorum bootstrap list, if the broker ever gets one, is host:port
        List<String> voters = values("controller.quorum.voters").stream()
                .map(voter -> "CONTROLLER://" + voter.substring(voter.indexOf('@') + 1)).toList();
        List<String> bootstrap = values("controller.quorum.bootstrap.servers").stream()
                .map(server -> "CONTROLLER://" + server).toList();
        assertThat(voters).isNotEmpty().allSatisfy(KafkaBrokerLoopbackTest::assertLoopback);
        assertThat(bootstrap).allSatisfy(KafkaBrokerLoopbackTest::assertLoopback);
    }

    @Test
    void speaksPlaintextOnEveryListenerBecauseNothingOffTheMachineReachesIt() {
        // if a listener is ever added with another protocol (SASL, SSL), this test and docs/security.md change with it
        assertThat(values("listener.security.protocol.map"))
                .containsExactlyInAnyOrder("PLAINTEXT:PLAINTEXT", "CONTROLLER:PLAINTEXT");
    }

    /** {@code endpoint} is {@code NAME://host:port}; the host may be an IPv6 literal in brackets. */
    private static void assertLoopback(String endpoint) {
        String hostAndPort = endpoint.substring(endpoint.indexOf("://") + 3);
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':')).replace("[", "").replace("]", "");
        assertThat(host).as("host of %s (none binds every interface)", endpoint).isNotBlank();
        try {
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as("%s is a loopback address", endpoint)
                    .isTrue();
        } catch (IOException e) {
            throw new AssertionError(endpoint + " does not resolve", e);
        }
    }

    private List<String> values(String key) {
        String value = properties.getProperty(key, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    private static Properties serverProperties() {
        String written = new KafkaBroker(Path.of("lib"), Path.of("kafka"), new KafkaSpec(19092, 19093), "java",
                Path.of("kafka.log")).serverProperties(Path.of("data"));
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(written));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }
}
