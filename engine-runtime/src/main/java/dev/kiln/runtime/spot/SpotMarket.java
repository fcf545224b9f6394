package dev.kiln.runtime.spot;

import dev.kiln.runtime.config.KilnConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The simulated spot market behind EnableManagedSpotTraining. Interruptions either follow a fixed
 * schedule ({@code kiln.spot.schedule}: seconds of training after which attempt 1, 2, ... is
 * interrupted; later attempts run undisturbed) or a seeded Poisson process
 * ({@code kiln.spot.interruptionsPerHour}, {@code kiln.spot.seed}): the same job name, seed and attempt
 * always give the same interruption time. An interruption gives the program the service's two-minute
 * warning ({@code kiln.spot.warningSeconds}) as SIGTERM before it is ended.
 *
 * <p>Billing: spot capacity costs {@code kiln.spot.priceFraction} of the on-demand price (default 0.3,
 * a 70% saving, within the 70 to 90% range the service advertises), so BillableTimeInSeconds is the
 * training time times that fraction, rounded up, and the saving the console shows is
 * {@code 1 - Billable / Training}.
 */
public record SpotMarket(double interruptionsPerHour, long seed, List<Duration> schedule, Duration warning,
        double priceFraction) {

    public SpotMarket {
        schedule = List.copyOf(schedule);
        if (interruptionsPerHour < 0 || priceFraction <= 0 || priceFraction > 1) {
            throw new IllegalArgumentException("kiln.spot.interruptionsPerHour must be >= 0 and kiln.spot.priceFraction in (0, 1]");
        }
    }

    public static SpotMarket from(KilnConfig config) {
        var raw = config.raw();
        List<Duration> schedule = new ArrayList<>();
        for (String s : raw.getOrDefault("kiln.spot.schedule", "").split(",")) {
            if (!s.isBlank()) {
                schedule.add(Duration.ofMillis(Math.round(Double.parseDouble(s.trim()) * 1000)));
            }
        }
        return new SpotMarket(
                Double.parseDouble(raw.getOrDefault("kiln.spot.interruptionsPerHour", "0")),
                Long.parseLong(raw.getOrDefault("kiln.spot.seed", "0")),
                schedule,
                Duration.ofMillis(Math.round(Double.parseDouble(raw.getOrDefault("kiln.spot.warningSeconds", "120")) * 1000)),
                Double.parseDouble(raw.getOrDefault("kiln.spot.priceFraction",
                        Double.toString(1 - dev.kiln.api.instance.InstancePrices.spotSavingFraction()))));
    }

    /** How long attempt {@code attempt} (1-based) of {@code job} trains before it is interrupted, if it is. */
    public Optional<Duration> interruptionAfter(String job, int attempt) {
        if (!schedule.isEmpty()) {
            return attempt <= schedule.size() ? Optional.of(schedule.get(attempt - 1)) : Optional.empty();
        }
        if (interruptionsPerHour == 0) {
            return Optional.empty();
        }
        Random r = new Random(seed * 1_000_003L + job.hashCode() * 31L + attempt);
        double hours = -Math.log(1 - r.nextDouble()) / interruptionsPerHour;
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(hours * 3_600_000))));
    }

    /** Billable seconds for spot training time. */
    public int billableSeconds(long trainedMillis) {
        return (int) Math.max(1, Math.ceil(trainedMillis / 1000.0 * priceFraction));
    }
}
