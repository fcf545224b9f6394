package dev.kiln.server.neptune;

import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The processing step's choice of what every trial of the HPO job reads: the channels of the model
 * (kge: the processed train/validation/test; rgcn: the channels {@link RgcnInputs} writes under
 * {@code trainModelS3Location/processing/}; custom: the processed graph as channel {@code graph}) and,
 * for incremental training of a built-in model, the previous job's best {@code model.tar.gz} as channel
 * {@code model} with {@code num-hidden} fixed at its value, since embedding rows are reused only at the
 * same width.
 */
final class TrainingInputs {
    /** Where an rgcn job's channels are written, under trainModelS3Location. */
    static final String PROCESSING = "processing";

    private final ObjectStore objects;
    private final TuningJobService tuning;
    private final Path staging;

    TrainingInputs(ObjectStore objects, TuningJobService tuning, Path staging) {
        this.objects = objects;
        this.tuning = tuning;
        this.staging = staging;
    }

    /** Channels, fixed hyperparameters and, for rgcn, the target that sets the objective. */
    record Chosen(HpoJobRequests.Inputs inputs, GraphTarget target) {}

    /**
     * Checks what can be checked without writing (the rgcn target, the previous job's model) before
     * anything is written under trainModelS3Location.
     */
    GraphTarget check(StartMLModelTrainingJobRequest r, DataProcessingJob dp, String model, ModelTrainingJob previous) {
        if (previous != null && !model.equals("custom") && !previous.modelName().equals(model)) {
            throw NeptuneMlException.badRequest("previousModelTrainingJobId " + previous.id() + " trained " + previous.modelName()
                    + "; incremental training continues the same model, not " + model);
        }
        if (!model.equals("rgcn")) {
            return null;
        }
        try {
            return RgcnInputs.target(objects.resolve(dp.graph().location() + "/"), dp.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Chosen choose(StartMLModelTrainingJobRequest r, DataProcessingJob dp, String model, ModelTrainingJob previous) {
        String processed = dp.graph().location();
        Map<String, String> channels = new LinkedHashMap<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        GraphTarget target = null;
        switch (model) {
            case "custom" -> channels.put("graph", processed + "/");
            case "rgcn" -> {
                RgcnInputs.Written written = writeRgcn(r, dp);
                target = written.target();
                String at = Locations.prefix(r.trainModelS3Location()) + "/" + PROCESSING + "/";
                written.channels().forEach(c -> channels.put(c, at + c + "/"));
                fixed.put("task", target.task());
            }
            default -> {
                for (String c : new String[] {"train", "validation", "test"}) {
                    channels.put(c, processed + "/" + c + "/");
                }
            }
        }
        if (previous != null && !model.equals("custom")) {
            channels.put("model", tuning.trainingJobs().describe(new DescribeTrainingJobRequest(previous.bestTrainingJob()))
                    .modelArtifacts().s3ModelArtifacts());
            String width = previous.bestHyperParameters() == null ? null : previous.bestHyperParameters().get("num-hidden");
            if (width != null) {
                fixed.put("num-hidden", width);
            }
        }
        return new Chosen(new HpoJobRequests.Inputs(channels, fixed), target);
    }

    private RgcnInputs.Written writeRgcn(StartMLModelTrainingJobRequest r, DataProcessingJob dp) {
        Path out = staging.resolve("rgcn-" + UUID.randomUUID());
        try {
            Files.createDirectories(out);
            RgcnInputs.Written w = RgcnInputs.write(objects.resolve(dp.graph().location() + "/"), dp.id(), out);
            objects.putDirectory(Locations.prefix(r.trainModelS3Location()) + "/" + PROCESSING + "/", out);
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rgcn channels of data-processing job " + dp.id(), e);
        } finally {
            Trees.delete(out);
        }
    }
}
