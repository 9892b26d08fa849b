package io.emporium.orders.saga.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An orchestrated saga: an ordered list of steps, each next to its compensation, over data of type {@code D} (for
 * orders, the order aggregate, whose methods record what happened).
 *
 * <ul>
 * <li>A step sends its command(s), then waits for one of the replies it declared, at most its timeout. A step that
 * declares no reply (a local step) is done as soon as its commands are sent.</li>
 * <li>A success reply runs the step's success handler and moves on; after the last step the saga is COMPLETED.</li>
 * <li>A failure reply, or no reply before the deadline, fails the saga: the failure handler runs, then the
 * compensations of the steps that may have taken effect are sent, newest first (for a timeout, that includes the
 * step that timed out: its command may still be processed, and participants accept a compensation before the
 * command), and the saga is COMPENSATED.</li>
 * <li>Replies that the current step does not expect (duplicates, late replies of a finished saga) change nothing.</li>
 * </ul>
 * Compensations are sent and not awaited: the outbox guarantees their delivery and participants apply them
 * idempotently. Nothing here does I/O: every transition returns the commands to send and the next instance, which
 * the caller stores in one transaction with the data's changes.
 */
public final class SagaDefinition<D> {

    /** What a transition produced: the next instance and the commands to send (in order). */
    public record Transition(SagaInstance instance, List<Command> commands, boolean changed) {

        static Transition unchanged(SagaInstance instance) {
            return new Transition(instance, List.of(), false);
        }
    }

    private record Reply<D>(Class<?> type, @Nullable ReplyHandler<D, Object> onSuccess,
            @Nullable Function<Object, String> failureReason) {
    }

    private record Step<D>(String name, Function<D, List<Command>> action, List<Reply<D>> replies,
            @Nullable Function<D, Command> compensation, Duration timeout) {

        boolean awaitsReply() {
            return !replies.isEmpty();
        }
    }

    private final String name;
    private final List<Step<D>> steps;
    private final BiConsumer<D, Instant> onCompleted;
    private final FailureHandler<D> onCompensated;

    /** Records a success reply on the saga's data. */
    @FunctionalInterface
    public interface ReplyHandler<D, R> {
        void handle(D data, R reply, Instant at);
    }

    /** Runs when the saga fails, before its compensations are built (so they can quote the outcome). */
    @FunctionalInterface
    public interface FailureHandler<D> {
        void failed(D data, String reason, Instant at);
    }

    private SagaDefinition(String name, List<Step<D>> steps, BiConsumer<D, Instant> onCompleted,
            FailureHandler<D> onCompensated) {
        this.name = name;
        this.steps = List.copyOf(steps);
        this.onCompleted = onCompleted;
        this.onCompensated = onCompensated;
    }

    public static <D> Builder<D> named(String name, Duration defaultTimeout) {
        return new Builder<>(name, defaultTimeout);
    }

    public String name() {
        return name;
    }

    /** Every reply type the steps expect, by their message type name (the record's {@code TYPE} constant). */
    public Map<String, Class<?>> replyTypes() {
        Map<String, Class<?>> types = new HashMap<>();
        steps.forEach(step -> step.replies().forEach(reply -> types.put(MessageTypes.typeOf(reply.type()), reply.type())));
        return types;
    }

    /** The name of the step the instance waits on (for status views and logs). */
    public String stepName(SagaInstance instance) {
        return steps.get(Math.min(instance.step(), steps.size() - 1)).name();
    }

    /** Starts the saga on {@code data}: runs steps until one awaits a reply, or to completion. */
    public Transition start(String id, D data, Instant now) {
        return runFrom(0, SagaInstance.begin(id, name), data, now, new ArrayList<>());
    }

    /** Applies a reply; a reply the current step does not expect changes nothing. */
    public Transition onReply(SagaInstance instance, D data, Object reply, Instant now) {
        if (!instance.isRunning()) {
            return Transition.unchanged(instance);
        }
        Step<D> step = steps.get(instance.step());
        Optional<Reply<D>> expected = step.replies().stream().filter(r -> r.type().isInstance(reply)).findFirst();
        if (expected.isEmpty()) {
            return Transition.unchanged(instance);
        }
        Reply<D> matched = expected.get();
        if (matched.failureReason() != null) {
            return fail(instance, data, matched.failureReason().apply(reply), instance.step() - 1, now);
        }
        if (matched.onSuccess() != null) {
            matched.onSuccess().handle(data, reply, now);
        }
        return runFrom(instance.step() + 1, instance, data, now, new ArrayList<>());
    }

