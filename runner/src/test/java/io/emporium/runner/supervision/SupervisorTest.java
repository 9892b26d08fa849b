package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.Status;

class SupervisorTest {

    @TempDir
    Path run;

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** A part that records when it starts and stops; {@code failing} ones fail to start. */
    private final class FakePart implements Part {

        private final PartState state;
        private final boolean failing;
        private final Throwable thrown;
        private final boolean becomesReady;

        FakePart(String id, boolean failing) {
            this(id, failing, null, true);
        }

        /** A part whose start throws {@code thrown} (an Error, say) instead of a PartFailure. */
        FakePart(String id, Throwable thrown) {
            this(id, false, thrown, true);
        }

        private FakePart(String id, boolean failing, Throwable thrown, boolean becomesReady) {
            this.state = new PartState(id, id.replaceAll("#.*", ""), 0, "test", 0, null, () -> { });
            this.failing = failing;
            this.thrown = thrown;
            this.becomesReady = becomesReady;
        }

        /** A part whose start returns without it ever becoming ready (a bug in a part). */
        static FakePart neverReady(SupervisorTest test, String id) {
            return test.new FakePart(id, false, null, false);
        }

        @Override
        public PartState state() {
            return state;
        }

        @Override
        public void start() throws PartFailure {
            events.add("start " + state.snapshot().id());
            if (failing) {
                throw new PartFailure(state.snapshot().id(), "broken on purpose", List.of("last log line"));
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            if (thrown instanceof RuntimeException exception) {
                throw exception;
            }
            if (becomesReady) {
                state.ready(Optional.of(1L));
            }
        }

        @Override
        public void stop() {
            events.add("stop " + state.snapshot().id());
            if (state.status() != Status.FAILED) {
                state.status(Status.STOPPED, null);
            }
        }
    }

