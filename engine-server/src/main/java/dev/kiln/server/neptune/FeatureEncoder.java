package dev.kiln.server.neptune;

import dev.kiln.server.neptune.TrainingDataConfiguration.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one property column into feature columns, per the configuration's feature types:
 * {@code numerical} (a value, or a vector with {@code separator}; {@code imputer} mean, median or
 * most-frequent fills missing values, else 0; {@code norm} min-max (default), standard or none),
 * {@code category} (one-hot, multi-hot with {@code separator}, sorted categories),
 * {@code bucket_numerical} ({@code range}, {@code bucket_cnt}, {@code slide_window_size}: one-hot of
 * the buckets the window around the value touches), {@code auto} (numerical for numeric property
 * types or values, else category) and {@code none}. Text and datetime encodings are refused.
 */
final class FeatureEncoder {
    private static final Set<String> NUMERIC_TYPES = Set.of("byte", "short", "int", "long", "float", "double");

    /** Encoded columns: {@code values[row]} has {@code names.size()} entries. */
    record Encoded(List<String> names, float[][] values) {}

    private FeatureEncoder() {}

    /** @param propertyType the Gremlin header type, @param lines each value's line, for error messages */
    static Encoded encode(Feature f, String propertyType, List<String> raw, long[] lines, String file) {
        String type = f.type().equals("auto") ? auto(propertyType, raw) : f.type();
        return switch (type) {
            case "numerical" -> numerical(f, raw, lines, file);
            case "category" -> category(f, raw);
            case "bucket_numerical" -> buckets(f, raw, lines, file);
            case "none" -> new Encoded(List.of(), new float[raw.size()][0]);
            default -> throw new BadGraphInputException(file, 0, "feature type '" + f.type() + "' of " + f.name()
                    + " is not supported by this engine (numerical, category, bucket_numerical, auto, none are)");
        };
    }

