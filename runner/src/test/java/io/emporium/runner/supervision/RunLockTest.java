package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path run;

    @Test
    void oneHolderAtATimeAndTheFileGoesWithIt() throws Exception {
        Path file = run.resolve("supervisor.lock");

        try (RunLock lock = RunLock.acquire(file).orElseThrow()) {
            assertThat(Files.readString(file)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(RunLock.acquire(file)).isEmpty();
        }

        assertThat(file).doesNotExist();
        assertThat(RunLock.holder(file)).isEmpty();
    }

    @Test
    void aLockFileNobodyHoldsIsStale() throws Exception {
        Path file = run.resolve("supervisor.lock");
        Files.writeString(file, "424242");

        assertThat(RunLock.holder(file)).isEmpty();
        assertThat(RunLock.stale(file)).hasValue(424242);
        try (RunLock lock = RunLock.acquire(file).orElseThrow()) {
            assertThat(Files.readString(file)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }
}
