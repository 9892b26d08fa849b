/**
 * Infrastructure started from Maven artifacts with nothing preinstalled but a JDK: PostgreSQL from zonky's embedded
 * binaries, a KRaft Kafka broker JVM, Zipkin; or existing servers with {@code --external}.
 */
package io.emporium.runner.infra;
