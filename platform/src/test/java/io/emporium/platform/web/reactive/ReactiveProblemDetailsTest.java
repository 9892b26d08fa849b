package io.emporium.platform.web.reactive;

import io.emporium.platform.security.reactive.ReactiveAccessRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Every failure of a reactive service (the gateway's stack) is an RFC 9457 problem with the trace id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=reactive-problems-test", "spring.main.web-application-type=reactive" })
class ReactiveProblemDetailsTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void everyResponseNamesItsTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client().get().uri("/no/such/path").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectHeader().valueEquals("X-Trace-Id", traceId)
                .expectBody().jsonPath("$.traceId").isEqualTo(traceId);
    }

    @Test
    void unmappedPathIsA404Problem() {
        expectProblem("/no/such/path", 404);
    }

    @Test
    void statusExceptionsKeepTheirStatus() {
        expectProblem("/unavailable", 503).jsonPath("$.detail").isEqualTo("downstream is gone");
    }

    @Test
    void invalidParametersListTheRejectedParameters() {
        expectProblem("/things?size=1000", 400).jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void unexpectedFailureIsA500ProblemThatNamesNoInternals() {
        expectProblem("/boom", 500).jsonPath("$.detail").value(detail ->
                org.assertj.core.api.Assertions.assertThat((String) detail).doesNotContain("secret-internal-state"));
    }

    private WebTestClient.BodyContentSpec expectProblem(String path, int status) {
        return client().get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.traceId").value(id ->
                        org.assertj.core.api.Assertions.assertThat((String) id).matches("[0-9a-f]{32}"));
    }

    // no database here (JDBC is on the platform's test classpath for the messaging tests)
    @SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(FailingController.class)
    static class TestApplication {

        /** These tests are about error bodies, not tokens: every path is open. */
        @Bean
        ReactiveAccessRules everythingOpen() {
            return exchanges -> exchanges.pathMatchers("/**").permitAll();
        }
    }

    @RestController
    static class FailingController {

        @GetMapping("/unavailable")
        Mono<String> unavailable() {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "downstream is gone"));
        }

        @GetMapping("/things")
        Mono<Integer> things(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
            return Mono.just(size);
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret-internal-state"));
        }
    }
}
