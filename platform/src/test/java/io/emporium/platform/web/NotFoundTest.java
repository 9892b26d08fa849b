package io.emporium.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotFoundTest {

    @Test
    void saysWhichThingIsMissingInTheSameWordsForEveryService() {
        NotFound notFound = NotFound.of("payment", "for order 42");

        assertThat(notFound.getStatusCode().value()).isEqualTo(404);
        assertThat(notFound.getBody().getStatus()).isEqualTo(404);
        assertThat(notFound.getBody().getTitle()).isEqualTo("Payment not found");
        assertThat(notFound.getBody().getDetail()).isEqualTo("No payment for order 42");
        assertThat(notFound.getBody().getType()).as("no type of its own: about:blank").isNull();
    }
}
