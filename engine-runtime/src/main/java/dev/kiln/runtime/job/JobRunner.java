package dev.kiln.runtime.job;

import dev.kiln.api.training.Channel;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.TrainingJobStatus;
import dev.kiln.runtime.algorithm.InThreadAlgorithm;
import dev.kiln.runtime.channel.ChannelMaterializer;
import dev.kiln.runtime.channel.HostSlot;
import dev.kiln.runtime.channel.MaterializedChannel;
import dev.kiln.runtime.contract.ContainerContract;
import dev.kiln.runtime.contract.HostSpec;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.ContainerLaunch;
import dev.kiln.runtime.exec.ContainerRuntime;
import dev.kiln.runtime.exec.ContainerRuntimes;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.exec.LocalProcess;
import dev.kiln.runtime.exec.NetworkIsolation;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.log.JobLogWriter;
import dev.kiln.runtime.metrics.MetricPoint;
import dev.kiln.runtime.metrics.MetricScraper;
import dev.kiln.runtime.output.OutputPublisher;
import dev.kiln.runtime.store.MetricRow;
import dev.kiln.runtime.store.ProcessRef;
import dev.kiln.runtime.store.StopRequest;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Supervises one training job from Starting to its terminal status: prepares the /opt/ml tree and the
 * input channels, runs the program, scrapes metrics, honours stop requests and MaxRuntimeInSeconds
 * (SIGTERM, grace period, SIGKILL of the whole tree), publishes the outputs and records every
 * transition. Whatever happens, the job ends in a terminal status with no process left behind.
 */
final class JobRunner {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int FAILURE_REASON_MAX = 1024;

    private final EngineContext engine;
    private final String jobName;
    private final ConcurrentLinkedQueue<MetricRow> pendingMetrics = new ConcurrentLinkedQueue<>();
    /** The running program, so that an internal error still ends it. */
    private volatile JobProcess current;
    /** The job log; flushed before the job turns terminal so a follower that stops then misses nothing. */
    private volatile JobLogWriter jobLog;

    JobRunner(EngineContext engine, String jobName) {
        this.engine = engine;
        this.jobName = jobName;
    }

