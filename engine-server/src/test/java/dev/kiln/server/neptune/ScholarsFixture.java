package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kiln home and helpers for model training on the scholars sample (samples/neptune/heterogeneous). */
abstract class ScholarsFixture {
    static final Path SAMPLE = Path.of("../samples/neptune/heterogeneous/graph").toAbsolutePath().normalize();

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

    /** Processes the sample graph (copied, after {@code edit}) with the given configuration as job {@code id}. */
    Path process(String id, String configFileName, ConfigEdit edit) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("graph-" + id));
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Path config = in.resolve(configFileName);
        Files.writeString(config, edit.apply(Files.readString(config)));
        Path out = tmp.resolve("processed-" + id);
        service.startDataProcessing(NeptuneJson.parse("{\"id\": \"" + id + "\", \"inputDataS3Location\": \""
                + NeptuneFixtures.uri(in) + "\", \"processedDataS3Location\": \"" + NeptuneFixtures.uri(out)
                + "\", \"configFileName\": \"" + configFileName + "\"}", StartMLDataProcessingJobRequest.class));
        assertEquals("Completed", service.getDataProcessing(id).status(), service.getDataProcessing(id).processingJob().failureReason());
        return out;
    }

    interface ConfigEdit {
        String apply(String config);
    }

    StartMLModelTrainingJobRequest request(String id, String dp, String extra) {
        return NeptuneJson.parse("{\"id\": \"" + id + "\", \"dataProcessingJobId\": \"" + dp + "\", \"trainModelS3Location\": \""
                + NeptuneFixtures.uri(tmp.resolve("model-" + id)) + "\", \"trainingInstanceType\": \"ml.m5.large\""
                + extra + "}", StartMLModelTrainingJobRequest.class);
    }

    CreateHyperParameterTuningJobRequest hpo(String modelTrainingId) {
        return tuning.record(HpoJobRequests.tuningJobName(modelTrainingId)).request();
    }

    static Map<String, String> channels(CreateHyperParameterTuningJobRequest r) {
        return r.trainingJobDefinition().inputDataConfig().stream()
                .collect(Collectors.toMap(Channel::channelName, c -> c.dataSource().s3DataSource().s3Uri()));
    }

}
