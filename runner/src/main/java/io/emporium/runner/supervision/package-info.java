/**
 * The detached supervisor that owns every child process: start order, state file ({@code var/run/state.json}), run
 * lock, HTTP control channel on 127.0.0.1, orderly stop, and clean-up after a supervisor that died.
 */
package io.emporium.runner.supervision;
