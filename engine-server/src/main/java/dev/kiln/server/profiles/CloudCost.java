package dev.kiln.server.profiles;

import dev.kiln.api.instance.InstancePrices;
import java.util.Optional;

/**
 * What a training job would have cost in the cloud, the way SageMaker bills it: billable seconds
 * times instances times the type's On-Demand price per hour, over 3600.
 *
 * <p>For managed spot training the service reports a BillableTimeInSeconds already lowered by the
 * spot saving (the saving is {@code 1 - Billable/Training}). When a spot job's billable time is not
 * below its training time, the engine that ran it did not model the saving, so the documented
 * {@link InstancePrices#spotSavingFraction()} is applied here instead; it is never applied twice.
 */
public final class CloudCost {
    private static final double SECONDS_PER_HOUR = 3600.0;

    private CloudCost() {}

    /**
     * The estimated cost in USD; empty when Kiln has no price for the type or the job reported
     * neither billable nor training time (it never trained).
     */
    public static Optional<Double> estimate(String instanceType, int instanceCount, Integer trainingSeconds,
            Integer billableSeconds, boolean spot) {
        Optional<Double> perHour = InstancePrices.onDemandPerHour(instanceType);
        Integer reported = billableSeconds != null ? billableSeconds : trainingSeconds;
        if (perHour.isEmpty() || reported == null) {
            return Optional.empty();
        }
        double billable = reported;
        boolean savingAlreadyIn = trainingSeconds != null && billableSeconds != null && billableSeconds < trainingSeconds;
        if (spot && !savingAlreadyIn) {
            billable *= 1 - InstancePrices.spotSavingFraction();
        }
        return Optional.of(billable * instanceCount * perHour.get() / SECONDS_PER_HOUR);
    }
}
