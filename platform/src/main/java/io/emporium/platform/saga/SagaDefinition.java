package io.emporium.platform.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An orchestrated saga: an ordered list of steps, each next to its compensation, over data of type {@code D}
 * (typically the aggregate the saga serves, whose methods record what happened). The steps follow the classic shape:
 * <b>compensatable</b> steps, whose effect can be undone; then the <b>pivot</b>, the last step that may fail (it
 * needs no compensation of its own when an earlier one covers it); then <b>retriable</b> steps
 * ({@link Builder.StepBuilder#retryOnDeadline()}), which cannot fail and are never undone.
 *
 * <ul>
 * <li>A step sends its command(s), then waits for one of the replies it declared, at most its timeout. A step that
 * declares no reply (a local step) is done as soon as its commands are sent.</li>
 * <li>A success reply runs the step's success handler and moves on; after the last step the saga is COMPLETED.</li>
 * <li>A failure reply, or no reply before the deadline, fails the saga: the failure handler runs, then the
 * compensations of the steps that may have taken effect are sent, newest first (for a timeout, that includes the
 * step that timed out: its command may still be processed, and participants accept a compensation before the
 * command), and the saga is COMPENSATED.</li>
 * <li>At a retriable step, a passed deadline fails nothing: the step's command(s) are sent again, with a new
 * deadline, and {@link SagaInstance#retries()} counts it. Participants answer repeated commands again, so the second
 * answer of a step the saga has passed is expected and ignored.</li>
 * <li>Every reply is judged first ({@link #judge}): applied only when the saga waits for exactly that type; ignored
 * when it acknowledges a compensation ({@link Builder.StepBuilder#acknowledgedBy}) or repeats the answer of a
 * retriable step already passed; refused otherwise (no such saga, another step's reply, a reply after the end), so
 * the caller can set it aside with the reason.</li>
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
            @Nullable Function<D, Command> compensation, Duration timeout, boolean retriable) {

        boolean awaitsReply() {
            return !replies.isEmpty();
        }

        boolean expects(Object reply) {
            return replies.stream().anyMatch(r -> r.type().isInstance(reply));
        }

        String expectedReplies() {
            return replies.stream().map(r -> r.type().getSimpleName()).collect(Collectors.joining(" or "));
        }
    }

    private final String name;
    private final List<Step<D>> steps;
    private final Set<Class<?>> acknowledgements;
    private final Map<String, Class<?>> replyTypes;
    private final BiConsumer<D, Instant> onCompleted;
    private final FailureHandler<D> onCompensated;

    /** Records a success reply on the data. */
    @FunctionalInterface
    public interface ReplyHandler<D, R> {
        void handle(D data, R reply, Instant at);
    }

    /** Runs when the saga fails, before its compensations are built (so they can quote the outcome). */
    @FunctionalInterface
    public interface FailureHandler<D> {
        void failed(D data, String reason, Instant at);
    }

    private SagaDefinition(String name, List<Step<D>> steps, Set<Class<?>> acknowledgements,
            BiConsumer<D, Instant> onCompleted, FailureHandler<D> onCompensated) {
        this.name = name;
        this.steps = List.copyOf(steps);
        this.acknowledgements = Set.copyOf(acknowledgements);
        this.onCompleted = onCompleted;
        this.onCompensated = onCompensated;
        Map<String, Class<?>> types = new HashMap<>();
        steps.forEach(step -> step.replies().forEach(reply -> types.put(MessageTypes.typeOf(reply.type()), reply.type())));
        acknowledgements.forEach(type -> types.put(MessageTypes.typeOf(type), type));
        this.replyTypes = Map.copyOf(types);
    }

    public static <D> Builder<D> named(String name, Duration defaultTimeout) {
        return new Builder<>(name, defaultTimeout);
    }

    public String name() {
        return name;
    }

    /**
     * Every message type the saga may receive, by its type name (the record's {@code TYPE} constant): the replies its
     * steps expect and the acknowledgements of its compensations.
     */
    public Map<String, Class<?>> replyTypes() {
        return replyTypes;
    }

    /** The names of the retriable steps, in order (for metrics that exist before the first retry). */
    public List<String> retriableSteps() {
        return steps.stream().filter(Step::retriable).map(Step::name).toList();
    }

    /** The name of the step the instance waits on (for status views and logs). */
    public String stepName(SagaInstance instance) {
        return steps.get(Math.min(instance.step(), steps.size() - 1)).name();
    }

    /** Starts the saga on {@code data}: runs steps until one awaits a reply, or to completion. */
    public Transition start(String id, D data, Instant now) {
        return runFrom(0, SagaInstance.begin(id, name), data, now, new ArrayList<>());
    }

    /**
     * Whether the saga takes {@code reply}, given its instance ({@code null}: the saga does not exist). Pure; the
     * rules, in order:
     * <ol>
     * <li>an acknowledgement of one of its compensations: ignored;</li>
     * <li>a type none of its steps expects, or no instance: refused;</li>
     * <li>the saga runs and waits at the step that expects it: applied;</li>
     * <li>the reply of a retriable step the saga has passed (or it completed): ignored, a repeated answer;</li>
     * <li>anything else is refused: the saga ended before it arrived (the reason quotes how it ended, e.g. at a
     * deadline), or it waits at another step.</li>
     * </ol>
     */
    public ReplyVerdict judge(@Nullable SagaInstance instance, Object reply) {
        String type = reply.getClass().getSimpleName();
        if (acknowledgements.stream().anyMatch(ack -> ack.isInstance(reply))) {
            return new ReplyVerdict.Ignore(type + " acknowledges a compensation");
        }
        Optional<Integer> owner = stepExpecting(reply);
        if (owner.isEmpty()) {
            return new ReplyVerdict.Refuse(type + " is not a reply of saga " + name);
        }
        if (instance == null) {
            return new ReplyVerdict.Refuse("there is no " + name + " saga for this " + type);
        }
        int index = owner.get();
        Step<D> step = steps.get(index);
        if (instance.isRunning() && instance.step() == index) {
            return new ReplyVerdict.Apply();
        }
        if (step.retriable() && passed(instance, index)) {
            return new ReplyVerdict.Ignore(type + " repeats the answer to '" + step.name()
                    + "', a retriable step the saga has passed");
        }
        if (!instance.isRunning()) {
            return new ReplyVerdict.Refuse(type + " for '" + step.name() + "' came too late: the saga already ended "
                    + instance.status() + (instance.failure() == null ? "" : " (" + instance.failure() + ")"));
        }
        Step<D> current = steps.get(instance.step());
        return new ReplyVerdict.Refuse(type + " is not what the saga waits for: it waits at '" + current.name()
                + "' for " + current.expectedReplies());
    }

    /** Applies a reply if the saga takes it ({@link #judge}); any other reply changes nothing. */
    public Transition onReply(SagaInstance instance, D data, Object reply, Instant now) {
        if (!(judge(instance, reply) instanceof ReplyVerdict.Apply)) {
            return Transition.unchanged(instance);
        }
        Step<D> step = steps.get(instance.step());
        Reply<D> matched = step.replies().stream().filter(r -> r.type().isInstance(reply)).findFirst().orElseThrow();
        if (matched.failureReason() != null) {
            return fail(instance, data, matched.failureReason().apply(reply), instance.step() - 1, now);
        }
        if (matched.onSuccess() != null) {
            matched.onSuccess().handle(data, reply, now);
        }
        return runFrom(instance.step() + 1, instance, data, now, new ArrayList<>());
    }

    /**
     * The step's deadline passed without a reply. At a retriable step: send its command(s) again with a new deadline
     * (the instance stays RUNNING, {@link SagaInstance#retries()} one higher). At any other step: fail, compensating
     * that step too.
     */
    public Transition onDeadline(SagaInstance instance, D data, Instant now) {
        if (!instance.isRunning() || instance.deadline() == null || now.isBefore(instance.deadline())) {
            return Transition.unchanged(instance);
        }
        Step<D> step = steps.get(instance.step());
        if (step.retriable()) {
            return new Transition(instance.retried(now.plus(step.timeout())), step.action().apply(data), true);
        }
        String reason = "no reply to '" + step.name() + "' within " + step.timeout().toSeconds() + " s";
        return fail(instance, data, reason, instance.step(), now);
    }

    private Optional<Integer> stepExpecting(Object reply) {
        for (int index = 0; index < steps.size(); index++) {
            if (steps.get(index).expects(reply)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    private static boolean passed(SagaInstance instance, int step) {
        return instance.status() == SagaStatus.COMPLETED || (instance.isRunning() && step < instance.step());
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

    /**
     * Builds a definition that reads like the saga's description: step, its action, its replies, its compensation.
     * {@link #build()} refuses a definition that could not run as described: a retriable step followed by one that
     * is not, or the same reply type in two places (a reply must say which step it answers).
     */
    public static final class Builder<D> {

        private final String name;
        private final Duration defaultTimeout;
        private final List<Step<D>> steps = new ArrayList<>();
        private final Set<Class<?>> acknowledgements = new LinkedHashSet<>();
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

        /** @throws IllegalStateException for a definition that could not run as described (see the class comment) */
        public SagaDefinition<D> build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("saga " + name + " has no steps");
            }
            for (int index = 1; index < steps.size(); index++) {
                if (steps.get(index - 1).retriable() && !steps.get(index).retriable()) {
                    throw new IllegalStateException("step '" + steps.get(index).name() + "' of saga " + name
                            + " follows the retriable step '" + steps.get(index - 1).name()
                            + "': only retriable steps may follow one, because nothing before them is undone");
                }
            }
            Map<Class<?>, String> owners = new LinkedHashMap<>();
            acknowledgements.forEach(type -> owners.put(type, "an acknowledgement"));
            for (Step<D> step : steps) {
                for (Reply<D> reply : step.replies()) {
                    String earlier = owners.putIfAbsent(reply.type(), "step '" + step.name() + "'");
                    if (earlier != null) {
                        throw new IllegalStateException(reply.type().getSimpleName() + " is both " + earlier
                                + " and a reply of step '" + step.name() + "' in saga " + name);
                    }
                }
            }
            return new SagaDefinition<>(name, steps, acknowledgements, onCompleted, onCompensated);
        }

        /** One step under construction; {@link #invoke} is required and comes first. */
        public final class StepBuilder {

            private final String stepName;
            private @Nullable Function<D, List<Command>> action;
            private final List<Reply<D>> replies = new ArrayList<>();
            private @Nullable Function<D, Command> compensation;
            private Duration timeout = defaultTimeout;
            private boolean retriable;

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

            /** A reply that means the step succeeded, with nothing to record (the saga moves on). */
            public StepBuilder onReply(Class<?> type) {
                replies.add(new Reply<>(type, null, null));
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

            /**
             * The reply that acknowledges this step's compensation. The saga does not wait for it (compensations are
             * sent and not awaited) and ignores it when it comes, wherever the saga is.
             *
             * @throws IllegalStateException if the step has no compensation (yet)
             */
            public StepBuilder acknowledgedBy(Class<?> acknowledgement) {
                if (compensation == null) {
                    throw new IllegalStateException("step '" + stepName + "' of saga " + name
                            + " has no compensation to acknowledge");
                }
                acknowledgements.add(acknowledgement);
                return this;
            }

            public StepBuilder within(Duration stepTimeout) {
                this.timeout = stepTimeout;
                return this;
            }

            /**
             * Makes this a retriable step: one that comes after the pivot and must succeed eventually. When its
             * deadline passes, its command(s) are sent again with a new deadline, as often as it takes; it never
             * fails the saga. So it has a success reply, no failure reply and no compensation, and every step after
             * it is retriable too.
             */
            public StepBuilder retryOnDeadline() {
                this.retriable = true;
                return this;
            }

            /** Ends this step and begins the next. */
            public StepBuilder step(String next) {
                return done().step(next);
            }

            public Builder<D> onCompleted(BiConsumer<D, Instant> handler) {
                return done().onCompleted(handler);
            }

            public Builder<D> onCompensated(FailureHandler<D> handler) {
                return done().onCompensated(handler);
            }

            public SagaDefinition<D> build() {
                return done().build();
            }

            private Builder<D> done() {
                if (action == null) {
                    throw new IllegalStateException("step '" + stepName + "' of saga " + name + " has no action");
                }
                if (retriable && (replies.isEmpty() || compensation != null
                        || replies.stream().anyMatch(reply -> reply.failureReason() != null))) {
                    throw new IllegalStateException("retriable step '" + stepName + "' of saga " + name
                            + " needs a success reply, and may have neither a failure reply nor a compensation");
                }
                steps.add(new Step<>(stepName, action, List.copyOf(replies), compensation, timeout, retriable));
                return Builder.this;
            }
        }
    }
}
