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

/** rgcn model training on the scholars sample (samples/neptune/heterogeneous): node classification and link prediction. */
class RgcnModelTrainingIT extends ScholarsFixture {
    @Test
    void nodeClassificationTrainsPublishesPredictionsAndTrainsIncrementally() throws Exception {
        Path processed = process("dp", "training-data-configuration.json", c -> c);
        service.startModelTraining(request("mt-1", "dp", ", \"maxHPONumberOfTrainingJobs\": 2, \"maxHPOParallelTrainingJobs\": 1"));
        CreateHyperParameterTuningJobRequest hpo = hpo("mt-1");
        assertEquals("rgcn", hpo.trainingJobDefinition().algorithmSpecification().algorithmName(), "rgcn is the default");
        assertEquals("validation:accuracy", hpo.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().metricName());
        assertEquals("node-class", hpo.trainingJobDefinition().staticHyperParameters().get("task"));
        assertEquals(List.of("features", "labels", "train"), channels(hpo).keySet().stream().sorted().toList());

        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-1", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        Path model = tmp.resolve("model-mt-1");
        for (String f : List.of("predictions.tsv", "node_embeddings.bin", "entities.tsv", "relations.tsv", "classes.tsv",
                "node-types.tsv", "hyperparameters.json", "model.json", "best-training-job.json")) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }
        // Test accuracy of the published predictions, by vertex id, against the majority class of the test split.
        Map<String, String> predicted = new HashMap<>();
        List<String> predictions = Files.readAllLines(model.resolve("predictions.tsv"));
        for (String line : predictions.subList(1, predictions.size())) {
            String[] f = line.split("\t");
            predicted.put(f[0], f[1]);
        }
        assertTrue(predicted.containsKey("p0") && predicted.containsKey("q0") && predicted.containsKey("v0"),
                "every node, named by its ~id");
        List<String> ids = Files.readAllLines(processed.resolve("nodes/person/ids.tsv")).stream().map(l -> l.split("\t")[1]).toList();
        Map<String, Integer> counts = new HashMap<>();
        int right = 0;
        int test = 0;
        for (String line : Files.readAllLines(processed.resolve("nodes/person/person.field.labels.tsv"))) {
            String[] f = line.split("\t");
            if (f[2].equals("test")) {
                test++;
                counts.merge(f[1], 1, Integer::sum);
                right += f[1].equals(predicted.get(ids.get(Integer.parseInt(f[0])))) ? 1 : 0;
            }
        }
        double accuracy = (double) right / test;
        double majority = (double) counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / test;
        System.out.printf("rgcn scholars node classification: test accuracy %.3f (%d/%d), majority baseline %.3f%n",
                accuracy, right, test, majority);
        assertTrue(accuracy >= majority + 0.25, "accuracy " + accuracy + " vs majority " + majority);

