package dev.kiln.hpo.sampler;

/** Whether the objective metric is minimised or maximised ({@code HyperParameterTuningJobObjective.Type}). */
public enum Direction {
    MINIMIZE("Minimize"),
    MAXIMIZE("Maximize");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses {@code Minimize} or {@code Maximize}. */
    public static Direction fromWire(String wireName) {
        for (Direction d : values()) {
            if (d.wireName.equals(wireName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown objective type: " + wireName);
    }

    /** The objective as a loss (smaller is better), the form every sampler works with internally. */
    public double toLoss(double objective) {
        return this == MINIMIZE ? objective : -objective;
    }

    /** Whether objective {@code a} is strictly better than {@code b}. */
    public boolean isBetter(double a, double b) {
        return toLoss(a) < toLoss(b);
    }
}
