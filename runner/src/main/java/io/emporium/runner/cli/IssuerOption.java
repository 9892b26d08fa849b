package io.emporium.runner.cli;

import java.net.URI;

import picocli.CommandLine.Option;

/** {@code --issuer}: the identity service that commands logging a user in ask. A picocli mixin. */
final class IssuerOption {

    @Option(names = "--issuer", paramLabel = "URL",
            defaultValue = "${env:EMPORIUM_SECURITY_ISSUER_URI:-http://localhost:9000}",
            description = {"The identity service (default:", "$EMPORIUM_SECURITY_ISSUER_URI, else",
                    "http://localhost:9000)."})
    URI issuer;
}
