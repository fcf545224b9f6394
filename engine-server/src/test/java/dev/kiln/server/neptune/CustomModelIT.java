package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.tuning.HyperParameterTuningJobObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** modelName custom: a Python module with training.py, transform.py and model-hpo-configuration.json. */
class CustomModelIT extends KinshipProcessedFixture {

    private Path module(boolean withTransform) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("training.py"), """
                import argparse, os
                p = argparse.ArgumentParser()
                p.add_argument("--lr", type=float, required=True)
                p.add_argument("--dim", type=int, required=True)
                a = p.parse_args()
                with open(os.path.join(os.environ["SM_CHANNEL_GRAPH"], "train", "train.tsv")) as f:
                    triples = sum(1 for _ in f)
                # A made-up score that prefers lr near 0.05, so the best trial is predictable.
                print("validation:mrr=%f" % (1.0 - abs(a.lr - 0.05)), flush=True)
                with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
                    f.write("lr=%s dim=%d triples=%d\\n" % (a.lr, a.dim, triples))
                """);
        if (withTransform) {
            Files.writeString(src.resolve("transform.py"), """
                    with open("model.txt") as f:
                        model = f.read()
                    with open("embeddings.txt", "w") as f:
                        f.write("transformed " + model)
                    """);
        }
        Files.writeString(src.resolve("model-hpo-configuration.json"), """
                {"models": [{"model": "custom", "task_type": "link_predict", "eval_metric": {"metric": "mrr"},
                  "1-tier-param": [{"param": "lr", "range": [0.01, 0.1], "type": "float", "inc_strategy": "log", "default": 0.05}],
                  "2-tier-param": [], "3-tier-param": [],
                  "fixed-param": [{"param": "dim", "type": "int", "default": 8}]}]}""");
        return src;
    }

    private StartMLModelTrainingJobRequest request(Path src) {
        return NeptuneJson.parse("{\"id\": \"custom-1\", \"dataProcessingJobId\": \"dp\", \"modelName\": \"custom\", "
                + "\"trainModelS3Location\": \"" + NeptuneFixtures.uri(tmp.resolve("model")) + "\", "
                + "\"trainingInstanceType\": \"ml.m5.large\", \"maxHPONumberOfTrainingJobs\": 2, \"maxHPOParallelTrainingJobs\": 1, "
                + "\"customModelTrainingParameters\": {\"sourceS3DirectoryPath\": \"" + NeptuneFixtures.uri(src) + "\"}}",
                StartMLModelTrainingJobRequest.class);
    }

    @Test
    void hyperparametersReachTheScriptAndTheTransformOutputIsPublished() throws Exception {
        service.startModelTraining(request(module(true)));
        GetMLModelTrainingJobResponse done = service.awaitModelTraining("custom-1", Duration.ofMinutes(3));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        String embeddings = Files.readString(tmp.resolve("model/embeddings.txt"));
        assertTrue(embeddings.startsWith("transformed lr=") && embeddings.contains("dim=8 triples=8544"), embeddings);
        HyperParameterTuningJobObjective objective = tuning.record(done.hpoJob().name()).request()
                .hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        assertEquals("validation:mrr", objective.metricName());
        assertEquals("Maximize", objective.type().toString());
    }

    @Test
    void sourceWithoutTheTransformScriptIsRefused() throws Exception {
        NeptuneMlException e = assertThrows(NeptuneMlException.class, () -> service.startModelTraining(request(module(false))));
        assertTrue(e.getMessage().contains("transform.py"), e.getMessage());
    }
}
