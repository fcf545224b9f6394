package dev.kiln.hpo.tuning;

import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.error.ResourceInUseException;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobStatus;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.hpo.pruner.Decision;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one tuning job to its end: launches trials as the limits allow, follows them, stops those
 * that early stopping or Hyperband rejects, tells the search every result, and ends the tuning job
 * when its budget, a completion criterion or a stop request says so. All state goes to the store
 * before it is acted on, so a restarted orchestrator ({@link Resume}) carries on where this one was.
 */
final class TuningOrchestrator implements Runnable {
    /** How often trials are checked: a trial's end is noticed within this time. */
    private static final Duration POLL = Duration.ofMillis(20);
    /** How often a running trial's objective series is read for early stopping and Hyperband. */
    private static final Duration SERIES_EVERY = Duration.ofMillis(200);

    private final TrainingJobService training;
    private final TuningStore store;
    private final KilnHome home;
    private final String name;
    private final TuningLog log;
    private final Map<Integer, TrialRecord> trials = new TreeMap<>();
    private final Map<Integer, Integer> seen = new HashMap<>();
    private final Map<Integer, Instant> lastSeriesRead = new HashMap<>();
    private final Set<Integer> stopSent = new HashSet<>();
    private TuningJobRecord job;
    private List<HyperParameterTrainingJobDefinition> definitions;
    private TuningSearch search;
    private CompletionTracker tracker;
    private String fatal;

    TuningOrchestrator(TrainingJobService training, TuningStore store, KilnHome home, String name) {
        this.training = training;
        this.store = store;
        this.home = home;
        this.name = name;
        this.log = new TuningLog(TuningFiles.log(home, name));
    }

    @Override
    public void run() {
        try {
            orchestrate();
        } catch (InterruptedException e) {
            // The engine is closing: hand the tuning job back so that the next engine resumes it.
            store.update(name, r -> owned(r) ? r.withOrchestrator(null) : r);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.append("internal error: " + e);
            if (job == null) {
                return; // nothing was read; the next engine retries
            }
            trials.values().stream().filter(t -> !t.isEnded()).forEach(this::stopTrial);
            end(HyperParameterTuningJobStatus.Failed, "InternalServerError: " + e.getMessage());
        }
    }

