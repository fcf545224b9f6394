package dev.kiln.server.profiles;

import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.instance.InstancePrices;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.api.training.StoppingCondition;
import dev.kiln.runtime.device.HostResources;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one job once per instance type, one after another, and collects what each run took and
 * would have cost. Runs are sequential so that they do not compete for this machine's cores.
 */
public final class ProfileBench {
    /** Slack over the job's own limits before the bench stops waiting and stops the job. */
    private static final Duration WAIT_SLACK = Duration.ofMinutes(1);

    private final TrainingJobService service;
    private final HostResources host;
    private final PrintWriter progress;

    /**
     * @param service  an engine opened on the home the jobs go to
     * @param host     this machine as that engine sees it (the same {@code kiln.host.*} settings)
     * @param progress where a line per started and ended run goes
     */
    public ProfileBench(TrainingJobService service, HostResources host, PrintWriter progress) {
        this.service = service;
        this.host = host;
        this.progress = progress;
    }

    /**
     * Runs {@code variants} (from {@link BenchRequests#variants}) in order and waits for each.
     *
     * @param baseDir what relative paths in the request resolve against (the request file's directory)
     * @throws ValidationException when the engine rejects the request itself (it would reject every variant)
     */
    public List<BenchResult> run(Map<String, CreateTrainingJobRequest> variants, Path baseDir) throws InterruptedException {
        List<BenchResult> results = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, CreateTrainingJobRequest> e : variants.entrySet()) {
            n++;
            String type = e.getKey();
            CreateTrainingJobRequest request = e.getValue();
            progress.printf("[%d/%d] %s: %s%n", n, variants.size(), type, request.trainingJobName());
            progress.flush();
            BenchResult r = runOne(type, request, baseDir);
            progress.printf("[%d/%d] %s: %s in %s%n", n, variants.size(), type, r.status(), Units.seconds(r.wallSeconds()));
            progress.flush();
            results.add(r);
        }
        return results;
    }

    private BenchResult runOne(String type, CreateTrainingJobRequest request, Path baseDir) throws InterruptedException {
        int count = request.resourceConfig().instanceCount() == null ? 1 : request.resourceConfig().instanceCount();
        Placement placement = Placement.of(InstanceCatalog.require(type), count, host);
        boolean spot = Boolean.TRUE.equals(request.enableManagedSpotTraining());
        long start = System.nanoTime();
        try {
            service.create(request, baseDir);
        } catch (ValidationException ex) {
            throw ex;
        } catch (KilnApiException ex) {
            // Type-specific refusals (strict device mapping, say) end this run only.
            return new BenchResult(type, request.trainingJobName(), placement.ranOn(), placement.profile().scaledDown(), spot,
                    BenchResult.REJECTED, ex.errorCode() + ": " + ex.getMessage(), seconds(start), null, null, null, null, Map.of());
        }
        TrainingJobRecord end = await(request);
        double wall = seconds(start);
        Double cost = CloudCost.estimate(type, count, end.trainingTimeInSeconds(), end.billableTimeInSeconds(), spot).orElse(null);
        Boolean estimatedPrice = cost == null ? null : InstancePrices.find(type).map(InstancePrices.Price::estimated).orElse(null);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricData m : end.finalMetrics()) {
            if (m.value() != null) {
                metrics.put(m.metricName(), m.value());
            }
        }
        return new BenchResult(type, end.name(), placement.ranOn(), placement.profile().scaledDown(), spot,
                end.status().name(), end.failureReason(), wall, end.trainingTimeInSeconds(), end.billableTimeInSeconds(),
                cost, estimatedPrice, metrics);
    }

    /** Waits for the job's terminal status; a job that outlives its own limits by far is stopped. */
    private TrainingJobRecord await(CreateTrainingJobRequest request) throws InterruptedException {
        String name = request.trainingJobName();
        TrainingJobRecord r = service.awaitTerminal(name, limit(request));
        if (!r.isTerminal()) {
            progress.println("  " + name + " outlived its MaxRuntimeInSeconds; stopping it");
            service.stop(new StopTrainingJobRequest(name));
            r = service.awaitTerminal(name, service.config().stopGrace().plus(WAIT_SLACK));
        }
        return r;
    }

    private Duration limit(CreateTrainingJobRequest request) {
        StoppingCondition sc = request.stoppingCondition();
        long seconds = sc == null || sc.maxRuntimeInSeconds() == null ? 86_400 : sc.maxRuntimeInSeconds();
        if (Boolean.TRUE.equals(request.enableManagedSpotTraining()) && sc != null && sc.maxWaitTimeInSeconds() != null) {
            seconds = Math.max(seconds, sc.maxWaitTimeInSeconds());
        }
        return Duration.ofSeconds(seconds).plus(service.config().stopGrace()).plus(WAIT_SLACK);
    }

    /** Seconds since {@code startNanos}, to the millisecond. */
    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }
}
