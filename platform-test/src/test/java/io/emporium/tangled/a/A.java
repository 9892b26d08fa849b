package io.emporium.tangled.a;

import io.emporium.tangled.b.B;

/** One half of a package cycle. */
public final class A {

    B b;
}