    private void orchestrate() throws InterruptedException {
        job = store.find(name).orElseThrow();
        if (job.isTerminal()) {
            return;
        }
        definitions = TuningDefinitions.of(job.request());
        search = TuningSearch.create(job, WarmStart.observations(job, store));
        tracker = new CompletionTracker(job.request().hyperParameterTuningJobConfig().tuningJobCompletionCriteria(),
                search.direction());
        store.trials(name).forEach(t -> trials.put(t.index(), t));
        if (!trials.isEmpty()) {
            log.append("resuming with " + trials.size() + " trials recorded");
            Resume.replay(this, search, tracker, List.copyOf(trials.values()));
        }
        for (TrialRecord t : List.copyOf(trials.values())) {
            if (t.state() == TrialRecord.State.LAUNCHING) {
                create(t);
            }
        }
        var limits = job.request().hyperParameterTuningJobConfig().resourceLimits();
        int maxParallel = limits.maxParallelTrainingJobs();
        int maxJobs = limits.maxNumberOfTrainingJobs() == null ? Integer.MAX_VALUE : limits.maxNumberOfTrainingJobs();
        while (true) {
            job = store.find(name).orElseThrow();
            if (job.isTerminal() || !owned(job)) {
                return;
            }
            Instant deadline = limits.maxRuntimeInSeconds() == null ? null
                    : job.creationTime().plusSeconds(limits.maxRuntimeInSeconds());
            for (TrialRecord t : List.copyOf(trials.values())) {
                if (!t.isEnded()) {
                    follow(t);
                }
            }
            long running = trials.values().stream().filter(t -> !t.isEnded()).count();
            Optional<String> done = tracker.reason();
            if (done.isEmpty() && deadline != null && !Instant.now().isBefore(deadline)) {
                done = Optional.of("MaxRuntimeInSeconds reached");
            }
            if (fatal != null || job.status() == HyperParameterTuningJobStatus.Stopping || done.isPresent()) {
                if (done.isPresent() && job.completionReason() == null) {
                    String why = done.get();
                    log.append("completing: " + why);
                    job = store.update(name, r -> r.withProgress(why, tracker.notImproving(), tracker.convergedAt()));
                }
                trials.values().stream().filter(t -> !t.isEnded()).forEach(this::stopTrial);
                if (running == 0) {
                    end(fatal != null ? HyperParameterTuningJobStatus.Failed
                            : job.status() == HyperParameterTuningJobStatus.Stopping ? HyperParameterTuningJobStatus.Stopped
                            : HyperParameterTuningJobStatus.Completed, fatal);
                    return;
                }
            } else {
                while (running < maxParallel && trials.size() < maxJobs && launch()) {
                    running++;
                }
                if (running == 0 && (trials.size() >= maxJobs || search.exhausted())) {
                    end(HyperParameterTuningJobStatus.Completed, null);
                    return;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Starts the next trial; false when the search has nothing left. */
    private boolean launch() {
        int d = search.next();
        if (d < 0) {
            return false;
        }
        int index = trials.size() + 1;
        Optional<DefinitionSearch.Proposal> p = search.definition(d).propose(index);
        if (p.isEmpty()) {
            return false;
        }
        search.launched(d);
        String trainingJob = TrialNames.of(name, job.arn(), job.creationTime().toEpochMilli(), index);
        TrialRecord t = TrialRecord.launching(name, index, trainingJob, d, definitions.get(d).definitionName(),
                p.get().hyperParameters(), p.get().bracket(), Instant.now());
        put(t); // recorded before the training job exists: a crash in between re-creates it with this name
        create(t);
        return true;
    }

    private void create(TrialRecord t) {
        HyperParameterTrainingJobDefinition def = definitions.get(t.definition());
        try {
            training.create(TrialRequests.of(def, t, objectiveMetric(t.definition()), job.request().tags()),
                    Path.of(job.requestBaseDir()), job.arn());
            log.append("trial " + t.index() + " " + t.trainingJobName() + " launched " + t.tunedHyperParameters()
                    + (t.bracket() == null ? "" : " bracket " + t.bracket()));
        } catch (ResourceInUseException e) {
            log.append("trial " + t.index() + " " + t.trainingJobName() + " was already created");
        } catch (KilnApiException e) {
            // The definition itself is wrong here (every trial would be refused the same way): the tuning job fails.
            String reason = "ClientError: CreateTrainingJob rejected " + t.trainingJobName() + ": " + e.getMessage();
            fatal = reason;
            conclude(t, TrialRecord.Outcome.NON_RETRYABLE_ERROR, null, reason, Instant.now());
            return;
        } catch (RuntimeException e) {
            conclude(t, TrialRecord.Outcome.RETRYABLE_ERROR, null, "InternalServerError: " + e.getMessage(), Instant.now());
            return;
        }
        put(t.running());
    }

    /** Checks a running trial: new objective values for early stopping, and its end. */
    private void follow(TrialRecord t) {
        TrainingJobRecord r = training.record(t.trainingJobName());
        DefinitionSearch s = search.definition(t.definition());
        if (s.usesIntermediateValues()) {
            Instant last = lastSeriesRead.getOrDefault(t.index(), Instant.EPOCH);
            if (r.isTerminal() || Duration.between(last, Instant.now()).compareTo(SERIES_EVERY) >= 0) {
                lastSeriesRead.put(t.index(), Instant.now());
                List<Double> series = Resume.series(training, t.trainingJobName(), objectiveMetric(t.definition()));
                int from = seen.getOrDefault(t.index(), 0);
                for (int k = from; k < series.size(); k++) {
                    Decision decision = s.observe(t.index(), k + 1, series.get(k));
                    if (decision == Decision.STOP && !r.isTerminal() && !trials.get(t.index()).wasStoppedEarly()) {
                        log.append("trial " + t.index() + " stopped early after epoch " + (k + 1) + " at " + series.get(k));
                        put(trials.get(t.index()).stoppingEarly());
                        stopTrial(trials.get(t.index()));
                    }
                }
                seen.put(t.index(), series.size());
            }
        }
        if (r.isTerminal()) {
            finish(trials.get(t.index()), r);
        }
    }

    /** Books an ended training job: its outcome, its objective, and what the search and the criteria learn. */
    void finish(TrialRecord t, TrainingJobRecord r) {
        Double objective = TrialOutcomes.objective(r, objectiveMetric(t.definition())).orElse(null);
        TrialRecord.Outcome outcome = switch (r.status()) {
            case Completed -> TrialRecord.Outcome.COMPLETED;
            case Stopped -> t.wasStoppedEarly() ? TrialRecord.Outcome.COMPLETED : TrialRecord.Outcome.STOPPED;
            default -> TrialOutcomes.classifyFailure(r.failureReason());
        };
        if (r.status() == dev.kiln.api.training.TrainingJobStatus.Failed) {
            objective = null; // a failed job's objective is not evaluated, as in the service
        }
        Instant at = r.trainingEndTime() != null ? r.trainingEndTime() : r.lastModifiedTime();
        conclude(t, outcome, objective, r.failureReason(), at);
    }

    private void conclude(TrialRecord t, TrialRecord.Outcome outcome, Double objective, String reason, Instant at) {
        search.definition(t.definition()).finish(t.index(),
                objective == null ? OptionalDouble.empty() : OptionalDouble.of(objective));
        if (objective != null) {
            search.result(t.definition(), objective);
            tracker.record(objective, at);
        }
        put(t.ended(outcome, objective, reason, at));
        log.append("trial " + t.index() + " " + t.trainingJobName() + " ended " + outcome
                + (objective == null ? "" : " objective " + objective) + (reason == null ? "" : " (" + reason + ")"));
        job = store.update(name, j -> j.withProgress(j.completionReason(), tracker.notImproving(), tracker.convergedAt()));
    }

    private void stopTrial(TrialRecord t) {
        if (!stopSent.add(t.index())) {
            return;
        }
        try {
            training.stop(new StopTrainingJobRequest(t.trainingJobName()));
        } catch (KilnApiException e) {
            // it ended meanwhile, or was never created; either way nothing runs
        }
    }

    private void end(HyperParameterTuningJobStatus status, String reason) {
        TuningEnding ending = TuningEnding.of(status, reason, trials.values());
        HyperParameterTuningJobStatus finalStatus = ending.status();
        String finalReason = ending.failureReason();
        log.append("tuning job " + finalStatus + (finalReason == null ? "" : ": " + finalReason));
        try {
            TuningJobRecord preview = job.withStatus(finalStatus, Instant.now()).withFailureReason(finalReason);
            TuningReport.write(TuningFiles.report(home, name), preview, List.copyOf(trials.values()), training);
        } catch (RuntimeException | java.io.IOException e) {
            log.append("cannot write the report: " + e);
        }
        store.update(name, r -> r.isTerminal() ? r : r.withStatus(finalStatus, Instant.now()).withFailureReason(finalReason));
    }

    String objectiveMetric(int definition) {
        return TuningDefinitions.objective(job.request(), definitions.get(definition)).metricName();
    }

    TrainingJobService training() {
        return training;
    }

    void markSeen(int index, int points) {
        seen.put(index, points);
    }

    /** Stops a running trial as early stopping decided (again, after a restart: the stop may not have reached it). */
    void requestEarlyStop(int index) {
        TrialRecord t = trials.get(index);
        if (t != null && !t.isEnded()) {
            if (!t.wasStoppedEarly()) {
                put(t.stoppingEarly());
            }
            stopTrial(trials.get(index));
        }
    }

    private void put(TrialRecord t) {
        trials.put(t.index(), t);
        store.putTrial(t);
    }

    private static boolean owned(TuningJobRecord r) {
        return r.orchestrator() != null && r.orchestrator().pid() == ProcessHandle.current().pid();
    }
}
