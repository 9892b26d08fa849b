package io.emporium.runner.topology;

/** The Zipkin server that collects the services' spans. It gates nothing: services start without waiting for it. */
public record ZipkinSpec(int port) {
}
