package dev.kiln.hpo.tuning;

import dev.kiln.api.error.ResourceNotFoundException;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsResponse;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.api.validation.TuningJobValidator;
import dev.kiln.runtime.algorithm.AlgorithmRegistry;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.Arns;
import dev.kiln.runtime.job.ExecutionPlanner;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.ProcessRef;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SageMaker's hyperparameter-tuning operations on this machine: CreateHyperParameterTuningJob,
 * DescribeHyperParameterTuningJob, ListHyperParameterTuningJobs, StopHyperParameterTuningJob and
 * ListTrainingJobsForHyperParameterTuningJob. A request is validated completely before anything is
 * stored. Opening the service resumes tuning jobs whose orchestrator died.
 */
public final class TuningJobService implements AutoCloseable {
    private final TrainingJobService training;
    private final boolean ownsTraining;
    private final TuningStore store;
    private final OrchestratorLauncher launcher;
    private final TuningDescriber describer;
    private final TuningQueries queries;

    private TuningJobService(TrainingJobService training, boolean ownsTraining, LaunchMode mode) {
        this.training = training;
        this.ownsTraining = ownsTraining;
        this.store = new TuningStore(training.store());
        this.launcher = mode == LaunchMode.IN_ENGINE ? new InEngineOrchestrators(training, store, training.home())
                : new DetachedOrchestrators(training.home(), training.config());
        this.describer = new TuningDescriber(training, store);
        this.queries = new TuningQueries(store, describer);
        recover();
    }

    /** Opens the engine on a home: IN_ENGINE runs orchestrators (and their trials) here, DETACHED in their own JVMs. */
    public static TuningJobService open(KilnHome home, KilnConfig config, LaunchMode mode) {
        return new TuningJobService(TrainingJobService.open(home, config, mode), true, mode);
    }

    /** A tuning service over an open training service (which it does not close). */
    public static TuningJobService over(TrainingJobService training, LaunchMode mode) {
        return new TuningJobService(training, false, mode);
    }

    /** CreateHyperParameterTuningJob; relative TrainingImage paths resolve against {@code requestBaseDir}. */
    public CreateHyperParameterTuningJobResponse create(CreateHyperParameterTuningJobRequest request, Path requestBaseDir) {
        TuningJobValidator.validateCreate(request, TuningJobService::algorithmMetrics);
        Autotune.Resolution resolved = Autotune.resolve(request);
        CreateHyperParameterTuningJobRequest r = resolved.request();
        if (r != request) {
            TuningJobValidator.validateCreate(r, TuningJobService::algorithmMetrics);
        }
        Path base = (requestBaseDir == null ? Path.of(".") : requestBaseDir).toAbsolutePath().normalize();
        for (HyperParameterTrainingJobDefinition d : TuningDefinitions.of(r)) {
            // The program must be runnable now, not discovered broken at the first trial.
            ExecutionPlanner.plan(d.toTrainingJobRequest("plan", Map.of(), null).algorithmSpecification(), base);
        }
        WarmStart.check(r, store);
        Integer seed = r.hyperParameterTuningJobConfig().randomSeed();
        long chosenSeed = seed != null ? seed : new SecureRandom().nextInt(Integer.MAX_VALUE);
        String name = r.hyperParameterTuningJobName();
        String arn = Arns.tuningJob(training.config(), name);
        TuningJobRecord record = TuningJobRecord.created(name, arn, r, base.toString(), chosenSeed, Instant.now(),
                resolved.notes());
        store.insert(record, j -> j.withOrchestrator(launcher.claim(j)));
        launcher.claimed(name);
        return new CreateHyperParameterTuningJobResponse(arn);
    }

    public DescribeHyperParameterTuningJobResponse describe(DescribeHyperParameterTuningJobRequest request) {
        TuningJobValidator.validateDescribe(request);
        return describer.describe(require(request.hyperParameterTuningJobName()));
    }

    public ListHyperParameterTuningJobsResponse list(ListHyperParameterTuningJobsRequest request) {
        TuningJobValidator.validateList(request);
        return queries.list(request);
    }

    public ListTrainingJobsForHyperParameterTuningJobResponse listTrainingJobs(
            ListTrainingJobsForHyperParameterTuningJobRequest request) {
        TuningJobValidator.validateListTrainingJobs(request);
        return queries.trainingJobs(require(request.hyperParameterTuningJobName()), request);
    }

    /** StopHyperParameterTuningJob: the job goes Stopping at once; its orchestrator stops every running trial. */
    public void stop(StopHyperParameterTuningJobRequest request) {
        TuningJobValidator.validateStop(request);
        TuningJobRecord job = require(request.hyperParameterTuningJobName());
        store.update(job.name(), r -> {
            if (r.isTerminal()) {
                throw new ValidationException("The request was rejected because the tuning job is in status "
                        + r.status() + ".");
            }
            return r.stopRequestedAt() != null ? r : r.withStopRequest(Instant.now());
        });
    }

    /** Resumes tuning jobs that are not over but have no live orchestrator; returns how many. */
    public int recover() {
        int resumed = 0;
        for (TuningJobRecord job : store.unfinished()) {
            if (job.orchestrator() != null && job.orchestrator().isAlive()) {
                continue;
            }
            AtomicBoolean mine = new AtomicBoolean();
            store.update(job.name(), r -> {
                if (r.isTerminal() || (r.orchestrator() != null && r.orchestrator().isAlive())) {
                    return r; // ended meanwhile, or another engine resumed it first
                }
                mine.set(true);
                return r.withOrchestrator(launcher.claim(r));
            });
            if (mine.get()) {
                launcher.claimed(job.name());
                resumed++;
            }
        }
        return resumed;
    }

    /**
     * Runs a tuning job's orchestrator on the calling thread until the job ends, unless another live
     * process already orchestrates it (the detached supervisor's entry).
     */
    static void orchestrateHere(TrainingJobService training, String name) {
        TuningStore store = new TuningStore(training.store());
        long me = ProcessHandle.current().pid();
        TuningJobRecord claimed = store.update(name, r -> r.isTerminal() || (r.orchestrator() != null
                && r.orchestrator().pid() != me && r.orchestrator().isAlive()) ? r : r.withOrchestrator(ProcessRef.current()));
        if (claimed.isTerminal() || claimed.orchestrator() == null || claimed.orchestrator().pid() != me) {
            return;
        }
        new TuningOrchestrator(training, store, training.home(), name).run();
    }

    /** Polls until the tuning job reaches a terminal status or the timeout passes; returns the latest record. */
    public TuningJobRecord awaitTerminal(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        TuningJobRecord r = require(name);
        while (!r.isTerminal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            r = require(name);
        }
        return r;
    }

    public TuningJobRecord record(String name) {
        return require(name);
    }

    /** The tuning job's trials in launch order. */
    public List<TrialRecord> trials(String name) {
        return store.trials(require(name).name());
    }

    /** Where the HTML report is (written when the tuning job ends). */
    public Path reportFile(String name) {
        return TuningFiles.report(training.home(), require(name).name());
    }

    public TrainingJobService trainingJobs() {
        return training;
    }

    private TuningJobRecord require(String name) {
        return store.find(name).orElseThrow(() -> new ResourceNotFoundException("Amazon SageMaker can't find a tuning job named "
                + name + "."));
    }

    private static Collection<String> algorithmMetrics(String algorithmName) {
        return AlgorithmRegistry.find(algorithmName)
                .map(a -> a.metricDefinitions().stream().map(MetricDefinition::name).toList()).orElse(null);
    }

    @Override
    public void close() {
        launcher.close();
        if (ownsTraining) {
            training.close();
        }
    }
}
