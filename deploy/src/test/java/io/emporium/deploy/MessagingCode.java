package io.emporium.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * What the code says about Kafka, read from the sources (the single source of truth the ACLs must follow):
 * <ul>
 * <li>the topics: every top-level {@code String} constant of the messaging contracts under {@code contracts/} (their
 * {@code *Messages} types: {@code InventoryMessages.COMMANDS} is {@code inventory.commands}; a contract that states a
 * rule, such as {@code CustomerIds}, names no topic), and any topic a service names in a listener or a topic
 * declaration;</li>
 * <li>per service under {@code services/}, from its main sources: the topics and consumer groups of its
 * message-handler tables ({@code MessageHandlers.consumer(group).topics(...)}) and of any {@code @KafkaListener}s (a
 * listener without {@code groupId} takes its {@code id}, else the service's {@code spring.kafka.consumer.group-id},
 * which the platform defaults to {@code spring.application.name}); the topics
 * it declares ({@code MessagingTopics.withDeadLetterTopics}); and the topics it publishes to, which are the topics it
 * names anywhere else (an outbox message, a saga command). A topic named outside a listener therefore counts as
 * published: reading more into the code than it does fails the ACL check loudly instead of granting too little.</li>
 * </ul>
 * Constants resolve as javac would for the forms the code uses: {@code Type.NAME}, a {@code NAME} of the same file or
 * statically imported, and string literals. What cannot be resolved in a listener or a declaration is an error.
 */
final class MessagingCode {

    /** The repository, from the module's directory (the tests' working directory). */
    static final Path ROOT = Path.of("..");

    /** The suffix of the contracts' message types, whose top-level constants are topics. */
    private static final String MESSAGES = "Messages";

    /** A message-handler table: {@code MessageHandlers.consumer(group).topics(...)}. */
    private static final String TABLE = "MessageHandlers";

