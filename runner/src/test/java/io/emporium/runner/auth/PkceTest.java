package io.emporium.runner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void derivesTheChallengeOfRfc7636AppendixB() {
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void generatesAFreshUnpaddedBase64UrlVerifierOf32RandomBytes() {
        SecureRandom random = new SecureRandom();
        Pkce first = Pkce.generate(random);
        Pkce second = Pkce.generate(random);

        assertThat(first.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(first.challenge()).isEqualTo(Pkce.challengeOf(first.verifier())).hasSize(43);
        assertThat(second.verifier()).isNotEqualTo(first.verifier());
    }
}
