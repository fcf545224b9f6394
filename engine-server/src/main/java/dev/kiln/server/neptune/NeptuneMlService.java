package dev.kiln.server.neptune;

import dev.kiln.api.neptune.CancelMLJobResponse;
import dev.kiln.api.neptune.GetMLDataProcessingJobResponse;
import dev.kiln.api.neptune.ListMLJobsResponse;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import dev.kiln.api.neptune.StartMLJobResponse;
import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import java.time.Duration;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.s3.ObjectStore;

/**
 * Neptune ML's dataprocessing and modeltraining commands on the local engine. Jobs live in the job
 * store's database; model training runs its HPO step as a SageMaker tuning job of the given
 * {@link TuningJobService}, so it is visible to the tuning commands too.
 */
public final class NeptuneMlService {
    private final DataProcessing dataProcessing;
    private final ModelTraining modelTraining;

    public NeptuneMlService(TuningJobService tuning) {
        TrainingJobService training = tuning.trainingJobs();
        NeptuneJobStore jobs = new NeptuneJobStore(training.store());
        ObjectStore objects = new ObjectStore(training.home().s3Root());
        java.nio.file.Path staging = training.home().cacheDir().resolve("neptune");
        this.dataProcessing = new DataProcessing(jobs, objects, training.config(), staging);
        this.modelTraining = new ModelTraining(jobs, dataProcessing, tuning, objects, staging);
    }

    /** StartMLDataProcessingJob; processing runs before this returns, so the job is Completed or Failed. */
    public StartMLJobResponse startDataProcessing(StartMLDataProcessingJobRequest request) {
        return dataProcessing.start(request);
    }

    public GetMLDataProcessingJobResponse getDataProcessing(String id) {
        return dataProcessing.get(id);
    }

    public CancelMLJobResponse cancelDataProcessing(String id, boolean clean) {
        return dataProcessing.cancel(id, clean);
    }

    public ListMLJobsResponse listDataProcessing(Integer maxItems) {
        return dataProcessing.list(maxItems);
    }

    /** StartMLModelTrainingJob: checks the data-processing job, then creates the HPO (tuning) job. */
    public StartMLJobResponse startModelTraining(StartMLModelTrainingJobRequest request) {
        return modelTraining.start(request);
    }

    /** GetMLModelTrainingJob; runs the transform step when it finds the HPO job Completed. */
    public GetMLModelTrainingJobResponse getModelTraining(String id) {
        return modelTraining.get(id);
    }

    /** Waits for a model-training job to be Completed, Failed or Stopped (or the timeout), then answers its status. */
    public GetMLModelTrainingJobResponse awaitModelTraining(String id, Duration timeout) throws InterruptedException {
        return modelTraining.await(id, timeout);
    }

    public CancelMLJobResponse cancelModelTraining(String id, boolean clean) {
        return modelTraining.cancel(id, clean);
    }

    public ListMLJobsResponse listModelTraining(Integer maxItems) {
        return modelTraining.list(maxItems);
    }

    /**
     * Starts a daemon thread that every {@code period} advances the model-training jobs that have not
     * ended, so the transform step runs as soon as an HPO job completes (what {@code kiln serve} does;
     * without a watcher it runs at the next status call). Closing the result stops the thread.
     */
    public Watcher watch(Duration period) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiln-neptune-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                modelTraining.advanceAll();
            } catch (RuntimeException e) {
                // A store or object-store hiccup: the job stays as it is and the next round tries again.
                System.getLogger(NeptuneMlService.class.getName()).log(System.Logger.Level.WARNING,
                        "Neptune ML watcher: " + e.getMessage(), e);
            }
        }, period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        // No interrupt on close: a transform under way finishes (interrupting it would fail the job).
        return () -> {
            timer.shutdown();
            try {
                timer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The running watcher of {@link #watch}; {@code close} waits up to 30 s for a transform under way. */
    public interface Watcher extends AutoCloseable {
        @Override
        void close();
    }
}
