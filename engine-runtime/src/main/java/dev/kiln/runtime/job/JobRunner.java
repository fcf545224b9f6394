package dev.kiln.runtime.job;

import dev.kiln.api.error.KilnApiException;
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
import dev.kiln.runtime.exec.ClusterProcess;
import dev.kiln.runtime.exec.ContainerLaunch;
import dev.kiln.runtime.exec.ContainerRuntime;
import dev.kiln.runtime.exec.ContainerRuntimes;
import dev.kiln.runtime.exec.ContainerStartException;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.exec.LocalProcess;
import dev.kiln.runtime.exec.NetworkIsolation;
import dev.kiln.runtime.exec.OutputSink;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.log.JobLogWriter;
import dev.kiln.runtime.metrics.MetricPoint;
import dev.kiln.runtime.metrics.MetricScraper;
import dev.kiln.runtime.output.OutputPublisher;
import dev.kiln.runtime.sched.Grant;
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
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Supervises one training job from Starting to its terminal status: waits for capacity, prepares
 * the /opt/ml tree and the input channels, runs the program (again after a spot interruption or an
 * infrastructure failure covered by RetryStrategy), scrapes metrics, honours stop requests,
 * MaxRuntimeInSeconds (over all attempts) and MaxWaitTimeInSeconds (SIGTERM, grace period, SIGKILL
 * of the whole tree), keeps checkpoints in sync, publishes the outputs and records every transition.
 * Whatever happens, the job ends in a terminal status with no process left behind.
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
        TrainingJobRecord before = engine.store().find(jobName).orElse(null);
        if (before == null || before.isTerminal()
                || (before.supervisor() != null && before.supervisor().isAlive()
                        && before.supervisor().pid() != ProcessHandle.current().pid())) {
            return; // finished already, or another live supervisor owns it: never run a job twice
        }
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
            } finally {
                engine.scheduler().release(jobName);
            }
        } catch (IOException e) {
            finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed",
                    "InternalServerError: cannot write the job log: " + e.getMessage(), null);
        }
    }

    /** One host of the job: its plan, its resources, its /opt/ml tree, its contract and its log. */
    private record HostRun(ClusterPlan.Host plan, HostSpec spec, JobLayout layout, ContainerContract contract,
            JobLogWriter log) {}

    private void supervise(TrainingJobRecord job, JobLayout layout, JobLogWriter log) throws Exception {
        CreateTrainingJobRequest req = FileUris.resolve(job.request(),
                Path.of(job.requestBaseDir() == null ? "." : job.requestBaseDir()));
        if (job.attemptCount() == 0) {
            for (String w : job.warnings()) {
                log.append("[kiln] warning: " + w);
            }
        }
        Deadlines deadlines = Deadlines.of(job, req);
        ClusterPlan cluster = engine.cluster(req);
        Grant grant = awaitCapacity(job, req, cluster, deadlines, log);
        if (grant == null) {
            return;
        }
        List<HostRun> hosts = new ArrayList<>();
        try {
            for (ClusterPlan.Host h : cluster.hosts()) {
                HostSpec spec = cluster.hostSpec(h, grant.gpuIds());
                JobLayout hostLayout = layout.forHost(h.name()).create();
                ContainerContract contract = new ContainerContract(req, job.arn(), hostLayout, spec, inputModes(req));
                contract.writeConfigFiles();
                JobLogWriter hostLog = h.index() == 0 ? log : new JobLogWriter(layout.hostLog(h.name()));
                hosts.add(new HostRun(h, spec, hostLayout, contract, hostLog));
            }
            if (hosts.size() > 1) {
                log.append("[kiln] cluster of " + hosts.size() + " hosts: " + cluster.addresses());
            }
            runAttempts(job, req, hosts, deadlines);
        } finally {
            for (HostRun h : hosts) {
                if (h.log() != log) {
                    h.log().close();
                }
            }
        }
    }

    /** Waits (SecondaryStatus Pending) until the scheduler grants the job's capacity; null if the job ended meanwhile. */
    private Grant awaitCapacity(TrainingJobRecord job, CreateTrainingJobRequest req, ClusterPlan cluster, Deadlines deadlines,
            JobLogWriter log) throws InterruptedException, IOException {
        var scheduler = engine.scheduler();
        scheduler.enqueue(jobName, cluster.demand(), ProcessRef.current(), job.creationTime().toEpochMilli());
        boolean pending = false;
        while (true) {
            Optional<Grant> grant = scheduler.tryAcquire(jobName);
            if (grant.isPresent()) {
                if (pending) {
                    log.append("[kiln] capacity granted");
                }
                return grant.get();
            }
            if (!pending) {
                String why = scheduler.describeWait(jobName);
                log.append("[kiln] " + why);
                transition(TrainingJobStatus.InProgress, SecondaryStatus.Pending, why);
                pending = true;
            }
            Instant now = Instant.now();
            // One read per poll: the stop request and the deadlines (creation time) come from the same record.
            TrainingJobRecord current = engine.store().find(jobName).orElseThrow();
            StopRequest stop = current.stopRequest();
            deadlines = Deadlines.of(current, req);
            if (stop == null && deadlines.maxPending() != null && !now.isBefore(deadlines.maxPending())) {
                stop = new StopRequest(StopRequest.Reason.MAX_PENDING, now);
            }
            if (stop == null && deadlines.maxWait() != null && !now.isBefore(deadlines.maxWait())) {
                stop = new StopRequest(StopRequest.Reason.MAX_WAIT, now);
            }
            if (stop != null) {
                StopRequest s = stop;
                engine.store().update(jobName, r -> r.stopRequest() == null ? r.withStopRequest(s) : r);
                log.append("[kiln] gave up waiting for capacity: " + s.reason());
                endStopped(s, List.of(), req, log, false);
                return null;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void runAttempts(TrainingJobRecord job, CreateTrainingJobRequest req, List<HostRun> hosts, Deadlines deadlines)
            throws Exception {
        JobLogWriter log = hosts.get(0).log();
        List<JobLayout> layouts = hosts.stream().map(HostRun::layout).toList();
        int attempt = job.attemptCount();
        int retries = job.retriesUsedCount();
        long trained = job.trainedMillisTotal();
        int maxRetries = req.retryStrategy() == null || req.retryStrategy().maximumRetryAttempts() == null ? 0
                : req.retryStrategy().maximumRetryAttempts();
        boolean spot = Boolean.TRUE.equals(req.enableManagedSpotTraining());
        Instant firstStart = job.trainingStartTime();
        while (true) {
            attempt++;
            int a = attempt;
            int rUsed = retries;
            long t = trained;
            engine.store().update(jobName, r -> r.withAttempt(a, rUsed, t));
            if (attempt > 1) {
                // A new instance starts from a clean volume: only checkpoints (via S3Uri) survive.
                for (HostRun h : hosts) {
                    h.layout().resetForNewInstance(req.checkpointConfig());
                    h.contract().writeConfigFiles();
                }
            }
            transition(TrainingJobStatus.InProgress, SecondaryStatus.Downloading, "Downloading input data");
            List<MaterializedChannel> channels = new ArrayList<>();
            try {
                try {
                    ChannelMaterializer materializer = engine.channelMaterializer();
                    List<HostSlot> slots = hosts.stream().map(h -> new HostSlot(h.plan().index(), hosts.size(),
                            h.plan().name(), h.plan().group())).toList();
                    for (HostRun h : hosts) {
                        HostSlot slot = slots.get(h.plan().index());
                        for (Channel c : req.inputDataConfig() == null ? List.<Channel>of() : req.inputDataConfig()) {
                            channels.add(materializer.materialize(c, req.algorithmSpecification().trainingInputMode(),
                                    h.layout().dataDir(), slot, slots, line -> h.log().append("[kiln] " + line)));
                        }
                        Checkpoints.restore(engine.objectStore(), req.checkpointConfig(), h.layout(), h.log());
                    }
                } catch (Exception e) {
                    // Missing or unreadable input is the caller's problem, as the service reports it.
                    String msg = String.valueOf(e.getMessage());
                    log.append("[kiln] data download failed: " + msg);
                    finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed",
                            msg.startsWith("ClientError:") ? msg : "ClientError: Data download failed: " + msg, null);
                    return;
                }
                StopRequest early = stopRequested();
                if (early != null) {
                    endStopped(early, layouts, req, log, firstStart != null);
                    return;
                }
                Instant start = Instant.now();
                if (firstStart == null) {
                    firstStart = start;
                }
                Instant fs = firstStart;
                engine.store().update(jobName, r -> r.withAccounting(fs, null, r.trainedMillisTotal(),
                                r.billableTimeInSeconds() == null ? 0 : r.billableTimeInSeconds())
                        .transition(TrainingJobStatus.InProgress, SecondaryStatus.Training,
                                "Training image download completed. Training in progress.", start));
                MetricScraper scraper = new MetricScraper(engine.metricDefinitions(req), this::onMetric);
                ClusterProcess process;
                try {
                    process = launchAll(job, req, hosts, scraper);
                } catch (LaunchFailure | IOException e) {
                    String reason = e instanceof LaunchFailure ? e.getMessage()
                            : "InternalServerError: could not start the training program: " + e.getMessage();
                    log.append("[kiln] " + reason);
                    if (retries < maxRetries) {
                        retries++;
                        log.append("[kiln] RetryStrategy: retry " + retries + " of " + maxRetries);
                        transition(TrainingJobStatus.InProgress, SecondaryStatus.Restarting,
                                "Restarting the training job after an infrastructure failure (retry " + retries + ")");
                        continue;
                    }
                    finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", reason, null);
                    return;
                }
                current = process;
                engine.store().update(jobName, r -> r.withProcess(process.ref()).withHostProcesses(process.refs()));
                Optional<Duration> interruption = spot ? engine.spotMarket().interruptionAfter(jobName, attempt) : Optional.empty();
                Outcome outcome = watch(process, start, trained, deadlines, interruption, req, layouts, log);
                Instant end = Instant.now();
                trained += Duration.between(start, end).toMillis();
                current = null;
                flushMetrics(scraper);
                String channelFailure = closeChannels(channels, log);
                long trainedNow = trained;
                int billable = spot ? engine.spotMarket().billableSeconds(trained) : TrainingJobRecord.seconds(trained);
                engine.store().update(jobName, r -> r.withAccounting(fs, end, trainedNow, billable)
                        .withProcess(null).withHostProcesses(List.of()));

                if (outcome.interrupted) {
                    transition(TrainingJobStatus.InProgress, SecondaryStatus.Interrupted,
                            "Spot capacity was reclaimed: the training instance was interrupted");
                    for (JobLayout l : layouts) {
                        Checkpoints.upload(engine.objectStore(), req.checkpointConfig(), l, log);
                    }
                    if (deadlines.maxWait() != null && !Instant.now().isBefore(deadlines.maxWait())) {
                        endStopped(new StopRequest(StopRequest.Reason.MAX_WAIT, Instant.now()), layouts, req, log, true);
                        return;
                    }
                    transition(TrainingJobStatus.InProgress, SecondaryStatus.Restarting,
                            "Restarting the training job on new spot capacity");
                    log.append("[kiln] restarting after the spot interruption (attempt " + (attempt + 1) + ")");
                    continue;
                }
                if (outcome.stop != null) {
                    endStopped(outcome.stop, layouts, req, log, true);
                } else if (outcome.exitCode == 0) {
                    transition(TrainingJobStatus.InProgress, SecondaryStatus.Uploading, "Uploading generated training model");
                    publish(layouts, req, log, true);
                    finish(TrainingJobStatus.Completed, SecondaryStatus.Completed, "Training job completed", null, null);
                } else {
                    JobLayout failedHost = failedLayout(layouts, process.failedHost());
                    String reason = failureReason(failedHost, process.describeExit(outcome.exitCode));
                    if (channelFailure != null && !Files.exists(failedHost.failureFile())) {
                        // A Pipe feeder that broke explains the program's failure better than its exit code.
                        reason = channelFailure;
                    }
                    log.append("[kiln] training failed: " + reason);
                    publish(layouts, req, log, false);
                    finish(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", reason, null);
                }
                return;
            } finally {
                closeChannels(channels, log);
            }
        }
    }

    /** Starts every host's program; if one cannot start, those already started are ended. */
    private ClusterProcess launchAll(TrainingJobRecord job, CreateTrainingJobRequest req, List<HostRun> hosts,
            MetricScraper scraper) throws IOException {
        ExecutionPlan plan = plan(job, req);
        if (plan instanceof ExecutionPlan.ContainerImage image) {
            return new ClusterProcess(List.of(hosts.get(0).plan().name()), List.of(launchContainers(job, req, hosts, image, scraper)),
                    engine.config().stopGrace());
        }
        List<JobProcess> started = new ArrayList<>();
        try {
            for (HostRun h : hosts) {
                started.add(launch(req, plan, h, scraper));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(JobProcess::kill);
            throw e;
        }
        return new ClusterProcess(hosts.stream().map(h -> h.plan().name()).toList(), started, engine.config().stopGrace());
    }

    private ExecutionPlan plan(TrainingJobRecord job, CreateTrainingJobRequest req) {
        try {
            return ExecutionPlanner.plan(req.algorithmSpecification(),
                    Path.of(job.requestBaseDir() == null ? "." : job.requestBaseDir()));
        } catch (KilnApiException e) {
            // It was runnable at create time; now it is not (an executable removed, say): the program cannot start.
            throw new LaunchFailure("ClientError: the training program cannot be started: " + e.getMessage());
        }
    }

    /** Each line a host writes goes to its log and through the job's metric scraper. */
    private static OutputSink sink(HostRun h, MetricScraper scraper) {
        return line -> {
            h.log().append(line);
            scraper.scrape(line, Instant.now());
        };
    }

    /** All hosts of a container job, started together so that they share a network. */
    private JobProcess launchContainers(TrainingJobRecord job, CreateTrainingJobRequest req, List<HostRun> hosts,
            ExecutionPlan.ContainerImage image, MetricScraper scraper) throws IOException {
        ContainerRuntime runtime = ContainerRuntimes.find().orElseThrow();
        Optional<String> unavailable = runtime.unavailableReason(engine.home().root());
        if (unavailable.isPresent()) {
            throw new LaunchFailure("ClientError: cannot run container image '" + image.image() + "': " + unavailable.get());
        }
        boolean keep = Boolean.parseBoolean(engine.config().raw().getOrDefault("kiln.docker.keepContainers", "false"));
        List<ContainerLaunch> launches = new ArrayList<>();
        Map<String, OutputSink> sinks = new LinkedHashMap<>();
        for (HostRun h : hosts) {
            // Inside the container the contract's paths are the real /opt/ml ones.
            Map<String, String> containerEnv = new LinkedHashMap<>(new ContainerContract(req, job.arn(),
                    new JobLayout(Path.of("/")), h.spec(), inputModes(req)).environment());
            containerEnv.remove("KILN_OPT_ML");
            launches.add(new ContainerLaunch(engine.home().root(), jobName, image.image(), image.entrypoint(),
                    image.arguments(), containerEnv, h.layout().optMl(), h.spec(),
                    Boolean.TRUE.equals(req.enableNetworkIsolation()), keep));
            sinks.put(h.plan().name(), sink(h, scraper));
        }
        try {
            return runtime.startCluster(launches, name -> sinks.getOrDefault(name, sinks.values().iterator().next()));
        } catch (ContainerStartException e) {
            throw new LaunchFailure("ClientError: cannot run container image '" + image.image() + "': " + e.getMessage());
        }
    }

    private static String closeChannels(List<MaterializedChannel> channels, JobLogWriter log) {
        String failure = null;
        for (MaterializedChannel c : channels) {
            Optional<String> f = c.failure();
            if (f.isPresent()) {
                log.append("[kiln] channel " + c.channelName() + ": " + f.get());
                failure = failure == null ? f.get() : failure;
            }
            c.close();
        }
        channels.clear();
        return failure;
    }

    private record Outcome(int exitCode, StopRequest stop, boolean interrupted) {}

    /**
     * Waits for the program, turning stop requests, MaxRuntime, MaxWaitTime and spot interruptions
     * into SIGTERM and, after the grace period, SIGKILL. Checkpoints are synced to S3Uri meanwhile.
     */
    private Outcome watch(JobProcess process, Instant start, long trainedBefore, Deadlines deadlines,
            Optional<Duration> interruption, CreateTrainingJobRequest req, List<JobLayout> layouts, JobLogWriter log)
            throws InterruptedException {
        Instant runtimeDeadline = deadlines.maxRuntimeMillis() == null ? null
                : start.plusMillis(Math.max(0, deadlines.maxRuntimeMillis() - trainedBefore));
        Instant interruptAt = interruption.map(start::plus).orElse(null);
        Duration syncEvery = engine.checkpointSyncInterval();
        Instant nextSync = start.plus(syncEvery);
        StopRequest stop = null;
        boolean interrupted = false;
        Instant killAt = null;
        while (true) {
            OptionalIntHolder exit = OptionalIntHolder.of(process.waitFor(POLL));
            flushMetricsQuietly();
            if (exit.present) {
                if (process.ref() != null && ProcessTree.groupAlive(process.ref())) {
                    // The program exited but left children behind; the service tears the container down.
                    process.kill();
                }
                return new Outcome(exit.value, stop, interrupted && stop == null);
            }
            Instant now = Instant.now();
            if (req.checkpointConfig() != null && req.checkpointConfig().s3Uri() != null && !now.isBefore(nextSync)) {
                syncCheckpointsQuietly(req, layouts, log);
                nextSync = now.plus(syncEvery);
            }
            if (stop == null && !interrupted) {
                stop = stopRequested();
                // MaxWait (waiting plus running, >= MaxRuntime by validation) is reported when both have passed.
                if (stop == null && deadlines.maxWait() != null && !now.isBefore(deadlines.maxWait())) {
                    stop = new StopRequest(StopRequest.Reason.MAX_WAIT, now);
                } else if (stop == null && runtimeDeadline != null && !now.isBefore(runtimeDeadline)) {
                    stop = new StopRequest(StopRequest.Reason.MAX_RUNTIME, now);
                }
                if (stop != null && stop.reason() != StopRequest.Reason.USER) {
                    StopRequest s = stop;
                    engine.store().update(jobName, r -> r.withStopRequest(s)
                            .transition(TrainingJobStatus.Stopping, SecondaryStatus.Stopping, "Stopping the training job", s.at()));
                }
                if (stop != null) {
                    log.append("[kiln] " + describe(stop, req) + ": sending SIGTERM, SIGKILL in "
                            + engine.config().stopGrace().toSeconds() + " s");
                    process.terminate();
                    killAt = now.plus(engine.config().stopGrace());
                } else if (interruptAt != null && !now.isBefore(interruptAt)) {
                    interrupted = true;
                    Duration warning = engine.spotMarket().warning();
                    log.append("[kiln] spot interruption: the instance will be reclaimed in " + warning.toSeconds()
                            + " s (SIGTERM now, SIGKILL then)");
                    process.terminate();
                    killAt = now.plus(warning);
                }
            } else {
                if (interrupted && stop == null) {
                    // A stop during the interruption warning turns the interruption into a stop.
                    stop = stopRequested();
                }
                if (killAt != null && !now.isBefore(killAt)) {
                    log.append("[kiln] grace period over: sending SIGKILL");
                    process.kill();
                    killAt = null;
                }
            }
        }
    }

    /** An OptionalInt with its parts visible, to keep the watch loop readable. */
    private record OptionalIntHolder(boolean present, int value) {
        static OptionalIntHolder of(java.util.OptionalInt o) {
            return new OptionalIntHolder(o.isPresent(), o.isPresent() ? o.getAsInt() : 0);
        }
    }

    private static String describe(StopRequest stop, CreateTrainingJobRequest req) {
        return switch (stop.reason()) {
            case USER -> "stop requested";
            case MAX_RUNTIME -> "MaxRuntimeInSeconds (" + req.stoppingCondition().maxRuntimeInSeconds() + ") reached";
            case MAX_WAIT -> "MaxWaitTimeInSeconds (" + req.stoppingCondition().maxWaitTimeInSeconds() + ") reached";
            case MAX_PENDING -> "MaxPendingTimeInSeconds reached";
        };
    }

    private void syncCheckpointsQuietly(CreateTrainingJobRequest req, List<JobLayout> layouts, JobLogWriter log) {
        try {
            for (int i = layouts.size() - 1; i >= 0; i--) {
                Checkpoints.upload(engine.objectStore(), req.checkpointConfig(), layouts.get(i), null);
            }
        } catch (Exception e) {
            log.append("[kiln] checkpoint sync failed (will retry): " + e.getMessage());
        }
    }

    /** One host's local program: an executable, or a built-in algorithm in a child JVM (or on a thread). */
    private JobProcess launch(CreateTrainingJobRequest req, ExecutionPlan plan, HostRun hostRun, MetricScraper scraper)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(engine.baseEnvironment());
        env.putAll(hostRun.contract().environment());
        OutputSink sink = sink(hostRun, scraper);
        if (plan instanceof ExecutionPlan.LocalExecutable exe) {
            // The program runs in its own directory, as a container runs in its image's WORKDIR.
            return LocalProcess.start(exe.command(), env, exe.executable().getParent(), sink, isolation(req, hostRun.log()));
        }
        ExecutionPlan.BuiltInAlgorithm builtIn = (ExecutionPlan.BuiltInAlgorithm) plan;
        if (engine.config().inThreadAlgorithms()) {
            return InThreadAlgorithm.start(builtIn.algorithmName(), env, sink);
        }
        return LocalProcess.start(ChildJvm.command(builtIn.algorithmName(), hostRun.spec(), engine.home()), env,
                hostRun.layout().jobDir(), sink, isolation(req, hostRun.log()));
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

    /** Ends a stopped job; artifacts written before and during the grace period count, as in the service. */
    private void endStopped(StopRequest stop, List<JobLayout> layouts, CreateTrainingJobRequest req, JobLogWriter log,
            boolean trained) throws IOException {
        if (!layouts.isEmpty() && trained) {
            publish(layouts, req, log, true);
        }
        SecondaryStatus secondary = switch (stop.reason()) {
            case MAX_RUNTIME -> SecondaryStatus.MaxRuntimeExceeded;
            case MAX_WAIT -> SecondaryStatus.MaxWaitTimeExceeded;
            default -> SecondaryStatus.Stopped;
        };
        String message = switch (stop.reason()) {
            case MAX_RUNTIME -> "Training job reached the maximum runtime (MaxRuntimeInSeconds) and was stopped";
            case MAX_WAIT -> "Training job reached the maximum wait time (MaxWaitTimeInSeconds) and was stopped";
            case MAX_PENDING -> "Training job waited longer than MaxPendingTimeInSeconds for capacity and was stopped";
            case USER -> "Training job stopped";
        };
        finish(TrainingJobStatus.Stopped, secondary, message, null, null);
    }

    private void publish(List<JobLayout> layouts, CreateTrainingJobRequest req, JobLogWriter log, boolean model)
            throws IOException {
        OutputPublisher publisher = new OutputPublisher(engine.objectStore());
        if (model) {
            String uri = publisher.publishModel(req.outputDataConfig(), jobName, layouts);
            engine.store().update(jobName, r -> r.withModelArtifacts(uri));
            log.append("[kiln] model artifacts: " + uri);
        }
        publisher.publishOutputData(req.outputDataConfig(), jobName, layouts);
        // Later hosts first, so that algo-1's checkpoint and TensorBoard files win where hosts overlap.
        for (int i = layouts.size() - 1; i >= 0; i--) {
            Checkpoints.upload(engine.objectStore(), req.checkpointConfig(), layouts.get(i), i == 0 ? log : null);
            TensorBoard.upload(engine.objectStore(), req.tensorBoardOutputConfig(), layouts.get(i), i == 0 ? log : null);
        }
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
        engine.store().update(jobName, r -> r.status() == TrainingJobStatus.Stopping || r.isTerminal() ? r
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
        List<MetricData> finals = scraper.finalMetricDataList().stream().filter(d -> Double.isFinite(d.value())).toList();
        if (!finals.isEmpty()) {
            engine.store().update(jobName, rec -> rec.withFinalMetrics(merge(rec.finalMetrics(), finals)));
        }
    }

    private static List<MetricData> merge(List<MetricData> current, Map<String, MetricRow> latest) {
        Map<String, MetricData> m = new LinkedHashMap<>();
        current.forEach(d -> m.put(d.metricName(), d));
        latest.forEach((k, v) -> m.put(k, new MetricData(k, v.value(), Instant.ofEpochMilli(v.timestampMillis()))));
        return List.copyOf(m.values());
    }

    /** Metrics of an earlier attempt stay; this attempt's last values replace them by name. */
    private static List<MetricData> merge(List<MetricData> current, List<MetricData> latest) {
        Map<String, MetricData> m = new LinkedHashMap<>();
        current.forEach(d -> m.put(d.metricName(), d));
        latest.forEach(d -> m.put(d.metricName(), d));
        return List.copyOf(m.values());
    }

    static Map<String, String> inputModes(CreateTrainingJobRequest req) {
        Map<String, String> modes = new LinkedHashMap<>();
        String jobMode = req.algorithmSpecification().trainingInputMode();
        if (req.inputDataConfig() != null) {
            for (Channel c : req.inputDataConfig()) {
                modes.put(c.channelName(), c.inputMode() != null ? c.inputMode() : (jobMode == null ? "File" : jobMode));
            }
        }
        return modes;
    }

    /** The failing host's layout, or else the first host that wrote a failure file (containers report no host). */
    private static JobLayout failedLayout(List<JobLayout> layouts, int failed) {
        JobLayout preferred = layouts.get(failed);
        if (Files.exists(preferred.failureFile())) {
            return preferred;
        }
        return layouts.stream().filter(l -> Files.exists(l.failureFile())).findFirst().orElse(preferred);
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
