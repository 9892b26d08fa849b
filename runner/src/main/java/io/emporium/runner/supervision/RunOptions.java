package io.emporium.runner.supervision;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run the system.
 *
 * @param external       use an existing PostgreSQL and Kafka instead of starting them
 * @param postgresUrl    admin URL of the external PostgreSQL ({@code postgresql://user:pass@host:port}), or null
 * @param kafkaBootstrap bootstrap servers of the external Kafka, or null
 * @param skip           parts not to start
 * @param aot            whether to train and use AOT caches (JDK 25+)
 * @param scale          instances per service for this run, overriding the topology's {@code instances}
 */
public record RunOptions(boolean external, String postgresUrl, String kafkaBootstrap, Set<String> skip, boolean aot,
                         Map<String, Integer> scale) {

    public RunOptions {
        skip = Set.copyOf(skip);
        scale = Map.copyOf(scale);
    }

    public RunOptions(boolean external, String postgresUrl, String kafkaBootstrap, Set<String> skip, boolean aot) {
        this(external, postgresUrl, kafkaBootstrap, skip, aot, Map.of());
    }

    /** The arguments that give the supervisor the same options (the PostgreSQL URL travels in the environment). */
    public List<String> toArguments() {
        List<String> arguments = new java.util.ArrayList<>();
        if (external) {
            arguments.add("--external");
        }
        if (kafkaBootstrap != null) {
            arguments.add("--kafka-bootstrap=" + kafkaBootstrap);
        }
        skip.stream().sorted().forEach(part -> arguments.add("--skip=" + part));
        if (!aot) {
            arguments.add("--no-aot");
        }
        scale.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> arguments.add("--scale=" + entry.getKey() + "=" + entry.getValue()));
        return arguments;
    }
}
