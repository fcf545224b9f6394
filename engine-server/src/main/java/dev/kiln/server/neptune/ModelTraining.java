package dev.kiln.server.neptune;

import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.neptune.CancelMLJobResponse;
import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.ListMLJobsResponse;
import dev.kiln.api.neptune.MlConfigDefinition;
import dev.kiln.api.neptune.MlRequests;
import dev.kiln.api.neptune.MlResourceDefinition;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLJobResponse;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.s3.ObjectStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The modeltraining command. A job is a processing step (done at start: the model, its HPO plan, the
 * training volume and the trials' channels are chosen; see {@link TrainingInputs}), an HPO step (a
 * SageMaker tuning job) and a transform step that publishes the best model's artifacts under
 * trainModelS3Location. The transform runs when a status call, {@link #await} or {@link #advanceAll}
 * (the watcher of {@code kiln serve}) finds the tuning job Completed, so a job started by one process can
 * be finished by another. Thread-safe: the job store serialises updates, and one job's transform runs
 * at most once at a time in this process.
 */
final class ModelTraining {
    private static final Set<String> KGE_MODELS = Set.of("transe", "distmult", "rotate");
    /** What the transform step publishes of a built-in model, when the model has it (kge: embeddings; rgcn: also predictions). */
    private static final List<String> ARTIFACTS = List.of("entity_embeddings.bin", "relation_embeddings.bin",
            "node_embeddings.bin", "entities.tsv", "relations.tsv", "classes.tsv", "predictions.tsv", "hyperparameters.json",
            "model.json");

    static final String HPO_FILE = "model-hpo-configuration.json";

    private final NeptuneJobStore jobs;
    private final DataProcessing dataProcessing;
    private final TuningJobService tuning;
    private final ObjectStore objects;
    private final Path staging;
    private final TrainingInputs inputs;
    /** One lock per job id, so that a status call and the watcher never run one job's transform twice in this process. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> transforming = new java.util.concurrent.ConcurrentHashMap<>();

    ModelTraining(NeptuneJobStore jobs, DataProcessing dataProcessing, TuningJobService tuning, ObjectStore objects, Path staging) {
        this.jobs = jobs;
        this.dataProcessing = dataProcessing;
        this.tuning = tuning;
        this.objects = objects;
        this.staging = staging;
        this.inputs = new TrainingInputs(objects, tuning, staging);
    }

    StartMLJobResponse start(StartMLModelTrainingJobRequest request) {
        StartMLModelTrainingJobRequest r = request.validate().withDefaults();
        Locations.check(objects, "trainModelS3Location", r.trainModelS3Location());
        DataProcessingJob dp = dataProcessing.completed(r.dataProcessingJobId());
        String model = model(r.modelName(), dp.graph().modelType());
        ModelTrainingJob previous = null;
        if (r.previousModelTrainingJobId() != null) {
            previous = find(r.previousModelTrainingJobId());
            if (!previous.status().equals(ModelTrainingJob.COMPLETED)) {
                throw NeptuneMlException.badRequest("Model-training job " + previous.id() + " is " + previous.status()
                        + ", not Completed");
            }
        }
        if (jobs.find(NeptuneJobStore.MODEL_TRAINING, r.id(), ModelTrainingJob.class).isPresent()) {
            throw NeptuneMlException.badRequest("A modeltraining job with id " + r.id() + " already exists");
        }
        HpoJobRequests.Trainer trainer;
        HpoConfiguration.Plan plan;
        if (model.equals("custom")) {
            CustomModels.Source source = customSource(r);
            plan = HpoConfiguration.plan(source.model(), r.maxHPONumberOfTrainingJobs());
            Path launcher = CustomModels.launcher(source, staging.resolve("custom").resolve(HpoJobRequests.tuningJobName(r.id())));
            trainer = new HpoJobRequests.Trainer(null, launcher, "validation:" + source.metric(), source.maximise());
        } else {
            plan = HpoConfiguration.plan(hpoEntry(dp, model), r.maxHPONumberOfTrainingJobs(),
                    new HpoConfiguration.GraphSize(dp.graph().entities(), dp.graph().triples()));
            GraphTarget target = inputs.check(r, dp, model, previous);
            trainer = target == null ? HpoJobRequests.Trainer.builtIn(model)
                    : new HpoJobRequests.Trainer(model, null, target.metric(), target.maximise());
        }
        TrainingInputs.Chosen chosen = inputs.choose(r, dp, model, previous);
        int volume = r.trainingInstanceVolumeSizeInGB() > 0 ? r.trainingInstanceVolumeSizeInGB()
                : dp.graph().recommendedVolumeSizeInGB();
        CreateHyperParameterTuningJobRequest hpo = HpoJobRequests.build(r, trainer, chosen.inputs(), plan,
                volume, previous == null ? null : previous.tuningJobName(), tuning.trainingJobs().config());
        long now = System.currentTimeMillis();
        String arn = "arn:aws:sagemaker:" + tuning.trainingJobs().config().region() + ":"
                + tuning.trainingJobs().config().accountId() + ":training-job/" + r.id().toLowerCase(Locale.ROOT);
        String tuningArn;
        try {
            tuningArn = tuning.create(hpo, tuning.trainingJobs().home().root()).hyperParameterTuningJobArn();
        } catch (KilnApiException e) {
            throw NeptuneMlException.badRequest("The HPO job could not be created: " + e.getMessage());
        }
        jobs.insert(NeptuneJobStore.MODEL_TRAINING, r.id(), now, new ModelTrainingJob(r, arn, now, ModelTrainingJob.IN_PROGRESS,
                null, model, dp.graph().location(), hpo.hyperParameterTuningJobName(), tuningArn, null, null, null, null, false));
        return new StartMLJobResponse(r.id(), arn, now);
    }

    /** The model to train: the request's, else by the processed graph's type (kge means transe). */
    private static String model(String requested, String modelType) {
        String m = requested == null ? (modelType.equals("kge") ? "transe" : "rgcn") : requested.equals("kge") ? "transe" : requested;
        if (m.equals("custom")) {
            return m;
        }
        if (KGE_MODELS.contains(m) && !modelType.equals("kge")) {
            throw NeptuneMlException.invalidParameter("modelName " + m + " needs data processed with modelType kge");
        }
        if (m.equals("rgcn") && !modelType.equals("heterogeneous")) {
            throw NeptuneMlException.invalidParameter("modelName rgcn needs data processed with modelType heterogeneous "
                    + "(for kge data use transe, distmult or rotate)");
        }
        return m;
    }

    /**
     * The model's HPO configuration: the {@code model-hpo-configuration.json} next to the processed
     * graph (data processing writes the defaults there; users may edit it, as with Neptune), else the
     * shipped defaults.
     */
    private JsonNode hpoEntry(DataProcessingJob dp, String model) {
        Path edited = objects.resolve(dp.graph().location() + "/" + HPO_FILE);
        if (!Files.isRegularFile(edited)) {
            return HpoConfiguration.defaults(model);
        }
        try {
            return HpoConfiguration.entry(dev.kiln.api.neptune.NeptuneJson.mapper().readTree(edited.toFile()), model);
        } catch (IOException e) {
            throw NeptuneMlException.badRequest(HPO_FILE + " of data-processing job " + dp.id() + " cannot be read: "
                    + e.getMessage());
        }
    }

    private CustomModels.Source customSource(StartMLModelTrainingJobRequest r) {
        String uri = Locations.prefix(r.customModelTrainingParameters().sourceS3DirectoryPath()) + "/";
        return CustomModels.resolve(objects.resolve(uri), r.customModelTrainingParameters());
    }

    GetMLModelTrainingJobResponse get(String id) {
        ModelTrainingJob j = advance(find(id));
        TuningJobRecord hpo = tuning.record(j.tuningJobName());
        String trainLocation = Locations.prefix(j.request().trainModelS3Location());
        MlResourceDefinition processing = MlResourceDefinition.of(j.id() + "-processing", null, "Completed",
                j.processedDataLocation(), null);
        MlResourceDefinition hpoJob = MlResourceDefinition.of(j.tuningJobName(), j.tuningJobArn(), hpo.status().name(),
                trainLocation + "/hpo", hpo.failureReason());
        MlResourceDefinition transform = j.transformStatus() == null ? null : MlResourceDefinition.of(j.id() + "-transform",
                null, j.transformStatus(), trainLocation, j.transformStatus().equals(ModelTrainingJob.FAILED) ? j.failureReason() : null);
        List<MlConfigDefinition> models = j.bestTrainingJob() == null ? null
                : List.of(new MlConfigDefinition(j.bestTrainingJob(), j.bestTrainingJobArn()));
        return new GetMLModelTrainingJobResponse(j.status(), j.id(), processing, hpoJob, transform, models);
    }

    /** Moves the job on when its tuning job has ended: the transform step, or the tuning job's failure. */
    private ModelTrainingJob advance(ModelTrainingJob j) {
        if (j.isTerminal() || !tuning.record(j.tuningJobName()).isTerminal()) {
            return j;
        }
        synchronized (transforming.computeIfAbsent(j.id(), k -> new Object())) {
            try {
                ModelTrainingJob now = find(j.id()); // another thread may have finished it while this one waited
                if (now.isTerminal()) {
                    return now;
                }
                TuningJobRecord hpo = tuning.record(now.tuningJobName());
                return switch (hpo.status()) {
                    case Completed -> now.stopRequested() ? end(now, ModelTrainingJob.STOPPED, null, null) : transform(now);
                    case Stopped -> end(now, ModelTrainingJob.STOPPED, null, null);
                    default -> end(now, ModelTrainingJob.FAILED, "HPO job " + hpo.name() + " failed: " + hpo.failureReason(), null);
                };
            } finally {
                transforming.remove(j.id());
            }
        }
    }

    /**
     * Advances every job that has not ended (the watcher of {@code kiln serve} calls this, so the transform
     * runs as soon as the tuning job completes rather than at the next status call). A job that cannot be
     * advanced is left for the next round.
     */
    void advanceAll() {
        for (ModelTrainingJob j : jobs.all(NeptuneJobStore.MODEL_TRAINING, ModelTrainingJob.class)) {
            if (!j.isTerminal()) {
                advance(j);
            }
        }
    }

    private ModelTrainingJob transform(ModelTrainingJob j) {
        DescribeHyperParameterTuningJobResponse hpo = tuning.describe(new DescribeHyperParameterTuningJobRequest(j.tuningJobName()));
        if (hpo.bestTrainingJob() == null) {
            return end(j, ModelTrainingJob.FAILED, "no training job of HPO job " + j.tuningJobName() + " reported "
                    + tuning.record(j.tuningJobName()).request().hyperParameterTuningJobConfig()
                    .hyperParameterTuningJobObjective().metricName(), ModelTrainingJob.FAILED);
        }
        String best = hpo.bestTrainingJob().trainingJobName();
        DescribeTrainingJobResponse trained = tuning.trainingJobs().describe(new DescribeTrainingJobRequest(best));
        Path work = staging.resolve("transform-" + UUID.randomUUID());
        try {
            TarGz.extract(objects.resolve(trained.modelArtifacts().s3ModelArtifacts()), work.resolve("model"));
            Path out;
            if (j.modelName().equals("custom")) {
                out = work.resolve("model");
                CustomModels.transform(customSource(j.request()), out, j.request().trainingTimeOutInSeconds());
            } else {
                out = Files.createDirectories(work.resolve("out"));
                for (String name : ARTIFACTS) {
                    Path f = work.resolve("model").resolve(name);
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, out.resolve(name));
                    }
                }
                Path nodeTypes = objects.resolve(Locations.prefix(j.request().trainModelS3Location()) + "/"
                        + TrainingInputs.PROCESSING + "/" + RgcnInputs.NODE_TYPES);
                if (j.modelName().equals("rgcn") && Files.isRegularFile(nodeTypes)) {
                    Files.copy(nodeTypes, out.resolve(RgcnInputs.NODE_TYPES));
                }
            }
            Files.writeString(out.resolve("best-training-job.json"), dev.kiln.api.json.Json.pretty(hpo.bestTrainingJob()));
            objects.putDirectory(Locations.prefix(j.request().trainModelS3Location()) + "/", out);
        } catch (IOException | RuntimeException e) {
            return end(j, ModelTrainingJob.FAILED, "transform step failed: " + e.getMessage(), ModelTrainingJob.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return end(j, ModelTrainingJob.FAILED, "transform step interrupted", ModelTrainingJob.FAILED);
        } finally {
            Trees.delete(work);
        }
        return jobs.update(NeptuneJobStore.MODEL_TRAINING, j.id(), ModelTrainingJob.class,
                x -> x.isTerminal() ? x : x.transformed(best, trained.trainingJobArn(), trained.hyperParameters()));
    }

    private ModelTrainingJob end(ModelTrainingJob j, String status, String reason, String transform) {
        return jobs.update(NeptuneJobStore.MODEL_TRAINING, j.id(), ModelTrainingJob.class,
                x -> x.isTerminal() ? x : x.ended(status, reason, transform));
    }

    /** Stops the HPO job (the transform step is then skipped); clean deletes everything under trainModelS3Location. */
    CancelMLJobResponse cancel(String id, boolean clean) {
        ModelTrainingJob j = jobs.update(NeptuneJobStore.MODEL_TRAINING, id, ModelTrainingJob.class, ModelTrainingJob::stopping);
        if (!tuning.record(j.tuningJobName()).isTerminal()) {
            tuning.stop(new StopHyperParameterTuningJobRequest(j.tuningJobName()));
        }
        if (clean) {
            Trees.delete(objects.resolve(Locations.prefix(j.request().trainModelS3Location()) + "/"));
        }
        return new CancelMLJobResponse(j.status());
    }

    ListMLJobsResponse list(Integer maxItems) {
        return new ListMLJobsResponse(jobs.ids(NeptuneJobStore.MODEL_TRAINING, MlRequests.maxItems(maxItems)));
    }

    /** Waits until the job is Completed, Failed or Stopped, or the timeout passes; returns its status. */
    GetMLModelTrainingJobResponse await(String id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        ModelTrainingJob j = advance(find(id));
        while (!j.isTerminal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            j = advance(find(id));
        }
        return get(id);
    }

    ModelTrainingJob find(String id) {
        return jobs.find(NeptuneJobStore.MODEL_TRAINING, id, ModelTrainingJob.class)
                .orElseThrow(() -> NeptuneMlException.notFound("No model-training job with id " + id));
    }
}
