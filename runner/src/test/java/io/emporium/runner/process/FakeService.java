package io.emporium.runner.process;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.emporium.runner.TestPorts;

/**
 * The one-file Java program {@code /fake-service/FakeService.java}, run by the source launcher as a part's process:
 * it writes {@code fake service started, pid <pid>} to its log and then runs until it is stopped.
 */
final class FakeService {

    private FakeService() {
    }

    /** The program run in {@code dir} with a small heap, its output appended to {@code logFile}. */
    static ProcessSpec spec(Path dir, Path logFile) {
        try {
            Path program = Path.of(FakeService.class.getResource("/fake-service/FakeService.java").toURI());
            return new ProcessSpec(List.of(TestPorts.java(), "-Xmx32m", program.toString()), Map.of(), dir, logFile);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the process the part runs now has announced itself in {@code logFile}: its readiness. */
    static boolean announcedCurrentPid(PartState state, Path logFile) {
        try {
            return Files.exists(logFile)
                    && Files.readString(logFile).contains("fake service started, pid " + state.snapshot().pid());
        } catch (IOException e) {
            return false;
        }
    }
}
