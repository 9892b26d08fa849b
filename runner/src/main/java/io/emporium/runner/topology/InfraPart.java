package io.emporium.runner.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The infrastructure parts the runner knows how to start; their names are reserved in the topology. */
public enum InfraPart {
    POSTGRES, KAFKA, ZIPKIN;

    public String partName() {
        return name().toLowerCase();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(InfraPart::partName).toList();
    }

    public static Optional<InfraPart> named(String name) {
        return Arrays.stream(values()).filter(part -> part.partName().equals(name)).findFirst();
    }
}
