package io.emporium.platform.test.infrastructure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;

/**
 * Points a test's application context (a {@code @SpringBootTest} or a slice) at the shared test infrastructure, in
 * place of a {@code @DynamicPropertySource} method that registers each piece:
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @TestInfrastructure(database = "payments", kafka = true)
 * class PaymentsIntegrationTest { ... }
 * }</pre>
 * Inherited, so a service's integration test base class can carry it. Contexts with the same infrastructure share the
 * context cache entry as usual.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TestInfrastructure {

    /** The service's own database and login role ({@link PostgresTestDatabase#shared}); empty for none. */
    String database() default "";

    /** Whether {@code spring.kafka.bootstrap-servers} points at the shared broker ({@link TestKafka}). */
    boolean kafka() default false;

    /** Whether the service accepts the access tokens of the {@link TestIssuer} (its issuer and key set). */
    boolean issuer() default true;
}
