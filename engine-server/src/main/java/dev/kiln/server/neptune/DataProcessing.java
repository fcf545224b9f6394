package dev.kiln.server.neptune;

import dev.kiln.api.neptune.CancelMLJobResponse;
import dev.kiln.api.neptune.GetMLDataProcessingJobResponse;
import dev.kiln.api.neptune.ListMLJobsResponse;
import dev.kiln.api.neptune.MlRequests;
import dev.kiln.api.neptune.MlResourceDefinition;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.neptune.StartMLJobResponse;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The dataprocessing command: {@code start} waits for the processing (a kinship-sized graph takes well
 * under a second), so it returns with the job Completed or Failed. Processing runs in its own thread under
 * {@code processingTimeOutInSeconds}; the processed graph is built in a staging folder and copied under
 * processedDataS3Location only when complete and within the limit.
 */
final class DataProcessing {
    private final NeptuneJobStore jobs;
    private final ObjectStore objects;
    private final KilnConfig config;
    private final Path staging;

    DataProcessing(NeptuneJobStore jobs, ObjectStore objects, KilnConfig config, Path staging) {
        this.jobs = jobs;
        this.objects = objects;
        this.config = config;
        this.staging = staging;
    }

    StartMLJobResponse start(StartMLDataProcessingJobRequest request) {
        StartMLDataProcessingJobRequest r = request.validate().withDefaults();
        Locations.check(objects, "inputDataS3Location", r.inputDataS3Location());
        Locations.check(objects, "processedDataS3Location", r.processedDataS3Location());
        DataProcessingJob previous = r.previousDataProcessingJobId() == null ? null : completed(r.previousDataProcessingJobId());
        long now = System.currentTimeMillis();
        String arn = "arn:aws:sagemaker:" + config.region() + ":" + config.accountId() + ":processing-job/"
                + r.id().toLowerCase(Locale.ROOT);
        jobs.insert(NeptuneJobStore.DATA_PROCESSING, r.id(), now,
                new DataProcessingJob(r, arn, now, DataProcessingJob.IN_PROGRESS, null, null));
        DataProcessingJob ended;
        try {
            ProcessedGraph graph = TimeLimit.run("kiln-dataprocessing-" + r.id(), Duration.ofSeconds(r.processingTimeOutInSeconds()),
                    gate -> process(r, previous, gate));
            ended = jobs.update(NeptuneJobStore.DATA_PROCESSING, r.id(), DataProcessingJob.class,
                    j -> j.ended(DataProcessingJob.COMPLETED, null, graph));
        } catch (TimeLimit.Exceeded e) {
            ended = jobs.update(NeptuneJobStore.DATA_PROCESSING, r.id(), DataProcessingJob.class,
                    j -> j.ended(DataProcessingJob.FAILED, "data processing " + e.getMessage() + " (processingTimeOutInSeconds); "
                            + "nothing was written under processedDataS3Location", null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = jobs.update(NeptuneJobStore.DATA_PROCESSING, r.id(), DataProcessingJob.class,
                    j -> j.ended(DataProcessingJob.FAILED, "data processing interrupted", null));
        } catch (BadGraphInputException | UnsupportedOperationException e) {
            ended = jobs.update(NeptuneJobStore.DATA_PROCESSING, r.id(), DataProcessingJob.class,
                    j -> j.ended(DataProcessingJob.FAILED, e.getMessage(), null));
        } catch (IOException | UncheckedIOException | dev.kiln.api.error.KilnApiException e) {
            ended = jobs.update(NeptuneJobStore.DATA_PROCESSING, r.id(), DataProcessingJob.class,
                    j -> j.ended(DataProcessingJob.FAILED, "data processing failed: " + e.getMessage(), null));
        }
        return new StartMLJobResponse(ended.id(), ended.arn(), ended.creationTimeInMillis());
    }

    private ProcessedGraph process(StartMLDataProcessingJobRequest r, DataProcessingJob previous, TimeLimit.Gate gate)
            throws IOException {
        Path input = objects.resolve(Locations.prefix(r.inputDataS3Location()) + "/");
        if (!Files.isDirectory(input)) {
            throw new BadGraphInputException(r.inputDataS3Location(), 0, "no such input location");
        }
        boolean hasConfig = Files.isRegularFile(input.resolve(r.configFileName()));
        String modelType = r.modelType() != null ? r.modelType() : hasConfig ? "heterogeneous" : "kge";
        String location = Locations.prefix(r.processedDataS3Location());
        Path out = Files.createDirectories(staging).resolve("dp-" + java.util.UUID.randomUUID());
        Files.createDirectories(out);
        try {
            // Incremental processing keeps the previous job's ids when it processed the same kind of graph.
            boolean same = previous != null && previous.graph().modelType().equals(modelType);
            ProcessedGraph graph;
            if (modelType.equals("kge")) {
                List<String> entities = same ? mapping(previous.graph().location(), "entities.tsv") : List.of();
                List<String> relations = same ? mapping(previous.graph().location(), "relations.tsv") : List.of();
                graph = new KgeDataProcessor(entities, relations).process(input, r.configFileName(), out, location);
            } else {
                Path previousNodes = same ? objects.resolve(previous.graph().location() + "/nodes/") : null;
                graph = new HeterogeneousProcessor(previousNodes).process(input, r.configFileName(), out, location);
            }
            Files.writeString(out.resolve(ModelTraining.HPO_FILE), dev.kiln.api.neptune.NeptuneJson.pretty(HpoConfiguration.shipped()));
            if (!gate.open()) {
                throw new java.io.InterruptedIOException("processingTimeOutInSeconds passed before publishing");
            }
            objects.putDirectory(location + "/", out);
            return graph;
        } finally {
            Trees.delete(out);
        }
    }

    private List<String> mapping(String location, String file) throws IOException {
        return Files.readAllLines(objects.resolve(location + "/" + file)).stream().filter(l -> !l.isEmpty())
                .map(l -> l.substring(l.indexOf('\t') + 1)).toList();
    }

    GetMLDataProcessingJobResponse get(String id) {
        DataProcessingJob j = find(id);
        return new GetMLDataProcessingJobResponse(j.status(), j.id(), MlResourceDefinition.of(j.id(), j.arn(), j.status(),
                Locations.prefix(j.request().processedDataS3Location()), j.failureReason()));
    }

    /** Stops the job (processing is synchronous, so it has ended already); clean deletes the processed graph. */
    CancelMLJobResponse cancel(String id, boolean clean) {
        DataProcessingJob j = jobs.update(NeptuneJobStore.DATA_PROCESSING, id, DataProcessingJob.class,
                job -> job.status().equals(DataProcessingJob.IN_PROGRESS) ? job.ended(DataProcessingJob.STOPPED, "stopped", null) : job);
        if (clean) {
            Trees.delete(objects.resolve(Locations.prefix(j.request().processedDataS3Location()) + "/"));
        }
        return new CancelMLJobResponse(j.status());
    }

    ListMLJobsResponse list(Integer maxItems) {
        return new ListMLJobsResponse(jobs.ids(NeptuneJobStore.DATA_PROCESSING, MlRequests.maxItems(maxItems)));
    }

    DataProcessingJob find(String id) {
        return jobs.find(NeptuneJobStore.DATA_PROCESSING, id, DataProcessingJob.class)
                .orElseThrow(() -> NeptuneMlException.notFound("No data-processing job with id " + id));
    }

    /** The job, which must have completed (what model training and incremental processing need). */
    DataProcessingJob completed(String id) {
        DataProcessingJob j = find(id);
        if (!j.status().equals(DataProcessingJob.COMPLETED)) {
            throw NeptuneMlException.badRequest("Data-processing job " + id + " is " + j.status() + ", not Completed");
        }
        return j;
    }

}