    private static final JavaParser PARSER = new JavaParser(
            new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_21));

    /**
     * One service's use of Kafka.
     *
     * @param name the service's directory under {@code services/}
     * @param applicationName its {@code spring.application.name}: its Kafka principal ({@code User:<name>})
     * @param publishes topics it publishes to
     * @param consumes topics its listeners consume
     * @param groups consumer groups of its listeners
     * @param declares topics it declares with their dead-letter twins
     */
    record Service(String name, String applicationName, Set<String> publishes, Set<String> consumes,
            Set<String> groups, Set<String> declares) {

        boolean usesKafka() {
            return !publishes.isEmpty() || !consumes.isEmpty();
        }
    }

    private MessagingCode() {
    }

    /** The contracts' topic constants, by {@code Type.NAME}. */
    static Map<String, String> contractTopics() {
        Map<String, String> topics = new HashMap<>();
        for (CompilationUnit unit : parseAll(ROOT.resolve("contracts"))) {
            for (TypeDeclaration<?> type : unit.getTypes()) {
                if (!type.getNameAsString().endsWith(MESSAGES)) {
                    continue;
                }
                stringConstants(type).forEach((name, value) -> topics.put(type.getNameAsString() + "." + name, value));
            }
        }
        return topics;
    }

    /** Every service under {@code services/}, sorted by name, whether it uses Kafka or not. */
    static List<Service> services() {
        Map<String, String> contractTopics = contractTopics();
        Set<String> known = new TreeSet<>(contractTopics.values());
        List<ServiceSources> sources = new ArrayList<>();
        try (Stream<Path> directories = Files.list(ROOT.resolve("services"))) {
            directories.filter(directory -> Files.isDirectory(directory.resolve("src/main/java"))).sorted()
                    .forEach(directory -> sources.add(new ServiceSources(directory, contractTopics)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a topic only one service names in a listener or declaration is still a topic
        sources.forEach(service -> known.addAll(service.listenedAndDeclared()));
        return sources.stream().map(service -> service.toService(known)).toList();
    }

    /** The value of the {@code String} constant {@code field} of the top-level type in {@code source}. */
    static String constant(Path source, String field) {
        CompilationUnit unit = parse(source);
        return unit.getTypes().stream().map(MessagingCode::stringConstants).map(constants -> constants.get(field))
                .filter(value -> value != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no String constant " + field + " in " + source));
    }

    /** The {@code static final String} fields of {@code type} itself (not of its nested types) with a literal value. */
    private static Map<String, String> stringConstants(TypeDeclaration<?> type) {
        Map<String, String> constants = new HashMap<>();
        for (FieldDeclaration field : type.getFields()) {
            if (field.isStatic() && field.isFinal() && field.getElementType().asString().equals("String")) {
                field.getVariables().forEach(variable -> variable.getInitializer()
                        .filter(Expression::isStringLiteralExpr)
                        .ifPresent(value -> constants.put(variable.getNameAsString(),
                                value.asStringLiteralExpr().asString())));
            }
        }
        return constants;
    }

    /** One service's main sources and configuration. */
    private static final class ServiceSources {

        private final String name;
        private final String applicationName;
        private final String defaultGroup;
        private final List<CompilationUnit> units;
        private final Map<String, String> constants = new HashMap<>();
        private final Set<String> consumes = new TreeSet<>();
        private final Set<String> groups = new TreeSet<>();
        private final Set<String> declares = new TreeSet<>();
        private final Map<CompilationUnit, List<String>> typeNames = new HashMap<>();

        ServiceSources(Path directory, Map<String, String> contractTopics) {
            this.name = directory.getFileName().toString();
            Map<String, Object> configuration = applicationYaml(directory);
            this.applicationName = Optional.ofNullable((String) at(configuration, "spring", "application", "name"))
                    .orElseThrow(() -> new IllegalStateException(name + " has no spring.application.name"));
            this.defaultGroup = Optional.ofNullable((String) at(configuration, "spring", "kafka", "consumer",
                    "group-id")).orElse(applicationName);
            this.units = parseAll(directory.resolve("src/main/java"));
            constants.putAll(contractTopics);
            for (CompilationUnit unit : units) {
                for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
                    stringConstants(type).forEach((field, value) -> constants.put(type.getNameAsString() + "." + field,
                            value));
                }
            }
            for (CompilationUnit unit : units) {
                unit.findAll(AnnotationExpr.class, annotation -> annotation.getNameAsString().endsWith("KafkaListener"))
                        .forEach(listener -> readListener(unit, listener));
                unit.findAll(MethodCallExpr.class, ServiceSources::isTableTopics)
                        .forEach(topics -> readTable(unit, topics));
                unit.findAll(MethodCallExpr.class, call -> call.getNameAsString().equals("withDeadLetterTopics"))
                        .forEach(call -> call.getArguments().forEach(argument -> declares.add(required(unit, argument,
                                "a topic declared in " + name))));
            }
        }

        Set<String> listenedAndDeclared() {
            Set<String> topics = new TreeSet<>(consumes);
            topics.addAll(declares);
            return topics;
        }

        /** Published: every name of a known topic outside listener annotations and topic declarations. */
        Service toService(Set<String> knownTopics) {
            Set<String> publishes = new TreeSet<>();
            for (CompilationUnit unit : units) {
                unit.findAll(Expression.class, expression -> expression.isStringLiteralExpr()
                        || expression.isNameExpr() || expression.isFieldAccessExpr())
                        .stream().filter(expression -> !insideListenerOrDeclaration(expression))
                        .map(expression -> resolve(unit, expression)).flatMap(Optional::stream)
                        .filter(knownTopics::contains).forEach(publishes::add);
            }
            return new Service(name, applicationName, publishes, consumes, groups, declares);
        }

        /** {@code topics(...)} called on {@code MessageHandlers.consumer(...)}. */
        private static boolean isTableTopics(MethodCallExpr call) {
            return call.getNameAsString().equals("topics") && call.getScope()
                    .filter(scope -> scope instanceof MethodCallExpr consumer
                            && consumer.getNameAsString().equals("consumer")
                            && consumer.getScope().filter(type -> type instanceof NameExpr name
                                    && name.getNameAsString().equals(TABLE)).isPresent())
                    .isPresent();
        }

        /** A table's consumer name is its consumer group; its topics are consumed. */
        private void readTable(CompilationUnit unit, MethodCallExpr topics) {
            MethodCallExpr consumer = (MethodCallExpr) topics.getScope().orElseThrow();
            String where = "the MessageHandlers table in " + name + " ("
                    + topics.getBegin().map(Object::toString).orElse("") + ")";
            if (consumer.getArguments().size() != 1 || topics.getArguments().isEmpty()) {
                throw new IllegalStateException(where + " must name one consumer and its topics");
            }
            groups.add(required(unit, consumer.getArgument(0), "the consumer of " + where));
            topics.getArguments().forEach(topic -> consumes.add(required(unit, topic, "a topic of " + where)));
        }

        private void readListener(CompilationUnit unit, AnnotationExpr listener) {
            Map<String, Expression> attributes = new HashMap<>();
            if (listener instanceof SingleMemberAnnotationExpr single) {
                attributes.put("topics", single.getMemberValue());
            } else if (listener instanceof NormalAnnotationExpr normal) {
                for (MemberValuePair pair : normal.getPairs()) {
                    attributes.put(pair.getNameAsString(), pair.getValue());
                }
            }
            String where = "@KafkaListener in " + name + " (" + listener.getBegin().map(Object::toString).orElse("")
                    + ")";
            if (attributes.containsKey("topicPattern") || attributes.containsKey("topicPartitions")) {
                throw new IllegalStateException(where + " uses topicPattern or topicPartitions: decide its ACLs "
                        + "(a prefix ACL, documented) and teach MessagingCode to read it");
            }
            Expression topics = Optional.ofNullable(attributes.get("topics"))
                    .orElseThrow(() -> new IllegalStateException(where + " names no topics"));
            List<Expression> each = topics instanceof ArrayInitializerExpr array ? array.getValues() : List.of(topics);
            each.forEach(topic -> consumes.add(required(unit, topic, "a topic of " + where)));
            boolean idIsGroup = !(attributes.get("idIsGroup") instanceof BooleanLiteralExpr literal)
                    || literal.getValue();
            if (attributes.containsKey("groupId")) {
                groups.add(required(unit, attributes.get("groupId"), "the groupId of " + where));
            } else if (attributes.containsKey("id") && idIsGroup) {
                groups.add(required(unit, attributes.get("id"), "the id of " + where));
            } else {
                groups.add(defaultGroup);
            }
        }

        private String required(CompilationUnit unit, Expression expression, String what) {
            return resolve(unit, expression).filter(value -> !value.contains("${") && !value.contains("#{"))
                    .orElseThrow(() -> new IllegalStateException("cannot tell " + what + " from `" + expression
                            + "`: name it with a constant or a literal"));
        }

        private Optional<String> resolve(CompilationUnit unit, Expression expression) {
            if (expression instanceof StringLiteralExpr literal) {
                return Optional.of(literal.asString());
            }
            if (expression instanceof FieldAccessExpr access && access.getScope() instanceof NameExpr type) {
                return Optional.ofNullable(constants.get(type.getNameAsString() + "." + access.getNameAsString()));
            }
            if (expression instanceof NameExpr simple) {
                String field = simple.getNameAsString();
                Optional<String> own = typeNames.computeIfAbsent(unit, MessagingCode::typeNames).stream()
                        .map(type -> constants.get(type + "." + field))
                        .filter(value -> value != null).findFirst();
                if (own.isPresent()) {
                    return own;
                }
                return unit.getImports().stream().filter(i -> i.isStatic() && !i.isAsterisk()
                                && i.getName().getIdentifier().equals(field))
                        .map(i -> i.getName().getQualifier().map(type -> type.getIdentifier() + "." + field))
                        .flatMap(Optional::stream).map(constants::get).filter(value -> value != null).findFirst();
            }
            return Optional.empty();
        }

        private static boolean insideListenerOrDeclaration(Node node) {
            for (Optional<Node> parent = node.getParentNode(); parent.isPresent();
                    parent = parent.get().getParentNode()) {
                if (parent.get() instanceof AnnotationExpr annotation
                        && annotation.getNameAsString().endsWith("KafkaListener")) {
                    return true;
                }
                if (parent.get() instanceof MethodCallExpr call
                        && (call.getNameAsString().equals("withDeadLetterTopics") || isTableTopics(call))) {
                    return true;
                }
                if (parent.get() instanceof FieldDeclaration) {
                    return true; // a constant's own definition names it, nothing more
                }
            }
            return false;
        }

        /**
         * The first document of the service's application.yaml: the one every profile reads (the documents after it
         * are activated by profiles, such as the DEV-ONLY database password under {@code local | test}).
         */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> applicationYaml(Path directory) {
            Path file = directory.resolve("src/main/resources/application.yaml");
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(reader)) {
                    return document instanceof Map<?, ?> yaml ? (Map<String, Object>) yaml : Map.of();
                }
                return Map.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Object at(Map<String, Object> yaml, String... path) {
            Object node = yaml;
            for (String key : path) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = map.get(key);
            }
            return node;
        }
    }

    /** The names of the types a file declares, nested ones included. */
    private static List<String> typeNames(CompilationUnit unit) {
        return unit.findAll(TypeDeclaration.class).stream().map(type -> type.getNameAsString()).toList();
    }

    private static List<CompilationUnit> parseAll(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).filter(file -> file.toString()
                    .contains(Path.of("src", "main").toString())).sorted().map(MessagingCode::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompilationUnit parse(Path source) {
        try {
            ParseResult<CompilationUnit> result = PARSER.parse(source);
            return result.getResult().filter(unit -> result.isSuccessful())
                    .orElseThrow(() -> new IllegalStateException("cannot parse " + source + ": "
                            + result.getProblems()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