    void run() {
        TrainingJobRecord job = engine.store().update(jobName, r -> r.withSupervisor(ProcessRef.current()));
        JobLayout layout = new JobLayout(engine.home().jobDir(jobName)).create();
        try (JobLogWriter log = new JobLogWriter(layout.hostLog("algo-1"))) {
            jobLog = log;
            try {
                supervise(job, layout, log);
            } catch (Throwable t) {
                // A bug or an environment problem on our side: record it, never leave the job InProgress
                // nor its program running unsupervised.
                JobProcess p = current;
                if (p != null) {
                    p.kill();
                }
                log.append("[kiln] internal error: " + t);
                finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed",
                        "InternalServerError: " + t.getMessage(), null);
            }
        } catch (IOException e) {
            finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed",
                    "InternalServerError: cannot write the job log: " + e.getMessage(), null);
        }
    }

    private void supervise(TrainingJobRecord job, JobLayout layout, JobLogWriter log) throws Exception {
        CreateTrainingJobRequest req = FileUris.resolve(job.request(),
                Path.of(job.requestBaseDir() == null ? "." : job.requestBaseDir()));
        for (String w : job.warnings()) {
            log.append("[kiln] warning: " + w);
        }
        HostSpec host = engine.hostSpec(req);
        Map<String, String> modes = inputModes(req);
        ContainerContract contract = new ContainerContract(req, job.arn(), layout, host, modes);
        contract.writeConfigFiles();

        transition(TrainingJobStatus.InProgress, SecondaryStatus.Downloading, "Downloading input data");
        List<MaterializedChannel> channels = new ArrayList<>();
        try {
            try {
                ChannelMaterializer materializer = engine.channelMaterializer();
                HostSlot slot = new HostSlot(0, host.hosts().size(), host.currentHost(), null);
                for (Channel c : req.inputDataConfig() == null ? List.<Channel>of() : req.inputDataConfig()) {
                    channels.add(materializer.materialize(c, req.algorithmSpecification().trainingInputMode(),
                            layout.dataDir(), slot, line -> log.append("[kiln] " + line)));
                }
                Checkpoints.restore(engine.objectStore(), req.checkpointConfig(), layout, log);
            } catch (Exception e) {
                // Missing or unreadable input is the caller's problem, as the service reports it.
                String msg = String.valueOf(e.getMessage());
                finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed",
                        msg.startsWith("ClientError:") ? msg : "ClientError: Data download failed: " + msg, null);
                log.append("[kiln] data download failed: " + e.getMessage());
                return;
            }
            if (stopRequested() != null) {
                endStopped(stopRequested(), layout, req, log, null, null);
                return;
            }
            Instant start = Instant.now();
            TrainingJobRecord started = engine.store().update(jobName, r -> r.withTrainingTimes(start, null)
                    .transition(TrainingJobStatus.InProgress, SecondaryStatus.Training,
                            "Training image download completed. Training in progress.", start));
            MetricScraper scraper = new MetricScraper(engine.metricDefinitions(req), this::onMetric);
            JobProcess process;
            try {
                process = launch(job, req, layout, contract, host, log, scraper);
            } catch (LaunchFailure e) {
                log.append("[kiln] " + e.getMessage());
                finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", e.getMessage(), null);
                return;
            }
            current = process;
            if (process.ref() != null) {
                engine.store().update(jobName, r -> r.withProcess(process.ref()));
            }
            Outcome outcome = watch(process, started, log);
            Instant end = Instant.now();
            flushMetrics(scraper);
            String channelFailure = null;
            for (MaterializedChannel c : channels) {
                Optional<String> f = c.failure();
                if (f.isPresent()) {
                    log.append("[kiln] channel " + c.channelName() + ": " + f.get());
                    channelFailure = channelFailure == null ? f.get() : channelFailure;
                }
                c.close();
            }
            channels.clear();
            if (outcome.stop != null) {
                endStopped(outcome.stop, layout, req, log, start, end);
            } else if (outcome.exitCode == 0) {
                engine.store().update(jobName, r -> r.withTrainingTimes(start, end)
                        .transition(TrainingJobStatus.InProgress, SecondaryStatus.Uploading, "Uploading generated training model", end));
                publish(layout, req, log, true);
                finish(TrainingJobStatus.Completed, SecondaryStatus.Completed, "Training job completed", null, null);
            } else {
                engine.store().update(jobName, r -> r.withTrainingTimes(start, end));
                String reason = failureReason(layout, process.describeExit(outcome.exitCode));
                if (channelFailure != null && !Files.exists(layout.failureFile())) {
                    // A Pipe feeder that broke explains the program's failure better than its exit code.
                    reason = channelFailure;
                }
                log.append("[kiln] training failed: " + reason);
                publish(layout, req, log, false);
                finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", reason, null);
            }
        } finally {
            for (MaterializedChannel c : channels) {
                c.close();
            }
        }
    }

    private record Outcome(int exitCode, StopRequest stop) {}

    /** Waits for the program, turning stop requests and MaxRuntime into SIGTERM and, after the grace, SIGKILL. */
    private Outcome watch(JobProcess process, TrainingJobRecord started, JobLogWriter log) throws InterruptedException {
        Integer maxRuntime = started.request().stoppingCondition() == null ? null
                : started.request().stoppingCondition().maxRuntimeInSeconds();
        Instant deadline = maxRuntime == null ? null : started.trainingStartTime().plusSeconds(maxRuntime);
        StopRequest stop = null;
        Instant killAt = null;
        while (true) {
            OptionalInt exit = process.waitFor(POLL);
            flushMetricsQuietly();
            if (exit.isPresent()) {
                if (process.ref() != null && ProcessTree.groupAlive(process.ref())) {
                    // The program exited but left children behind; the service tears the container down.
                    process.kill();
                }
                return new Outcome(exit.getAsInt(), stop);
            }
            Instant now = Instant.now();
            if (stop == null) {
                stop = stopRequested();
                if (stop == null && deadline != null && !now.isBefore(deadline)) {
                    stop = new StopRequest(StopRequest.Reason.MAX_RUNTIME, now);
                    StopRequest s = stop;
                    engine.store().update(jobName, r -> r.withStopRequest(s)
                            .transition(TrainingJobStatus.Stopping, SecondaryStatus.Stopping, "Stopping the training job", s.at()));
                }
                if (stop != null) {
                    log.append("[kiln] " + (stop.reason() == StopRequest.Reason.MAX_RUNTIME
                            ? "MaxRuntimeInSeconds (" + maxRuntime + ") reached" : "stop requested")
                            + ": sending SIGTERM, SIGKILL in " + engine.config().stopGrace().toSeconds() + " s");
                    process.terminate();
                    killAt = now.plus(engine.config().stopGrace());
                }
            } else if (killAt != null && !now.isBefore(killAt)) {
                log.append("[kiln] grace period over: sending SIGKILL");
                process.kill();
                killAt = null;
            }
        }
    }

    private JobProcess launch(TrainingJobRecord job, CreateTrainingJobRequest req, JobLayout layout,
            ContainerContract contract, HostSpec host, JobLogWriter log, MetricScraper scraper) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(engine.baseEnvironment());
        env.putAll(contract.environment());
        ExecutionPlan plan = ExecutionPlanner.plan(req.algorithmSpecification(),
                Path.of(job.requestBaseDir() == null ? "." : job.requestBaseDir()));
        var sink = (dev.kiln.runtime.exec.OutputSink) line -> {
            log.append(line);
            scraper.scrape(line, Instant.now());
        };
        if (plan instanceof ExecutionPlan.LocalExecutable exe) {
            // The program runs in its own directory, as a container runs in its image's WORKDIR.
            return LocalProcess.start(exe.command(), env, exe.executable().getParent(), sink, isolation(req, log));
        }
        if (plan instanceof ExecutionPlan.ContainerImage image) {
            ContainerRuntime runtime = ContainerRuntimes.find().orElseThrow();
            Optional<String> unavailable = runtime.unavailableReason();
            if (unavailable.isPresent()) {
                throw new LaunchFailure("ClientError: cannot run container image '" + image.image() + "': "
                        + unavailable.get());
            }
            // Inside the container the contract's paths are the real /opt/ml ones.
            Map<String, String> containerEnv = new LinkedHashMap<>(new ContainerContract(req, job.arn(),
                    new JobLayout(Path.of("/")), host, inputModes(req)).environment());
            containerEnv.remove("KILN_OPT_ML");
            boolean keep = Boolean.parseBoolean(engine.config().raw().getOrDefault("kiln.docker.keepContainers", "false"));
            return runtime.start(new ContainerLaunch(engine.home().root(), jobName, image.image(), image.entrypoint(),
                    image.arguments(), containerEnv, layout.optMl(), host,
                    Boolean.TRUE.equals(req.enableNetworkIsolation()), keep), sink);
        }
        ExecutionPlan.BuiltInAlgorithm builtIn = (ExecutionPlan.BuiltInAlgorithm) plan;
        if (engine.config().inThreadAlgorithms()) {
            return InThreadAlgorithm.start(builtIn.algorithmName(), env, sink);
        }
        return LocalProcess.start(ChildJvm.command(builtIn.algorithmName(), host, engine.home()), env, layout.jobDir(), sink,
                isolation(req, log));
    }

    /** EnableNetworkIsolation: a network namespace with loopback only, where this machine allows one. */
    private static List<String> isolation(CreateTrainingJobRequest req, JobLogWriter log) {
        if (!Boolean.TRUE.equals(req.enableNetworkIsolation())) {
            return List.of();
        }
        Optional<List<String>> prefix = NetworkIsolation.prefix();
        if (prefix.isEmpty()) {
            log.append("[kiln] warning: EnableNetworkIsolation could not be applied (no unshare or no network namespaces"
                    + " allowed here): the program can reach the network");
            return List.of();
        }
        return prefix.get();
    }

    private void endStopped(StopRequest stop, JobLayout layout, CreateTrainingJobRequest req, JobLogWriter log,
            Instant start, Instant end) throws IOException {
        if (start != null) {
            engine.store().update(jobName, r -> r.withTrainingTimes(start, end));
        }
        // Artifacts written before and during the grace period count, as in the service.
        publish(layout, req, log, true);
        boolean maxRuntime = stop.reason() == StopRequest.Reason.MAX_RUNTIME;
        finish(TrainingJobStatus.Stopped, maxRuntime ? SecondaryStatus.MaxRuntimeExceeded : SecondaryStatus.Stopped,
                maxRuntime ? "Training job reached the maximum runtime (MaxRuntimeInSeconds) and was stopped"
                        : "Training job stopped", null, null);
    }

    private void publish(JobLayout layout, CreateTrainingJobRequest req, JobLogWriter log, boolean model) throws IOException {
        OutputPublisher publisher = new OutputPublisher(engine.objectStore());
        if (model) {
            String uri = publisher.publishModel(req.outputDataConfig(), jobName, layout);
            engine.store().update(jobName, r -> r.withModelArtifacts(uri));
            log.append("[kiln] model artifacts: " + uri);
        }
        publisher.publishOutputData(req.outputDataConfig(), jobName, layout);
        Checkpoints.upload(engine.objectStore(), req.checkpointConfig(), layout, log);
        TensorBoard.upload(engine.objectStore(), req.tensorBoardOutputConfig(), layout, log);
    }

    private void finish(TrainingJobStatus status, SecondaryStatus secondary, String message, String reason, Instant at) {
        JobLogWriter log = jobLog;
        if (log != null) {
            try {
                log.flush();
            } catch (Exception ignored) {
                // the status matters more than the last log lines
            }
        }
        Instant now = at == null ? Instant.now() : at;
        engine.store().update(jobName, r -> {
            if (r.isTerminal()) {
                return r;
            }
            TrainingJobRecord next = r.transition(status, secondary, message, now).withProcess(null).withSupervisor(null);
            if (next.trainingStartTime() != null && next.trainingEndTime() == null) {
                next = next.withTrainingTimes(next.trainingStartTime(), now);
            }
            return reason == null ? next : next.withFailureReason(truncate(reason));
        });
    }

    private void transition(TrainingJobStatus status, SecondaryStatus secondary, String message) {
        engine.store().update(jobName, r -> r.status() == TrainingJobStatus.Stopping ? r
                : r.transition(status, secondary, message, Instant.now()));
    }

    private StopRequest stopRequested() {
        return engine.store().find(jobName).map(TrainingJobRecord::stopRequest).orElse(null);
    }

    private void onMetric(MetricPoint p) {
        if (!Double.isFinite(p.value())) {
            return; // the service (CloudWatch) drops NaN and infinities; JSON cannot carry them either
        }
        pendingMetrics.add(new MetricRow(p.name(), p.timestamp().toEpochMilli(), p.value()));
    }

    private void flushMetricsQuietly() {
        List<MetricRow> rows = new ArrayList<>();
        MetricRow r;
        while ((r = pendingMetrics.poll()) != null) {
            rows.add(r);
        }
        if (!rows.isEmpty()) {
            engine.store().appendMetrics(jobName, rows);
            Map<String, MetricRow> last = new LinkedHashMap<>();
            rows.forEach(row -> last.put(row.name(), row));
            engine.store().update(jobName, rec -> rec.withFinalMetrics(merge(rec.finalMetrics(), last)));
        }
    }

    private void flushMetrics(MetricScraper scraper) {
        flushMetricsQuietly();
        List<MetricData> finals = scraper.finalMetricDataList();
        if (!finals.isEmpty()) {
            engine.store().update(jobName, rec -> rec.withFinalMetrics(finals));
        }
    }

    private static List<MetricData> merge(List<MetricData> current, Map<String, MetricRow> latest) {
        Map<String, MetricData> m = new LinkedHashMap<>();
        current.forEach(d -> m.put(d.metricName(), d));
        latest.forEach((k, v) -> m.put(k, new MetricData(k, v.value(), Instant.ofEpochMilli(v.timestampMillis()))));
        return List.copyOf(m.values());
    }

    private static Map<String, String> inputModes(CreateTrainingJobRequest req) {
        Map<String, String> modes = new LinkedHashMap<>();
        String jobMode = req.algorithmSpecification().trainingInputMode();
        if (req.inputDataConfig() != null) {
            for (Channel c : req.inputDataConfig()) {
                modes.put(c.channelName(), c.inputMode() != null ? c.inputMode() : (jobMode == null ? "File" : jobMode));
            }
        }
        return modes;
    }

    /** FailureReason: the program's output/failure file (as the service reads it), else the exit status. */
    private static String failureReason(JobLayout layout, String exit) {
        Path failure = layout.failureFile();
        try {
            if (Files.isRegularFile(failure) && Files.size(failure) > 0) {
                byte[] head = new byte[FAILURE_REASON_MAX * 4];
                int n;
                try (var in = Files.newInputStream(failure)) {
                    n = in.readNBytes(head, 0, head.length);
                }
                String text = new String(head, 0, n, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return "AlgorithmError: " + text;
                }
            }
        } catch (IOException ignored) {
            // fall through to the exit status
        }
        return "AlgorithmError: the training program ended with " + exit + " (no output/failure file was written)";
    }

    private static String truncate(String s) {
        return s.length() <= FAILURE_REASON_MAX ? s : s.substring(0, FAILURE_REASON_MAX);
    }
}