    /** The step's deadline passed without a reply: fail, compensating that step too. */
    public Transition onDeadline(SagaInstance instance, D data, Instant now) {
        if (!instance.isRunning() || instance.deadline() == null || now.isBefore(instance.deadline())) {
            return Transition.unchanged(instance);
        }
        String reason = "no reply to '" + steps.get(instance.step()).name() + "' within "
                + steps.get(instance.step()).timeout().toSeconds() + " s";
        return fail(instance, data, reason, instance.step(), now);
    }

    private Transition runFrom(int first, SagaInstance instance, D data, Instant now, List<Command> commands) {
        for (int index = first; index < steps.size(); index++) {
            Step<D> step = steps.get(index);
            commands.addAll(step.action().apply(data));
            if (step.awaitsReply()) {
                return new Transition(instance.waitingAt(index, now.plus(step.timeout())), commands, true);
            }
        }
        onCompleted.accept(data, now);
        return new Transition(instance.waitingAt(steps.size() - 1, now).completed(), commands, true);
    }

    private Transition fail(SagaInstance instance, D data, String reason, int lastToCompensate, Instant now) {
        onCompensated.failed(data, reason, now);
        List<Command> compensations = new ArrayList<>();
        for (int index = lastToCompensate; index >= 0; index--) {
            Function<D, Command> compensation = steps.get(index).compensation();
            if (compensation != null) {
                compensations.add(compensation.apply(data));
            }
        }
        return new Transition(instance.compensated(reason), compensations, true);
    }

    /** Builds a definition that reads like the saga's description: step, its action, its replies, its compensation. */
    public static final class Builder<D> {

        private final String name;
        private final Duration defaultTimeout;
        private final List<Step<D>> steps = new ArrayList<>();
        private BiConsumer<D, Instant> onCompleted = (data, at) -> { };
        private FailureHandler<D> onCompensated = (data, reason, at) -> { };

        private Builder(String name, Duration defaultTimeout) {
            this.name = name;
            this.defaultTimeout = defaultTimeout;
        }

        public StepBuilder step(String stepName) {
            return new StepBuilder(stepName);
        }

        public Builder<D> onCompleted(BiConsumer<D, Instant> handler) {
            this.onCompleted = handler;
            return this;
        }

        public Builder<D> onCompensated(FailureHandler<D> handler) {
            this.onCompensated = handler;
            return this;
        }

        public SagaDefinition<D> build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("saga " + name + " has no steps");
            }
            return new SagaDefinition<>(name, steps, onCompleted, onCompensated);
        }

        /** One step under construction; {@link #invoke} is required and comes first. */
        public final class StepBuilder {

            private final String stepName;
            private @Nullable Function<D, List<Command>> action;
            private final List<Reply<D>> replies = new ArrayList<>();
            private @Nullable Function<D, Command> compensation;
            private Duration timeout = defaultTimeout;

            private StepBuilder(String stepName) {
                this.stepName = stepName;
            }

            public StepBuilder invoke(Function<D, Command> command) {
                this.action = data -> List.of(command.apply(data));
                return this;
            }

            public StepBuilder invokeAll(Function<D, List<Command>> commands) {
                this.action = commands;
                return this;
            }

            /** A reply that means the step succeeded; {@code handler} records it on the data. */
            @SuppressWarnings("unchecked")
            public <R> StepBuilder onReply(Class<R> type, ReplyHandler<D, R> handler) {
                replies.add(new Reply<>(type, (data, reply, at) -> handler.handle(data, (R) reply, at), null));
                return this;
            }

            /** A reply that means the step failed, with the reason the saga fails for. */
            @SuppressWarnings("unchecked")
            public <R> StepBuilder failOn(Class<R> type, Function<R, String> reason) {
                replies.add(new Reply<>(type, null, reply -> reason.apply((R) reply)));
                return this;
            }

            public StepBuilder compensateWith(Function<D, Command> command) {
                this.compensation = command;
                return this;
            }

            public StepBuilder within(Duration stepTimeout) {
                this.timeout = stepTimeout;
                return this;
            }

            /** Ends this step and begins the next. */
            public StepBuilder step(String next) {
                return done().step(next);
            }

            public Builder<D> onCompleted(BiConsumer<D, Instant> handler) {
                return done().onCompleted(handler);
            }

            private Builder<D> done() {
                if (action == null) {
                    throw new IllegalStateException("step '" + stepName + "' of saga " + name + " has no action");
                }
                steps.add(new Step<>(stepName, action, List.copyOf(replies), compensation, timeout));
                return Builder.this;
            }
        }
    }
}
