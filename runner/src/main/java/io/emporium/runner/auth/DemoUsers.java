package io.emporium.runner.auth;

import java.util.List;
import java.util.Optional;

/**
 * DEV ONLY: the demo users identity seeds when {@code emporium.identity.demo-users=true} (the local topology sets it),
 * with their published passwords {@code <user>-dev-only} (docs/adr/0003-identity-and-tokens.md). A real deployment
 * has none of them.
 */
public final class DemoUsers {

    /** {@code alice} and {@code bob} are customers, {@code admin} is an administrator. */
    public static final List<String> NAMES = List.of("alice", "bob", "admin");

    private DemoUsers() {
    }

    /** The demo password of {@code user}, a fresh array the caller may clear; empty for anyone else. */
    public static Optional<char[]> password(String user) {
        return NAMES.contains(user) ? Optional.of((user + "-dev-only").toCharArray()) : Optional.empty();
    }
}
