package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.supervision.SystemState;

/**
 * The ready instances of an {@link InstanceTarget} that {@code loglevel} and {@code chaos} call on their actuator, one
 * after the other, with an administrator's access token.
 */
final class ReadyInstances {

    /** What a command does with one instance: calls its actuator and says on standard output what it answered. */
    @FunctionalInterface
    interface InstanceCall {

        /**
         * @param actuator the instances' actuator, called with the administrator's token; open for the call only
         * @throws Actuator.CallFailed when the instance does not answer as wanted
         */
        void call(Actuator actuator, PartStatus instance);
    }

    private final List<PartStatus> instances;
    private final boolean skipped;
    private final AdminLogin admin;
    private final String accessToken;

    private ReadyInstances(List<PartStatus> instances, boolean skipped, AdminLogin admin, String accessToken) {
        this.instances = instances;
        this.skipped = skipped;
        this.admin = admin;
        this.accessToken = accessToken;
    }

    /**
     * Finds the target's ready instances in the running system, then logs the administrator in (saying as whom on
     * {@code err}) and says on {@code err} each instance the target names that is skipped, not being ready. Empty,
     * after saying why on {@code err}, when Emporium is not running, none of the instances is ready or identity
     * issued no token; identity is asked only when an instance is ready.
     *
     * @throws IllegalArgumentException when no password was given and none can be asked for
     */
    static Optional<ReadyInstances> loggedIn(InstanceTarget target, Workspace workspace, AdminLogin admin,
                                             PrintWriter err) {
        Optional<SystemState> state = InstanceTarget.runningState(workspace, err);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        List<PartStatus> ready = target.selectReady(state.get());
        if (ready.isEmpty()) {
            Problem.report(err, target.whyNotReady(state.get()));
            return Optional.empty();
        }
        Optional<String> token = admin.accessToken(err);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        boolean skipped = false;
        for (PartStatus instance : target.select(state.get())) {
            if (!ready.contains(instance)) {
                err.println("emporium: " + instance.id() + " skipped: " + instance.status().label());
                skipped = true;
            }
        }
        return Optional.of(new ReadyInstances(ready, skipped, admin, token.get()));
    }

    /**
     * Calls each instance in instance order. When one fails, says why on {@code err} and goes on with the next; when
     * one refuses the token, says so on {@code err} and stops there (the others would refuse it too). Any other
     * exception of {@code call} ends the calls and is thrown on. The actuator is closed when the calls end.
     *
     * @return the exit code: 0 when every instance the target names was called, else 1
     */
    int callEach(PrintWriter err, InstanceCall call) {
        boolean failed = skipped;
        try (Actuator actuator = new Actuator(accessToken)) {
            for (PartStatus instance : instances) {
                try {
                    call.call(actuator, instance);
                } catch (Actuator.TokenRefused e) {
                    return Problem.report(err, admin.refused(instance.id(), e));
                } catch (Actuator.CallFailed e) {
                    Problem.report(err, instance.id() + " " + e.getMessage());
                    failed = true;
                }
            }
        }
        return failed ? 1 : 0;
    }
}
