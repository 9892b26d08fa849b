package io.emporium.tangled.b;

import io.emporium.tangled.a.A;

/** The other half of a package cycle. */
public final class B {

    A a;
}
