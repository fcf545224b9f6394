package dev.kiln.server.neptune;

import dev.kiln.hpo.tuning.TuningJobService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh Kiln home under {@link #tmp} for each test, with the tuning service and the Neptune ML service over it. */
abstract class NeptuneServiceFixture {
    @TempDir
    Path tmp;
    TuningJobService tuning;
    NeptuneMlService service;

    @BeforeEach
    void open() {
        tuning = NeptuneFixtures.tuning(tmp.resolve("home"));
        service = new NeptuneMlService(tuning);
    }

    @AfterEach
    void close() {
        tuning.close();
    }
}
