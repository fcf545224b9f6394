package dev.kiln.server.neptune;

import org.junit.jupiter.api.BeforeEach;

/** {@link NeptuneServiceFixture} with Kinship already processed as the completed data-processing job {@code dp}. */
abstract class KinshipProcessedFixture extends NeptuneServiceFixture {

    @BeforeEach
    void processKinship() throws Exception {
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp", NeptuneFixtures.kinship(tmp.resolve("in")),
                tmp.resolve("processed")));
    }
}
