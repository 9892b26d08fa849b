package io.emporium.runner.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.process.Readiness;

/** The Zipkin server from its executable jar, bound to 127.0.0.1, keeping spans in memory (bounded). */
public final class ZipkinServer {

    private ZipkinServer() {
    }

    public static ProcessPart.Launch launch(String java, Path jar, int port, Path workingDirectory, Path logFile) {
        return preparation -> {
            if (!Files.isRegularFile(jar)) {
                throw new PartFailure("zipkin", jar + " is missing: build it with ./mvnw -pl infra/zipkin package",
                        List.of());
            }
            return new ProcessSpec(List.of(java, "-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-Xss256k",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
                    "--armeria.ports[0].protocols[0]=http"),
                    Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", "20000"),
                    workingDirectory, logFile);
        };
    }

    public static Readiness readiness(int port) {
        return new HttpReadiness("http://127.0.0.1:" + port + "/health");
    }
}
