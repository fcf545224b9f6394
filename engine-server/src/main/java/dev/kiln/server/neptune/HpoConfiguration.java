package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neptune ML's {@code model-hpo-configuration.json}: per model, parameters in {@code 1-tier-param},
 * {@code 2-tier-param}, {@code 3-tier-param} and {@code fixed-param}. The tuning budget decides how
 * many tiers are searched, as Neptune does: fewer than 10 jobs tier 1, 10 to 50 tiers 1 and 2, more
 * all three. Parameters of the other tiers and fixed ones are static at their {@code default}.
 * {@code inc_strategy} turns a range into a SageMaker range: {@code power2} the powers of two in it
 * (categorical), {@code linear} steps of {@code inc_val} (an integer range for step 1, else categorical),
 * {@code log} a logarithmic range. {@code node_strategy}/{@code edge_strategy}: see {@link #scale}.
 */
final class HpoConfiguration {
    private static final String DEFAULTS = "default-model-hpo-configuration.json";
    private static final int MAX_CATEGORICAL_VALUES = 30;

    /** The SageMaker ParameterRanges (PascalCase JSON) and static hyperparameters of a tuning job. */
    record Plan(ObjectNode parameterRanges, Map<String, String> staticHyperParameters, int tiers) {}

    private HpoConfiguration() {}

    /** The graph's size, which {@code node_strategy} and {@code edge_strategy} scale ranges by. */
    record GraphSize(long nodes, long edges) {
        static final GraphSize SMALL = new GraphSize(0, 0);
    }

    /** The shipped configuration's entry for {@code model}. */
    static JsonNode defaults(String model) {
        return entry(shipped(), model);
    }

    /** The shipped configuration, every model; data processing copies it next to the processed graph. */
    static JsonNode shipped() {
        try (InputStream in = HpoConfiguration.class.getResourceAsStream(DEFAULTS)) {
            return NeptuneJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode entry(JsonNode configuration, String model) {
        for (JsonNode m : configuration.path("models")) {
            if (model.equals(m.path("model").asText())) {
                return m;
            }
        }
        throw NeptuneMlException.badRequest("model-hpo-configuration.json has no entry for model " + model);
    }

    /** How many tiers a budget of {@code maxJobs} training jobs searches. */
    static int tiers(int maxJobs) {
        return maxJobs < 10 ? 1 : maxJobs <= 50 ? 2 : 3;
    }

    static Plan plan(JsonNode model, int maxJobs) {
        return plan(model, maxJobs, GraphSize.SMALL);
    }

    static Plan plan(JsonNode model, int maxJobs, GraphSize size) {
        int tiers = tiers(maxJobs);
        ObjectNode ranges = JsonNodeFactory.instance.objectNode();
        ArrayNode ints = ranges.putArray("IntegerParameterRanges");
        ArrayNode continuous = ranges.putArray("ContinuousParameterRanges");
        ArrayNode categorical = ranges.putArray("CategoricalParameterRanges");
        Map<String, String> statics = new LinkedHashMap<>();
        for (int tier = 1; tier <= 3; tier++) {
            for (JsonNode p : model.path(tier + "-tier-param")) {
                JsonNode scaled = scale(p, size);
                if (tier <= tiers) {
                    range(scaled, ints, continuous, categorical);
                } else if (scaled.has("default")) {
                    statics.put(scaled.path("param").asText(), text(scaled.get("default")));
                }
            }
        }
        for (JsonNode p : model.path("fixed-param")) {
            statics.put(p.path("param").asText(), text(p.get("default")));
        }
        return new Plan(ranges, statics, tiers);
    }

    /**
     * Kiln's reading of {@code node_strategy}/{@code edge_strategy} ({@code perM}, {@code per10M},
     * {@code per100M}): a graph of n units (nodes or edges in millions, tens or hundreds of millions)
     * divides the range's bounds and the default by ceil(n) when n > 1, so that per-element work (epochs,
     * say) shrinks as the graph grows; integers stay at least 1.
     */
    static JsonNode scale(JsonNode p, GraphSize size) {
        String strategy = p.has("edge_strategy") ? p.get("edge_strategy").asText() : p.path("node_strategy").asText("");
        long count = p.has("edge_strategy") ? size.edges() : size.nodes();
        double unit = switch (strategy) {
            case "perM" -> 1e6;
            case "per10M" -> 1e7;
            case "per100M" -> 1e8;
            default -> 0;
        };
        if (unit == 0 || count <= unit) {
            return p;
        }
        double factor = Math.ceil(count / unit);
        boolean integer = p.path("type").asText().equals("int");
        com.fasterxml.jackson.databind.node.ObjectNode out = ((com.fasterxml.jackson.databind.node.ObjectNode) p).deepCopy();
        if (p.path("range").isArray() && p.get("range").size() == 2) {
            ArrayNode r = out.putArray("range");
            r.add(shrink(p.get("range").get(0).asDouble(), factor, integer));
            r.add(shrink(p.get("range").get(1).asDouble(), factor, integer));
        }
        if (p.path("default").isNumber()) {
            out.put("default", shrink(p.get("default").asDouble(), factor, integer));
        }
        return out;
    }

    private static double shrink(double v, double factor, boolean integer) {
        return integer ? Math.max(1, Math.round(v / factor)) : v / factor;
    }

    private static void range(JsonNode p, ArrayNode ints, ArrayNode continuous, ArrayNode categorical) {
        String name = p.path("param").asText();
        JsonNode range = p.path("range");
        String type = p.path("type").asText("float");
        String strategy = p.path("inc_strategy").asText("linear");
        if (!range.isArray() || range.size() < 2) {
            throw NeptuneMlException.badRequest("model-hpo-configuration.json: " + name + " needs a range [min, max]");
        }
        if (!type.equals("int") && !type.equals("float")) {
            categorical.addObject().put("Name", name).set("Values", values(range));
            return;
        }
        double min = range.get(0).asDouble();
        double max = range.get(1).asDouble();
        if (min > max) {
            throw NeptuneMlException.badRequest("model-hpo-configuration.json: " + name + " has min > max");
        }
        switch (strategy) {
            case "power2" -> {
                List<String> v = new ArrayList<>();
                for (double x = Math.max(min, type.equals("int") ? 1 : Double.MIN_NORMAL); x <= max; x *= 2) {
                    v.add(number(x, type));
                }
                categoricalOrRange(name, v, type, min, max, "Auto", ints, continuous, categorical);
            }
            case "log" -> (type.equals("int") ? ints : continuous).addObject().put("Name", name)
                    .put("MinValue", number(min, type)).put("MaxValue", number(max, type)).put("ScalingType", "Logarithmic");
            case "linear" -> {
                double step = p.path("inc_val").asDouble(type.equals("int") ? 1 : 0);
                if (step <= 0 || (type.equals("int") && step == 1)) {
                    (type.equals("int") ? ints : continuous).addObject().put("Name", name)
                            .put("MinValue", number(min, type)).put("MaxValue", number(max, type)).put("ScalingType", "Linear");
                } else {
                    List<String> v = new ArrayList<>();
                    for (int i = 0; min + i * step <= max + 1e-12; i++) {
                        v.add(number(min + i * step, type));
                    }
                    categoricalOrRange(name, v, type, min, max, "Linear", ints, continuous, categorical);
                }
            }
            default -> throw NeptuneMlException.badRequest("model-hpo-configuration.json: " + name
                    + " has inc_strategy '" + strategy + "' (expected linear, log or power2)");
        }
    }

    /** SageMaker allows 30 values in a categorical range; more steps become a plain range. */
    private static void categoricalOrRange(String name, List<String> values, String type, double min, double max,
            String scaling, ArrayNode ints, ArrayNode continuous, ArrayNode categorical) {
        if (values.size() <= MAX_CATEGORICAL_VALUES) {
            ArrayNode v = categorical.addObject().put("Name", name).putArray("Values");
            values.forEach(v::add);
        } else {
            (type.equals("int") ? ints : continuous).addObject().put("Name", name).put("MinValue", number(min, type))
                    .put("MaxValue", number(max, type)).put("ScalingType", scaling);
        }
    }

    private static ArrayNode values(JsonNode range) {
        ArrayNode v = JsonNodeFactory.instance.arrayNode();
        range.forEach(x -> v.add(text(x)));
        return v;
    }

    static String number(double x, String type) {
        if (type.equals("int")) {
            return Long.toString(Math.round(x));
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        return v.isNumber() ? number(v.asDouble(), "float") : v.asText();
    }
}