    private static String auto(String propertyType, List<String> raw) {
        if (propertyType != null && NUMERIC_TYPES.contains(propertyType)) {
            return "numerical";
        }
        if (propertyType != null && !propertyType.equals("string")) {
            return "category";
        }
        boolean any = false;
        for (String v : raw) {
            if (!v.isEmpty()) {
                any = true;
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "category";
                }
            }
        }
        return any ? "numerical" : "category";
    }

    private static Encoded numerical(Feature f, List<String> raw, long[] lines, String file) {
        Double[][] parsed = new Double[raw.size()][];
        int width = 1;
        for (int i = 0; i < raw.size(); i++) {
            String[] parts = f.separator() == null ? new String[] {raw.get(i)} : raw.get(i).split(java.util.regex.Pattern.quote(f.separator()), -1);
            parsed[i] = new Double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                parsed[i][k] = number(parts[k], f, lines[i], file);
            }
            width = Math.max(width, parts.length);
        }
        float[][] out = new float[raw.size()][width];
        for (int k = 0; k < width; k++) {
            List<Double> present = new ArrayList<>();
            for (Double[] row : parsed) {
                if (k < row.length && row[k] != null) {
                    present.add(row[k]);
                }
            }
            double fill = impute(f.imputer(), present);
            double[] column = new double[raw.size()];
            for (int i = 0; i < raw.size(); i++) {
                column[i] = k < parsed[i].length && parsed[i][k] != null ? parsed[i][k] : fill;
            }
            normalise(f.norm(), column);
            for (int i = 0; i < raw.size(); i++) {
                out[i][k] = (float) column[i];
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < width; k++) {
            names.add(width == 1 ? f.name() : f.name() + "[" + k + "]");
        }
        return new Encoded(names, out);
    }

    private static Double number(String v, Feature f, long line, String file) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadGraphInputException(file, line, "'" + v + "' in column " + f.column() + " is not a number");
        }
    }

    static double impute(String imputer, List<Double> present) {
        if (present.isEmpty()) {
            return 0;
        }
        switch (imputer) {
            case "mean" -> {
                return present.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            }
            case "median" -> {
                double[] s = present.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            }
            case "most-frequent", "most_frequent" -> {
                Map<Double, Integer> counts = new HashMap<>();
                present.forEach(v -> counts.merge(v, 1, Integer::sum));
                // Ties go to the smallest value, so the result does not depend on hash order.
                double best = 0;
                int bestCount = -1;
                for (Map.Entry<Double, Integer> e : counts.entrySet()) {
                    if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                        best = e.getKey();
                        bestCount = e.getValue();
                    }
                }
                return best;
            }
            default -> {
                return 0;
            }
        }
    }

    static void normalise(String norm, double[] column) {
        if (column.length == 0) {
            return;
        }
        switch (norm) {
            case "min-max" -> {
                double min = Arrays.stream(column).min().getAsDouble();
                double max = Arrays.stream(column).max().getAsDouble();
                for (int i = 0; i < column.length; i++) {
                    column[i] = max == min ? 0 : (column[i] - min) / (max - min);
                }
            }
            case "standard" -> {
                double mean = Arrays.stream(column).average().getAsDouble();
                double var = Arrays.stream(column).map(x -> (x - mean) * (x - mean)).average().getAsDouble();
                double sd = Math.sqrt(var);
                for (int i = 0; i < column.length; i++) {
                    column[i] = sd == 0 ? 0 : (column[i] - mean) / sd;
                }
            }
            default -> { }
        }
    }

    private static Encoded category(Feature f, List<String> raw) {
        TreeSet<String> categories = new TreeSet<>();
        for (String v : raw) {
            categories.addAll(values(f, v));
        }
        List<String> names = new ArrayList<>(categories);
        Map<String, Integer> index = new HashMap<>();
        names.forEach(n -> index.put(n, index.size()));
        float[][] out = new float[raw.size()][names.size()];
        for (int i = 0; i < raw.size(); i++) {
            for (String v : values(f, raw.get(i))) {
                out[i][index.get(v)] = 1;
            }
        }
        return new Encoded(names.stream().map(n -> f.name() + "=" + n).toList(), out);
    }

    private static List<String> values(Feature f, String v) {
        if (v.isEmpty()) {
            return List.of();
        }
        return f.separator() == null ? List.of(v) : Arrays.stream(v.split(java.util.regex.Pattern.quote(f.separator())))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static Encoded buckets(Feature f, List<String> raw, long[] lines, String file) {
        if (f.range() == null || f.bucketCount() < 1 || f.range()[1] <= f.range()[0]) {
            throw new BadGraphInputException(file, 0, "bucket_numerical feature " + f.name() + " needs \"range\": [lo, hi] "
                    + "with lo < hi and \"bucket_cnt\" >= 1");
        }
        double lo = f.range()[0];
        double width = (f.range()[1] - lo) / f.bucketCount();
        List<Double> present = new ArrayList<>();
        Double[] parsed = new Double[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            parsed[i] = number(raw.get(i), f, lines[i], file);
            if (parsed[i] != null) {
                present.add(parsed[i]);
            }
        }
        double fill = impute(f.imputer(), present);
        float[][] out = new float[raw.size()][f.bucketCount()];
        for (int i = 0; i < raw.size(); i++) {
            if (parsed[i] == null && f.imputer().equals("none")) {
                continue;
            }
            double x = parsed[i] != null ? parsed[i] : fill;
            int first = bucket(x - f.slideWindowSize() / 2.0, lo, width, f.bucketCount());
            int last = bucket(x + f.slideWindowSize() / 2.0, lo, width, f.bucketCount());
            for (int b = first; b <= last; b++) {
                out[i][b] = 1;
            }
        }
        List<String> names = new ArrayList<>();
        for (int b = 0; b < f.bucketCount(); b++) {
            names.add(f.name() + "#" + b);
        }
        return new Encoded(names, out);
    }

    private static int bucket(double x, double lo, double width, int count) {
        return (int) Math.max(0, Math.min(count - 1, Math.floor((x - lo) / width)));
    }
}
