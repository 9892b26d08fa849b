/**
 * The picocli commands: {@code up}, {@code down}, {@code status}, {@code logs}, {@code dlq list|replay}, {@code token}
 * and the hidden {@code supervise}.
 */
package io.emporium.runner.cli;
