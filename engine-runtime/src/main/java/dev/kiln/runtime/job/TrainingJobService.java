package dev.kiln.runtime.job;

import dev.kiln.api.error.ResourceNotFoundException;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.CreateTrainingJobResponse;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.ListTrainingJobsResponse;
import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.api.training.TrainingJobStatus;
import dev.kiln.api.validation.TrainingJobValidator;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.ContainerRuntimes;
import dev.kiln.runtime.output.OutputPublisher;
import dev.kiln.runtime.store.JobQuery;
import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.MetricRow;
import dev.kiln.runtime.store.ProcessRef;
import dev.kiln.runtime.store.StopRequest;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SageMaker's training-job operations on this machine: CreateTrainingJob, DescribeTrainingJob,
 * ListTrainingJobs and StopTrainingJob. A request is validated completely before anything is stored,
 * so a rejected request leaves no job behind. Opening the service resolves jobs whose engine died.
 */
public final class TrainingJobService implements AutoCloseable {
    private final EngineContext engine;
    private final JobLauncher launcher;
    private final JobStore store;

    private TrainingJobService(KilnHome home, KilnConfig config, LaunchMode mode) {
        home.ensureExists();
        this.store = JobStore.open(home.database());
        this.engine = new EngineContext(home, config, store);
        this.launcher = mode == LaunchMode.IN_ENGINE ? new InEngineLauncher(engine) : new DetachedLauncher(engine);
        recover();
        removeContainerLeftovers();
    }

    /** Containers of this home whose job is no longer running are leftovers of a crashed engine. */
    private void removeContainerLeftovers() {
        ContainerRuntimes.find().filter(rt -> rt.unavailableReason(engine.home().root()).isEmpty()).ifPresent(rt -> {
            java.util.Set<String> running = new java.util.HashSet<>();
            store.unfinished().forEach(r -> running.add(r.name()));
            rt.removeOrphans(engine.home().root(), running);
        });
    }

    public static TrainingJobService open(KilnHome home, KilnConfig config, LaunchMode mode) {
        return new TrainingJobService(home, config, mode);
    }

    public KilnHome home() {
        return engine.home();
    }

    public KilnConfig config() {
        return engine.config();
    }

    /** CreateTrainingJob; relative TrainingImage paths resolve against {@code requestBaseDir}. */
    public CreateTrainingJobResponse create(CreateTrainingJobRequest request, Path requestBaseDir) {
        return create(request, requestBaseDir, null);
    }

