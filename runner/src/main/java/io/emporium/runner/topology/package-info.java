/** The declarative topology file {@code emporium.yaml}: parsing, validation and start order. */
package io.emporium.runner.topology;