        // Incremental training: the previous best model is channel "model" and its width is fixed.
        String best = done.mlModels().get(0).name();
        var previous = tuning.trainingJobs().describe(new DescribeTrainingJobRequest(best));
        service.startModelTraining(request("mt-2", "dp", ", \"maxHPONumberOfTrainingJobs\": 1, \"previousModelTrainingJobId\": \"mt-1\""));
        CreateHyperParameterTuningJobRequest next = hpo("mt-2");
        assertEquals(previous.modelArtifacts().s3ModelArtifacts(), channels(next).get("model"));
        assertEquals(previous.hyperParameters().get("num-hidden"), next.trainingJobDefinition().staticHyperParameters().get("num-hidden"));
        var ranges = next.hyperParameterTuningJobConfig().parameterRanges();
        assertTrue(Stream.of(ranges.integerParameterRanges(), ranges.categoricalParameterRanges()).filter(l -> l != null)
                .flatMap(List::stream).noneMatch(p -> p.toString().contains("num-hidden")), ranges.toString());
        assertNotNull(next.warmStartConfig());
        GetMLModelTrainingJobResponse incremental = service.awaitModelTraining("mt-2", Duration.ofMinutes(5));
        assertEquals("Completed", incremental.status(), NeptuneJson.pretty(incremental));
    }

    @Test
    void linkPredictionTrainsOnTheTrainSplitAndValidatesOnTheOthers() throws Exception {
        Path processed = process("dp-link", "link-prediction.json", c -> c);
        service.startModelTraining(request("mt-l", "dp-link", ", \"maxHPONumberOfTrainingJobs\": 1"));
        CreateHyperParameterTuningJobRequest hpo = hpo("mt-l");
        assertEquals("link-predict", hpo.trainingJobDefinition().staticHyperParameters().get("task"));
        assertEquals("validation:mrr", hpo.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().metricName());
        assertEquals(List.of("features", "test", "train", "validation"), channels(hpo).keySet().stream().sorted().toList());
        Path channels = tmp.resolve("model-mt-l/processing");
        long trainWrote = Files.readAllLines(channels.resolve("train/graph.tsv")).stream().filter(l -> l.contains("\tperson_wrote_paper\t")).count();
        long allWrote = Files.readAllLines(processed.resolve("edges/person_wrote_paper.tsv")).size();
        long held = Files.readAllLines(channels.resolve("validation/validation.tsv")).size()
                + Files.readAllLines(channels.resolve("test/test.tsv")).size();
        assertEquals(allWrote, trainWrote + held, "each wrote edge in exactly one split");
        assertTrue(held > 0 && trainWrote > held);
        assertEquals(120, Files.readAllLines(channels.resolve("train/graph.tsv")).stream()
                .filter(l -> l.contains("\tpaper_published_in_venue\t")).count(), "non-target edges always in the graph");

        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-l", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        assertTrue(Files.isRegularFile(tmp.resolve("model-mt-l/entity_embeddings.bin")));
        assertFalse(Files.exists(tmp.resolve("model-mt-l/predictions.tsv")), "no predictions for link prediction");
    }

    @Test
    void edgeClassificationSeveralTargetsAndSharedIdsAreRefused() throws Exception {
        process("dp-edge", "link-prediction.json", c -> c.replace("\"link_prediction\"", "\"classification\"")
                .replace("\"\",\n                \"classification\"", "\"~id\",\n                \"classification\""));
        assertTrue(Files.readString(tmp.resolve("graph-dp-edge/link-prediction.json")).contains("\"~id\",\n                \"classification\""));
        NeptuneMlException e = assertThrows(NeptuneMlException.class,
                () -> service.startModelTraining(request("mt-e", "dp-edge", "")));
        assertEquals("BadRequestException", e.errorCode());
        assertTrue(e.getMessage().contains("edge person_wrote_paper.~id classification"), e.getMessage());
        assertThrows(RuntimeException.class, () -> tuning.record(HpoJobRequests.tuningJobName("mt-e")), "no HPO job");
        assertFalse(Files.exists(tmp.resolve("model-mt-e")), "nothing written");

        process("dp-two", "training-data-configuration.json", c -> c.replace("\"dest\": [\n            \"~to\",\n            \"paper\"\n          ]",
                "\"dest\": [\"~to\", \"paper\"], \"labels\": [{\"label\": [\"\", \"link_prediction\"]}]"));
        e = assertThrows(NeptuneMlException.class, () -> service.startModelTraining(request("mt-t", "dp-two", "")));
        assertTrue(e.getMessage().contains("2 targets"), e.getMessage());

        process("dp-ids", "training-data-configuration.json", c -> c);
        Path venues = tmp.resolve("processed-dp-ids/nodes/venue/ids.tsv");
        Files.writeString(venues, Files.readString(venues).replace("\tv0\n", "\tp0\n"));
        e = assertThrows(NeptuneMlException.class, () -> service.startModelTraining(request("mt-i", "dp-ids", "")));
        assertTrue(e.getMessage().contains("'p0'") && e.getMessage().contains("person") && e.getMessage().contains("venue"),
                e.getMessage());
    }

    @Test
    void stopWithCleanDeletesTheChannelsAndSkipsTheTransform() throws Exception {
        process("dp", "training-data-configuration.json", c -> c);
        service.startModelTraining(request("mt-s", "dp", ", \"maxHPONumberOfTrainingJobs\": 4, \"maxHPOParallelTrainingJobs\": 1"));
        assertTrue(Files.isRegularFile(tmp.resolve("model-mt-s/processing/labels/labels.tsv")));
        service.cancelModelTraining("mt-s", true);
        assertFalse(Files.exists(tmp.resolve("model-mt-s")));
        GetMLModelTrainingJobResponse end = service.awaitModelTraining("mt-s", Duration.ofMinutes(2));
        assertEquals("Stopped", end.status(), NeptuneJson.pretty(end));
        assertNull(end.modelTransformJob());
    }

    @Test
    void theWatcherRunsTheTransformWithoutAStatusCall() throws Exception {
        process("dp", "training-data-configuration.json", c -> c);
        try (NeptuneMlService.Watcher watcher = service.watch(Duration.ofMillis(200))) {
            service.startModelTraining(request("mt-w", "dp", ", \"maxHPONumberOfTrainingJobs\": 1"));
            Path published = tmp.resolve("model-mt-w/best-training-job.json");
            for (int i = 0; i < 600 && !Files.isRegularFile(published); i++) {
                Thread.sleep(200);
            }
            assertTrue(Files.isRegularFile(published), "published by the watcher");
        }
        assertEquals("Completed", service.getModelTraining("mt-w").status());
    }
}
