package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * rgcn model training through Neptune ML for the engine-gnn features beyond node classification: node
 * regression, the {@code features} channel with {@code use-node-features}, and the warm start from channel
 * {@code model} in incremental training.
 */
class RgcnFeaturesModelTrainingIT extends ScholarsFixture {

    @Test
    void nodeRegressionMinimisesValidationRmseAndPublishesPredictions() throws Exception {
        process("dp-r", "training-data-configuration.json", c -> c.replace("\"field\",\n                \"classification\"",
                "\"age\",\n                \"regression\""));
        service.startModelTraining(request("mt-r", "dp-r", ", \"maxHPONumberOfTrainingJobs\": 1"));
        var hpo = hpo("mt-r");
        assertEquals("node-regression", hpo.trainingJobDefinition().staticHyperParameters().get("task"));
        assertEquals("validation:rmse", hpo.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().metricName());
        assertEquals("Minimize", hpo.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().type());
        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-r", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        assertTrue(Files.readString(tmp.resolve("model-mt-r/predictions.tsv")).contains("\np0\t"));
    }

    @Test
    void nodeFeaturesReachTheModel() throws Exception {
        Path processed = process("dp-f", "training-data-configuration.json", c -> c);
        // As with Neptune, the HPO configuration next to the processed graph is edited to change what is fixed.
        Path hpoFile = processed.resolve(ModelTraining.HPO_FILE);
        Files.writeString(hpoFile, Files.readString(hpoFile).replace("\"param\" : \"early-stopping-window\"",
                "\"param\" : \"use-node-features\", \"type\" : \"bool\", \"default\" : true }, { \"param\" : \"early-stopping-window\""));
        assertTrue(Files.readString(hpoFile).contains("use-node-features"), "edited");
        service.startModelTraining(request("mt-f", "dp-f", ", \"maxHPONumberOfTrainingJobs\": 1"));
        assertEquals("true", hpo("mt-f").trainingJobDefinition().staticHyperParameters().get("use-node-features"));
        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-f", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
    }

    @Test
    void incrementalTrainingOnAnUpdatedGraphWarmStartsFromThePreviousModel() throws Exception {
        process("dp", "training-data-configuration.json", c -> c);
        service.startModelTraining(request("mt-1", "dp", ", \"maxHPONumberOfTrainingJobs\": 1"));
        assertEquals("Completed", service.awaitModelTraining("mt-1", Duration.ofMinutes(5)).status());
        // The updated export: one more person who wrote paper q0.
        Path in = tmp.resolve("graph-dp");
        Files.writeString(in.resolve("person.csv"), Files.readString(in.resolve("person.csv")) + "p100,Person 100,33,person,graphs\n");
        Files.writeString(in.resolve("wrote.csv"), Files.readString(in.resolve("wrote.csv")) + "w9999,p100,q0,wrote\n");
        service.startDataProcessing(NeptuneJson.parse("{\"id\": \"dp2\", \"previousDataProcessingJobId\": \"dp\", "
                + "\"inputDataS3Location\": \"" + NeptuneFixtures.uri(in) + "\", \"processedDataS3Location\": \""
                + NeptuneFixtures.uri(tmp.resolve("processed-dp2")) + "\"}", StartMLDataProcessingJobRequest.class));
        assertEquals("Completed", service.getDataProcessing("dp2").status());
        service.startModelTraining(request("mt-2", "dp2", ", \"maxHPONumberOfTrainingJobs\": 1, \"previousModelTrainingJobId\": \"mt-1\""));
        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-2", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        var best = tuning.trainingJobs().describe(new DescribeTrainingJobRequest(done.mlModels().get(0).name()));
        assertTrue(best.finalMetricDataList().stream().anyMatch(m -> m.metricName().equals("validation:accuracy") && m.value() > 0.6),
                "warm-started model keeps its accuracy: " + best.finalMetricDataList());
        assertTrue(Files.readString(tmp.resolve("model-mt-2/predictions.tsv")).contains("\np100\t"), "the new person is predicted");
        // Every vertex of the sample has features, so the warm start reuses the projections and layers, not
        // per-node embeddings (those are for featureless vertices): the log says what was reused.
        String log = Files.readString(tuning.trainingJobs().logFile(best.trainingJobName()));
        java.util.regex.Matcher reuse = java.util.regex.Pattern.compile("(\\d+) of (\\d+) parameter tensors reused").matcher(log);
        assertTrue(reuse.find(), log);
        assertTrue(Integer.parseInt(reuse.group(1)) > 0, reuse.group());
    }
}
