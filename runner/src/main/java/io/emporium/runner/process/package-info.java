/**
 * Running child processes: launch specs, readiness checks, restart with exponential backoff, port checks, and the
 * JDK 25 AOT cache for Spring Boot jars.
 */
package io.emporium.runner.process;