    /** CreateTrainingJob on behalf of a tuning job (its ARN is recorded and shown by Describe). */
    public CreateTrainingJobResponse create(CreateTrainingJobRequest request, Path requestBaseDir, String tuningJobArn) {
        TrainingJobValidator.validateCreate(request);
        Path base = (requestBaseDir == null ? Path.of(".") : requestBaseDir).toAbsolutePath().normalize();
        ExecutionPlanner.plan(request.algorithmSpecification(), base);
        CreateTrainingJobRequest resolved = FileUris.resolve(request, base);
        StorageUris.check(engine.objectStore(), resolved);
        // Strict mode refuses a type larger than this machine (ResourceLimitExceeded); else scaled down, with a warning.
        ClusterPlan cluster = engine.cluster(request, engine.config().strictInstances());
        List<String> warnings = new ArrayList<>(cluster.warnings());
        Integer volume = request.resourceConfig().volumeSizeInGB();
        long free = engine.home().root().toFile().getUsableSpace();
        if (volume != null && free > 0 && free < volume * 1024L * 1024 * 1024) {
            warnings.add("VolumeSizeInGB " + volume + " exceeds the free space under " + engine.home().root()
                    + " (" + free / (1024L * 1024 * 1024) + " GiB)");
        }
        Instant now = Instant.now();
        String name = request.trainingJobName();
        String arn = Arns.trainingJob(engine.config(), name);
        TrainingJobRecord record = TrainingJobRecord.created(name, arn, request, base.toString(), now,
                        OutputPublisher.modelArtifactsUri(resolved.outputDataConfig(), name), tuningJobArn, warnings)
                .transition(TrainingJobStatus.InProgress, SecondaryStatus.Starting, "Preparing the instances for training", now);
        store.insert(record);
        try {
            // The queue for capacity is first come, first served by creation: join it now.
            engine.scheduler().enqueue(name, cluster.demand(), ProcessRef.current(), now.toEpochMilli());
            launcher.launch(name);
        } catch (RuntimeException e) {
            store.update(name, r -> r.transition(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", Instant.now())
                    .withFailureReason("InternalServerError: " + e.getMessage()));
            throw e;
        }
        return new CreateTrainingJobResponse(arn);
    }

    public DescribeTrainingJobResponse describe(DescribeTrainingJobRequest request) {
        TrainingJobValidator.validateDescribe(request);
        return Describer.describe(require(request.trainingJobName()));
    }

    public ListTrainingJobsResponse list(ListTrainingJobsRequest r) {
        TrainingJobValidator.validateList(r);
        int limit = r.maxResults() == null ? 10 : r.maxResults();
        JobQuery.SortBy sortBy = switch (r.sortBy() == null ? "CreationTime" : r.sortBy()) {
            case "Name" -> JobQuery.SortBy.NAME;
            case "Status" -> JobQuery.SortBy.STATUS;
            default -> JobQuery.SortBy.CREATION_TIME;
        };
        boolean ascending = !"Descending".equals(r.sortOrder());
        String signature = String.join("|", String.valueOf(r.statusEquals()), String.valueOf(r.nameContains()),
                String.valueOf(r.creationTimeAfter()), String.valueOf(r.creationTimeBefore()),
                String.valueOf(r.lastModifiedTimeAfter()), String.valueOf(r.lastModifiedTimeBefore()),
                sortBy.name(), Boolean.toString(ascending));
        int offset = ListTokens.decode(r.nextToken(), signature);
        // One extra row tells whether another page exists.
        List<TrainingJobRecord> rows = store.query(new JobQuery(r.statusEquals(), r.nameContains(), r.creationTimeAfter(),
                r.creationTimeBefore(), r.lastModifiedTimeAfter(), r.lastModifiedTimeBefore(), null, List.of(),
                sortBy, ascending, offset, limit + 1));
        String next = rows.size() > limit ? ListTokens.encode(offset + limit, signature) : null;
        return new ListTrainingJobsResponse(rows.stream().limit(limit).map(Describer::summary).toList(), next);
    }

    /** StopTrainingJob: the job goes Stopping at once; its supervisor sends SIGTERM, then SIGKILL after the grace. */
    public void stop(StopTrainingJobRequest request) {
        TrainingJobValidator.validateStop(request);
        TrainingJobRecord job = require(request.trainingJobName());
        Instant now = Instant.now();
        store.update(job.name(), r -> {
            if (r.isTerminal()) {
                throw new ValidationException("The request was rejected because the training job is in status "
                        + r.status() + ".");
            }
            if (r.stopRequest() != null) {
                return r; // already stopping; stopping twice is not an error
            }
            return r.withStopRequest(new StopRequest(StopRequest.Reason.USER, now))
                    .transition(TrainingJobStatus.Stopping, SecondaryStatus.Stopping, "Stopping the training job", now);
        });
    }

    /** The metric time series a job has reported so far. */
    public List<MetricRow> metrics(String name) {
        return store.metrics(require(name).name());
    }

    /** The log file of the job's first host. */
    public Path logFile(String name) {
        return new JobLayout(engine.home().jobDir(require(name).name())).hostLog("algo-1");
    }

    public TrainingJobRecord record(String name) {
        return require(name);
    }

    /**
     * Resolves jobs whose supervisor died and restarts those whose RetryStrategy allows it; returns
     * how many were resolved. Runs at open, and may be called again.
     */
    public int recover() {
        Recovery.Result result = Recovery.run(store);
        result.restart().forEach(launcher::launch);
        return result.resolved();
    }

    /** Polls until the job reaches a terminal status or the timeout passes; returns the latest record. */
    public TrainingJobRecord awaitTerminal(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        TrainingJobRecord r = require(name);
        while (!r.isTerminal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            r = require(name);
        }
        return r;
    }

    private TrainingJobRecord require(String name) {
        return store.find(name).orElseThrow(() -> new ResourceNotFoundException("Requested resource not found."));
    }

    /** The job store (for components of the engine that keep their own tables, and for tests). */
    public JobStore store() {
        return store;
    }

    public boolean exists(String name) {
        return store.find(name).isPresent();
    }

    @Override
    public void close() {
        launcher.close();
        store.close();
    }

}
