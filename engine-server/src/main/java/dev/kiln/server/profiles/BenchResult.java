package dev.kiln.server.profiles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of {@code kiln bench-profiles}: the job under one instance type and how it went.
 *
 * @param instanceType     the type the job ran as
 * @param jobName          its TrainingJobName
 * @param ranOn            what it ran on here, e.g. {@code 2 CPU threads} or {@code GPU 0 (NVIDIA A10G)}
 * @param scaledDown       whether the type had to be scaled down to fit this machine
 * @param spot             whether the job asked for managed spot training
 * @param status           the terminal TrainingJobStatus, or {@code Rejected} when the engine refused the job
 * @param failureReason    why it failed or was rejected; null otherwise
 * @param wallSeconds      from CreateTrainingJob to the terminal status, as measured here
 * @param trainingSeconds  TrainingTimeInSeconds; null when it never trained
 * @param billableSeconds  BillableTimeInSeconds; null when it never trained
 * @param estimatedCostUsd what the cloud would have charged (see {@link CloudCost}); null when unknown
 * @param priceEstimated   whether that cost rests on an estimated price; null without a cost
 * @param finalMetrics     FinalMetricDataList by metric name, in the job's order
 */
public record BenchResult(String instanceType, String jobName, String ranOn, boolean scaledDown, boolean spot,
        String status, String failureReason, double wallSeconds, Integer trainingSeconds, Integer billableSeconds,
        Double estimatedCostUsd, Boolean priceEstimated, Map<String, Double> finalMetrics) {

    /** The status of a job the engine refused to create. */
    public static final String REJECTED = "Rejected";

    public BenchResult {
        finalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
    }

    public boolean completed() {
        return "Completed".equals(status);
    }
}
