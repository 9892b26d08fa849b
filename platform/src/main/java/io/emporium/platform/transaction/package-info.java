/**
 * The transaction port use cases depend on. Plain Java: nothing here imports Spring, so a service's
 * {@code application} package may use it; the Spring implementation lives in {@code io.emporium.platform.persistence}.
 */
package io.emporium.platform.transaction;
