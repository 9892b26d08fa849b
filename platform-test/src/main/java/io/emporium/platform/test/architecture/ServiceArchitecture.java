package io.emporium.platform.test.architecture;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.Nullable;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture every Emporium service keeps, as ArchUnit rules; a service applies all of them to its own
 * production classes with a test of three lines:
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.emporium.payments", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests serviceArchitecture = ArchTests.in(ServiceArchitecture.class);
 * }
 * }</pre>
 * A class's service is read from its package ({@code io.emporium.<service>..}), so the rules need no settings; a rule
 * that finds nothing to check in a service passes (the gateway and the registry have no domain). A service's
 * packages go by feature, then by role: {@code model} (the domain), {@code application} (use cases and their ports),
 * and adapters ({@value #ADAPTER_ROLES}). Every service may use the platform ({@code io.emporium.platform..}) and any
 * service's published contracts ({@code io.emporium.<service>.api}). The deliberate exceptions are named in the rule
 * they loosen, with their reason; there are no others.
 */
public final class ServiceArchitecture {

    /** The adapter roles: each translates between one outside world and the use cases, and knows no other. */
    static final String ADAPTER_ROLES = "web, persistence, messaging, provider";

    private static final Set<String> ADAPTERS = Set.of("web", "persistence", "messaging", "provider");
    private static final String EMPORIUM = "io.emporium.";
    private static final String PLATFORM = "platform";
    private static final String CONTRACTS = "api";

    /** Plain-Java libraries every package may use: the JDK and the null-ness annotations. */
    private static final List<String> PLAIN_JAVA = List.of("java.", "org.jspecify.");

    /**
     * The same libraries, plus the SLF4J facade for use cases: a logging facade, not a framework, so that a use case
     * may log what it decided.
     */
    private static final List<String> PLAIN_JAVA_AND_LOGGING = List.of("java.", "org.jspecify.", "org.slf4j.");

    /**
     * The only use cases that may speak other services' contracts: the order saga's definition and its participant
     * proxies name the commands the saga sends to inventory, payments and shipping, and the replies it awaits
     * (ftgo's {@code CreateOrderSaga} style), and {@code PublicOrderEvents} is what orders publishes.
     */
    private static final String SAGA_ORCHESTRATOR = "io.emporium.orders.order.application";

    /**
     * The one contract that states a rule rather than a message: the format of a customer id (identity's user name),
     * which every service that keeps a customer id checks in its own value type. Plain Java, so a model may use it;
     * not a message, so it is no reason to speak the messaging contracts outside the messaging adapter.
     */
    private static final String SHARED_RULES = "io.emporium.customers.api";

    private ServiceArchitecture() {
    }

    /**
     * The domain depends on nothing but the JDK and its own service's domain (of any of its features), on the
     * platform's plain-Java types (those that themselves use no framework, such as a generic saga engine) and on
     * {@link #SHARED_RULES}.
     */
    @ArchTest
    public static final ArchRule modelIsPlainJava = classes().that().resideInAPackage("..model..")
            .should(dependOnlyOn("the JDK, its own service's model, the platform's plain-Java types and the shared rules",
                    (origin, target) -> isIn(target, PLAIN_JAVA) || sameServiceRole(origin, target, "model")
                            || isPlainJavaPlatform(target) || isSharedRule(target)))
            .allowEmptyShould(true);

    /**
     * Use cases depend on the JDK, the logging facade, their service's model and use cases and the platform's
     * plain-Java types: nothing of Spring, Kafka, JDBC or Jackson. Exception: {@link #SAGA_ORCHESTRATOR} also speaks
     * its participants' published contracts.
     */
    @ArchTest
    public static final ArchRule applicationIsPlainJava = classes().that().resideInAPackage("..application..")
            .should(dependOnlyOn("the JDK, SLF4J, its own service's model and application, the platform's plain-Java "
                    + "types (and, for the order saga, the participants' contracts)",
                    (origin, target) -> isIn(target, PLAIN_JAVA_AND_LOGGING)
                            || sameServiceRole(origin, target, "model") || sameServiceRole(origin, target, "application")
                            || isPlainJavaPlatform(target) || isSharedRule(target)
                            || origin.getPackageName().equals(SAGA_ORCHESTRATOR) && isContract(target)))
            .allowEmptyShould(true);

    /** An adapter ({@value #ADAPTER_ROLES}) reaches the use cases and the model, never another adapter. */
    @ArchTest
    public static final ArchRule adaptersAreIsolatedFromEachOther = classes()
            .should(dependOnlyOn("its own adapter role, when it is an adapter",
                    (origin, target) -> {
                        String from = adapterRole(origin);
                        String to = adapterRole(target);
                        return from == null || to == null || from.equals(to) || !sameService(origin, target);
                    }));

    /**
     * A feature's {@code persistence} adapter is reached only from inside that feature (its configuration wires it):
     * how a feature stores its data is nobody else's business.
     */
    @ArchTest
    public static final ArchRule persistenceIsReachedOnlyFromItsFeature = classes()
            .should(dependOnlyOn("persistence packages of its own feature",
                    (origin, target) -> {
                        String feature = featureOfPersistence(target);
                        return feature == null || !sameService(origin, target)
                                || origin.getPackageName().equals(feature)
                                || origin.getPackageName().startsWith(feature + ".");
                    }));

    /**
     * Only the {@code messaging} adapter speaks the message contracts ({@code io.emporium.<service>.api}) and Kafka
     * (the contracts themselves, which a service's import finds on its class path, may use each other).
     * Exception: {@link #SAGA_ORCHESTRATOR}, the use cases of the order saga, which is defined in those contracts.
     */
    @ArchTest
    public static final ArchRule onlyMessagingSpeaksContractsAndKafka = classes()
            .should(dependOnlyOn("message contracts and Kafka only from its messaging adapter",
                    (origin, target) -> {
                        boolean messageLevel = isContract(target) && !isSharedRule(target)
                                || isIn(target, List.of("org.apache.kafka.", "org.springframework.kafka."));
                        return !messageLevel || hasSegment(origin.getPackageName(), "messaging") || isContract(origin)
                                || origin.getPackageName().equals(SAGA_ORCHESTRATOR) && isContract(target);
                    }));

    /**
     * No service uses another service's code: across services only the published contracts
     * ({@code io.emporium.<service>.api}) are shared, and the platform ({@code io.emporium.platform..}).
     */
    @ArchTest
    public static final ArchRule noServiceImportsAnother = classes()
            .should(dependOnlyOn("its own service, the platform and published contracts of io.emporium",
                    (origin, target) -> {
                        String service = serviceOf(target);
                        return service == null || service.equals(PLATFORM) || service.equals(serviceOf(origin))
                                || isContract(target);
                    }));

    /** No cycles between packages: every package of a service can be understood before the ones that use it. */
    @ArchTest
    public static final ArchRule packagesAreFreeOfCycles = slices().matching("io.emporium.(**)").should()
            .beFreeOfCycles().allowEmptyShould(true);

    /** Passes when every direct dependency of a class is allowed; names each one that is not. */
    private static ArchCondition<JavaClass> dependOnlyOn(String description, Allowed allowed) {
        return new ArchCondition<>("depend only on " + description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.isPrimitive() && !allowed.test(origin, target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    @FunctionalInterface
    private interface Allowed {

        boolean test(JavaClass origin, JavaClass target);
    }

    private static boolean isIn(JavaClass target, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> target.getName().startsWith(prefix));
    }

    /**
     * A platform type that itself uses nothing but the JDK, SLF4J and other platform types (read from the class
     * path: ArchUnit imports a missing dependency's class file with its own dependencies).
     */
    private static boolean isPlainJavaPlatform(JavaClass target) {
        return PLATFORM.equals(serviceOf(target)) && target.getDirectDependenciesFromSelf().stream()
                .map(dependency -> dependency.getTargetClass().getBaseComponentType())
                .allMatch(used -> used.isPrimitive() || isIn(used, PLAIN_JAVA_AND_LOGGING)
                        || PLATFORM.equals(serviceOf(used)));
    }

    /** A class of {@link #SHARED_RULES}. */
    private static boolean isSharedRule(JavaClass type) {
        return type.getPackageName().equals(SHARED_RULES);
    }

    /** A published contract: a class of {@code io.emporium.<service>.api..}. */
    private static boolean isContract(JavaClass type) {
        String[] segments = type.getPackageName().split("\\.");
        return type.getPackageName().startsWith(EMPORIUM) && segments.length > 3 && segments[3].equals(CONTRACTS);
    }

    private static boolean sameService(JavaClass origin, JavaClass target) {
        String service = serviceOf(origin);
        return service != null && service.equals(serviceOf(target));
    }

    private static boolean sameServiceRole(JavaClass origin, JavaClass target, String role) {
        return sameService(origin, target) && hasSegment(target.getPackageName(), role);
    }

    /** {@code payments} for {@code io.emporium.payments.payment.web}; null outside {@code io.emporium}. */
    private static @Nullable String serviceOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(EMPORIUM)) {
            return null;
        }
        int end = name.indexOf('.', EMPORIUM.length());
        return end < 0 ? name.substring(EMPORIUM.length()) : name.substring(EMPORIUM.length(), end);
    }

    /** The adapter role in a service's package below its service name ({@code web}, ...), or null for none. */
    private static @Nullable String adapterRole(JavaClass type) {
        if (serviceOf(type) == null) {
            return null;
        }
        String[] segments = type.getPackageName().split("\\.");
        for (int i = 3; i < segments.length; i++) {
            if (ADAPTERS.contains(segments[i])) {
                return segments[i];
            }
        }
        return null;
    }

    /** {@code io.emporium.identity.key} for {@code io.emporium.identity.key.persistence}; null for other packages. */
    private static @Nullable String featureOfPersistence(JavaClass type) {
        String name = type.getPackageName();
        int at = name.indexOf(".persistence");
        boolean whole = at >= 0 && (name.length() == at + ".persistence".length()
                || name.charAt(at + ".persistence".length()) == '.');
        return whole && serviceOf(type) != null ? name.substring(0, at) : null;
    }

    /** Whether a package below {@code io.emporium.<service>} has a segment of that name. */
    private static boolean hasSegment(String packageName, String segment) {
        List<String> segments = List.of(packageName.split("\\."));
        return segments.subList(Math.min(3, segments.size()), segments.size()).contains(segment);
    }
}