    private Supervisor supervisor(boolean catalogFails) {
        return new Supervisor(List.of(
                new Supervisor.Group("postgres", List.of(new FakePart("postgres", false)), List.of()),
                new Supervisor.Group("zipkin", List.of(new FakePart("zipkin", false)), List.of()),
                new Supervisor.Group("registry", List.of(new FakePart("registry#1", false)), List.of()),
                new Supervisor.Group("catalog", List.of(new FakePart("catalog#1", catalogFails),
                        new FakePart("catalog#2", false)), List.of("postgres", "registry")),
                new Supervisor.Group("gateway", List.of(new FakePart("gateway#1", false)),
                        List.of("registry", "catalog"))),
                new StateFile(run.resolve("state.json")), new RunnerLog(new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void startsDependenciesFirstAndStopsServicesBeforeInfrastructure() {
        Supervisor supervisor = supervisor(false);

        assertThat(supervisor.startAll()).isTrue();

        assertThat(events.indexOf("start catalog#1")).isGreaterThan(events.indexOf("start postgres"))
                .isGreaterThan(events.indexOf("start registry#1"));
        assertThat(events.indexOf("start gateway#1")).isGreaterThan(events.indexOf("start catalog#1"))
                .isGreaterThan(events.indexOf("start catalog#2"));
        assertThat(new StateFile(run.resolve("state.json")).read()).hasValueSatisfying(state -> {
            assertThat(state.phase()).isEqualTo(Phase.READY);
            assertThat(state.parts()).allSatisfy(part -> assertThat(part.status()).isEqualTo(Status.READY));
        });

        events.clear();
        supervisor.stopAll();

        assertThat(events.indexOf("stop gateway#1")).isLessThan(events.indexOf("stop catalog#1"))
                .isLessThan(events.indexOf("stop catalog#2"));
        assertThat(events.indexOf("stop catalog#1")).isLessThan(events.indexOf("stop registry#1"));
        assertThat(events.indexOf("stop registry#1")).isLessThan(events.indexOf("stop postgres"))
                .isLessThan(events.indexOf("stop zipkin"));
        assertThat(new StateFile(run.resolve("state.json")).read().orElseThrow().phase()).isEqualTo(Phase.STOPPED);
    }

    @Test
    void aFailedPartStopsTheStartAndIsReportedWithItsLog() {
        Supervisor supervisor = supervisor(true);

        assertThat(supervisor.startAll()).isFalse();
        supervisor.stopAll();

        assertThat(events).doesNotContain("start gateway#1").contains("stop postgres", "stop registry#1");
        SystemState state = new StateFile(run.resolve("state.json")).read().orElseThrow();
        assertThat(state.phase()).isEqualTo(Phase.FAILED);
        assertThat(state.failure()).isEqualTo(
                new SystemState.Failure("catalog#1", "broken on purpose", List.of("last log line")));
        assertThat(state.parts()).filteredOn(part -> part.id().equals("catalog#1"))
                .singleElement().satisfies(part -> assertThat(part.status()).isEqualTo(Status.FAILED));
    }

    @Test
    void anErrorThrownByAStartFailsThatPartAndTheStartInsteadOfPassingForReady() {
        Supervisor supervisor = new Supervisor(List.of(
                new Supervisor.Group("postgres", List.of(new FakePart("postgres",
                        new OutOfMemoryError("Java heap space"))), List.of()),
                new Supervisor.Group("catalog", List.of(new FakePart("catalog#1", false)), List.of("postgres"))),
                new StateFile(run.resolve("state.json")), new RunnerLog(new PrintStream(new ByteArrayOutputStream())));

        assertThat(supervisor.startAll()).isFalse();
        supervisor.stopAll();

        assertThat(events).doesNotContain("start catalog#1");
        SystemState state = new StateFile(run.resolve("state.json")).read().orElseThrow();
        assertThat(state.phase()).isEqualTo(Phase.FAILED);
        assertThat(state.failure().part()).isEqualTo("postgres");
        assertThat(state.failure().message())
                .isEqualTo("the runner failed while starting it: java.lang.OutOfMemoryError: Java heap space");
        assertThat(state.failure().logTail()).first().isEqualTo("java.lang.OutOfMemoryError: Java heap space");
        assertThat(state.failure().logTail()).anySatisfy(line -> assertThat(line).startsWith("    at ").contains("SupervisorTest"));
        assertThat(state.parts()).filteredOn(part -> part.id().equals("postgres")).singleElement()
                .satisfies(part -> assertThat(part.status()).isEqualTo(Status.FAILED));
    }

    @Test
    void aPartWhoseStartReturnsWithoutItBeingReadyFailsTheStart() {
        Supervisor supervisor = new Supervisor(List.of(
                new Supervisor.Group("postgres", List.of(FakePart.neverReady(this, "postgres")), List.of())),
                new StateFile(run.resolve("state.json")), new RunnerLog(new PrintStream(new ByteArrayOutputStream())));

        assertThat(supervisor.startAll()).isFalse();

        SystemState state = new StateFile(run.resolve("state.json")).read().orElseThrow();
        assertThat(state.phase()).isEqualTo(Phase.FAILED);
        assertThat(state.failure().message()).contains("never became ready").contains("postgres (waiting)");
        supervisor.stopAll();
    }

    /** Catalog (on postgres) with one instance, scalable: new instances fail to start when their number is listed. */
    private Supervisor scalableCatalog(List<String> released, Set<Integer> failing) {
        Supervisor.Scaling scaling = new Supervisor.Scaling() {
            @Override
            public Part create(int instance) {
                return new FakePart("catalog#" + instance, failing.contains(instance));
            }

            @Override
            public void release(Part part) {
                released.add(part.state().id());
            }
        };
        return new Supervisor(List.of(
                new Supervisor.Group("postgres", List.of(new FakePart("postgres", false)), List.of()),
                new Supervisor.Group("catalog", List.of(new FakePart("catalog#1", false)), List.of("postgres"),
                        scaling)),
                new StateFile(run.resolve("state.json")), new RunnerLog(new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void scalesAServiceUpAndDownWhileTheSystemRunsAndStopsTheInstancesItHasThen() {
        List<String> released = new CopyOnWriteArrayList<>();
        Supervisor supervisor = scalableCatalog(released, Set.of());
        assertThat(supervisor.startAll()).isTrue();

        Supervisor.Change up = supervisor.scale("catalog", 3);

        assertThat(up.starting()).containsExactly("catalog#2", "catalog#3");
        assertThat(up.stopping()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(catalog(supervisor.snapshot()))
                .containsExactly("catalog#1 READY", "catalog#2 READY", "catalog#3 READY"));
        assertThat(catalog(new StateFile(run.resolve("state.json")).read().orElseThrow()))
                .containsExactly("catalog#1 READY", "catalog#2 READY", "catalog#3 READY");

        Supervisor.Change down = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> supervisor.scale("catalog", 2), change -> true);

        assertThat(down.starting()).isEmpty();
        assertThat(down.stopping()).containsExactly("catalog#3");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(catalog(new StateFile(run.resolve("state.json")).read().orElseThrow()))
                    .containsExactly("catalog#1 READY", "catalog#2 READY");
            assertThat(released).containsExactly("catalog#3");
        });
        assertThat(events).contains("stop catalog#3").doesNotContain("stop catalog#1", "stop catalog#2");

        events.clear();
        supervisor.stopAll();

        assertThat(events).containsExactlyInAnyOrder("stop catalog#1", "stop catalog#2", "stop postgres");
        assertThat(events.getLast()).isEqualTo("stop postgres");
        assertThatThrownBy(() -> supervisor.scale("catalog", 3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot scale catalog while the system is stopped");
    }

    @Test
    void refusesToScaleWhatDoesNotRunOrIsFixedAndToNoInstance() {
        Supervisor supervisor = scalableCatalog(new CopyOnWriteArrayList<>(), Set.of());
        assertThatThrownBy(() -> supervisor.scale("catalog", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot scale catalog while the system is starting");
        assertThat(supervisor.startAll()).isTrue();

        assertThatThrownBy(() -> supervisor.scale("postgres", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot scale postgres: its instances are fixed");
        assertThatThrownBy(() -> supervisor.scale("orders", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot scale 'orders': it does not run (running: postgres, catalog)");
        assertThatThrownBy(() -> supervisor.scale("catalog", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot scale catalog to 0 instances: at least 1");
        assertThat(supervisor.scale("catalog", 1)).isEqualTo(new Supervisor.Change("catalog", 1, List.of(), List.of()));
        supervisor.stopAll();
    }

    @Test
    void aNewInstanceThatFailsToStartStaysListedAsFailedWhileTheSystemRunsOn() {
        Supervisor supervisor = scalableCatalog(new CopyOnWriteArrayList<>(), Set.of(2));
        assertThat(supervisor.startAll()).isTrue();

        supervisor.scale("catalog", 2);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(catalog(supervisor.snapshot()))
                .containsExactly("catalog#1 READY", "catalog#2 FAILED"));
        SystemState state = supervisor.snapshot();
        assertThat(state.phase()).isEqualTo(Phase.READY);
        assertThat(state.failure()).isNull();
        assertThat(state.parts()).filteredOn(part -> part.id().equals("catalog#2")).singleElement()
                .satisfies(part -> assertThat(part.message()).isEqualTo("broken on purpose"));
        supervisor.stopAll();
    }

    private static List<String> catalog(SystemState state) {
        return state.parts().stream().filter(part -> part.name().equals("catalog"))
                .map(part -> part.id() + " " + part.status()).toList();
    }
}
