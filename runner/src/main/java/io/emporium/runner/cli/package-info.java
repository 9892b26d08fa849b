/** The picocli commands: {@code up}, {@code down}, {@code status}, {@code logs} and the hidden {@code supervise}. */
package io.emporium.runner.cli;
