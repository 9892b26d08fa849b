package io.emporium.platform.security;

import java.util.List;

import io.emporium.platform.security.reactive.ReactiveAccessRules;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The reactive resource server (the gateway's) applies the same checks and answers with the same problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=edge", "spring.main.web-application-type=reactive" })
@TestInfrastructure
class ReactiveResourceServerTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    @LocalServerPort
    int port;

    private WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void withoutTokenIsA401Problem() {
        client.get().uri("/things/mine").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.traceId").exists();
    }

    @Test
    void aValidTokenPasses() {
        client.get().uri("/things/mine").headers(h -> h.setBearerAuth(issuer.customer("bob"))).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("bob");
    }

    @Test
    void aTokenForAnotherAudienceIsA401() {
        String token = issuer.sign(issuer.claims("bob", List.of("customer")).audience("payments").build());
        client.get().uri("/things/mine").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("wrong-audience"));
    }

    @Test
    void aCustomerOnAnAdminPathIsA403Problem() {
        client.get().uri("/admin/things").headers(h -> h.setBearerAuth(issuer.customer("bob"))).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/admin/things").headers(h -> h.setBearerAuth(issuer.admin())).exchange()
                .expectStatus().isOk();
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(ThingController.class)
    static class TestApplication {

        @Bean
        ReactiveAccessRules thingRules() {
            return exchanges -> exchanges.pathMatchers("/admin/**").hasRole("ADMIN");
        }
    }

    @RestController
    static class ThingController {

        @GetMapping("/things/mine")
        Mono<String> mine(@AuthenticationPrincipal Jwt token) {
            return Mono.just(token.getSubject());
        }

        @GetMapping("/admin/things")
        Mono<String> all() {
            return Mono.just("all");
        }
    }
}
