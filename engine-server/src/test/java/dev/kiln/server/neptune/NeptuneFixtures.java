package dev.kiln.server.neptune;

import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A Kiln home for Neptune tests and the Kinship graph. */
final class NeptuneFixtures {
    /**
     * Kinship as the repository ships it (the TransE sample's copy), so the tests need nothing outside
     * the checkout: train/train.txt, validation/valid.txt, test/test.txt. Surefire runs in the module dir.
     */
    static final Path KINSHIP_SAMPLE = Path.of("..", "samples", "training", "kge-kinship", "data").toAbsolutePath().normalize();

    private NeptuneFixtures() {}

    static TuningJobService tuning(Path home) {
        return TuningJobService.open(new KilnHome(home), KilnConfig.fromMap(Map.of("kiln.host.cpus", "2",
                "kiln.host.memory", "8g", "kiln.host.gpus", "none", "kiln.stop.graceSeconds", "2")), LaunchMode.IN_ENGINE);
    }

    static String uri(Path dir) {
        return "file:" + dir.toAbsolutePath() + "/";
    }

    /** Kinship's three files copied into {@code dir}. */
    static Path kinship(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(KINSHIP_SAMPLE.resolve("train/train.txt"), dir.resolve("train.txt"));
        Files.copy(KINSHIP_SAMPLE.resolve("validation/valid.txt"), dir.resolve("valid.txt"));
        Files.copy(KINSHIP_SAMPLE.resolve("test/test.txt"), dir.resolve("test.txt"));
        return dir;
    }

    static StartMLDataProcessingJobRequest dataProcessing(String id, Path input, Path output) {
        return NeptuneJson.parse("{\"id\": \"" + id + "\", \"inputDataS3Location\": \"" + uri(input)
                + "\", \"processedDataS3Location\": \"" + uri(output) + "\", \"modelType\": \"kge\"}",
                StartMLDataProcessingJobRequest.class);
    }
}
