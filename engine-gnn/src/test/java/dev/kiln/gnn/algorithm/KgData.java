package dev.kiln.gnn.algorithm;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared benchmark graphs, found relative to the repository; tests skip when they are absent. */
final class KgData {
    private KgData() {}

    static Path dataset(String name) {
        // Surefire runs in the module directory; the data sits beside the repository root.
        Path p = Path.of("..", "..", "shared", "data", "kg", name).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("train.txt")), "knowledge-graph data not found at " + p);
        return p;
    }
}
