package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.training.Channel;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Kiln home and helpers for processing and model training on the scholars sample (samples/neptune/heterogeneous). */
abstract class ScholarsFixture extends NeptuneServiceFixture {
    static final Path SAMPLE = Path.of("../samples/neptune/heterogeneous/graph").toAbsolutePath().normalize();

    /** Copies the sample graph's files into a new directory {@code name} under {@link #tmp}. */
    Path copySample(String name) throws IOException {
        Path in = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        return in;
    }

    /** Processes the sample graph (copied, after {@code edit}) with the given configuration as job {@code id}. */
    Path process(String id, String configFileName, ConfigEdit edit) throws IOException {
        Path in = copySample("graph-" + id);
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
