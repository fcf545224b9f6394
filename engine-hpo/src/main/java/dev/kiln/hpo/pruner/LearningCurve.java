package dev.kiln.hpo.pruner;

import java.util.Arrays;

/** One trial's intermediate objective values by step, with prefix sums for running averages. */
final class LearningCurve {
    private long[] steps = new long[8];
    private double[] prefixSums = new double[9];
    private int size;

    void add(long step, double value) {
        if (size > 0 && step <= steps[size - 1]) {
            throw new IllegalArgumentException("step " + step + " is not after the last reported step "
                    + steps[size - 1]);
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            prefixSums = Arrays.copyOf(prefixSums, size * 2 + 1);
        }
        steps[size] = step;
        prefixSums[size + 1] = prefixSums[size] + value;
        size++;
    }

    int size() {
        return size;
    }

    long lastStep() {
        return steps[size - 1];
    }

    /** Average of all values so far. */
    double runningAverage() {
        return prefixSums[size] / size;
    }

    /** Average of the values reported at steps up to and including {@code step}; NaN if there are none. */
    double runningAverageAt(long step) {
        int found = Arrays.binarySearch(steps, 0, size, step);
        int count = found >= 0 ? found + 1 : -found - 1;
        return count == 0 ? Double.NaN : prefixSums[count] / count;
    }
}
