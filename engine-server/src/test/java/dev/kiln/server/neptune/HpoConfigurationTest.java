package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpoConfigurationTest {

    @Test
    void tiersFollowTheBudget() {
        assertEquals(1, HpoConfiguration.tiers(2));
        assertEquals(1, HpoConfiguration.tiers(9));
        assertEquals(2, HpoConfiguration.tiers(10));
        assertEquals(2, HpoConfiguration.tiers(50));
        assertEquals(3, HpoConfiguration.tiers(51));
    }

    @Test
    void smallBudgetTunesTierOneAndFixesTheRest() {
        HpoConfiguration.Plan plan = HpoConfiguration.plan(HpoConfiguration.defaults("transe"), 2);
        List<String> tuned = names(plan.parameterRanges());
        assertEquals(List.of("num-epochs", "lr", "num-hidden"), tuned);
        assertEquals("512", plan.staticHyperParameters().get("batch-size"), "tier 2 at its default");
        assertEquals("0.000000001", plan.staticHyperParameters().get("regularization-coef"));
        assertEquals("logistic", plan.staticHyperParameters().get("loss"), "fixed-param");
        assertFalse(plan.staticHyperParameters().containsKey("lr"));
    }

    @Test
    void largeBudgetTunesAllTiers() {
        HpoConfiguration.Plan plan = HpoConfiguration.plan(HpoConfiguration.defaults("rotate"), 60);
        assertTrue(names(plan.parameterRanges()).containsAll(List.of("num-hidden", "batch-size", "gamma", "regularization-coef")));
        assertEquals("1", plan.staticHyperParameters().get("adversarial-temperature"));
    }

    @Test
    void incrementStrategiesBecomeSageMakerRanges() throws Exception {
        JsonNode model = NeptuneJson.mapper().readTree("""
                {"model": "m", "1-tier-param": [
                  {"param": "a", "range": [16, 128], "type": "int", "inc_strategy": "power2", "default": 32},
                  {"param": "b", "range": [0.001, 0.1], "type": "float", "inc_strategy": "log", "default": 0.01},
                  {"param": "c", "range": [1, 40], "type": "int", "inc_strategy": "linear", "inc_val": 1, "default": 3},
                  {"param": "d", "range": [0, 8], "type": "int", "inc_strategy": "linear", "inc_val": 2, "default": 2},
                  {"param": "e", "range": [0.0, 0.5], "type": "float", "inc_strategy": "linear", "default": 0.1}],
                 "fixed-param": [{"param": "f", "type": "bool", "default": true}]}""");
        HpoConfiguration.Plan plan = HpoConfiguration.plan(model, 1);
        JsonNode r = plan.parameterRanges();
        assertEquals("[\"16\",\"32\",\"64\",\"128\"]", r.get("CategoricalParameterRanges").get(0).get("Values").toString());
        assertEquals("[\"0\",\"2\",\"4\",\"6\",\"8\"]", r.get("CategoricalParameterRanges").get(1).get("Values").toString());
        JsonNode log = r.get("ContinuousParameterRanges").get(0);
        assertEquals("b", log.get("Name").asText());
        assertEquals("Logarithmic", log.get("ScalingType").asText());
        assertEquals("0.001", log.get("MinValue").asText());
        JsonNode linear = r.get("IntegerParameterRanges").get(0);
        assertEquals("c", linear.get("Name").asText());
        assertEquals("Linear", linear.get("ScalingType").asText());
        assertEquals("40", linear.get("MaxValue").asText());
        assertEquals("Linear", r.get("ContinuousParameterRanges").get(1).get("ScalingType").asText());
        assertEquals("true", plan.staticHyperParameters().get("f"));
    }

    @Test
    void edgeStrategyPerMScalesTheRangeForLargeGraphs() {
        JsonNode transe = HpoConfiguration.defaults("transe");
        HpoConfiguration.Plan small = HpoConfiguration.plan(transe, 2, new HpoConfiguration.GraphSize(1000, 999_999));
        HpoConfiguration.Plan large = HpoConfiguration.plan(transe, 2, new HpoConfiguration.GraphSize(1000, 3_500_000));
        JsonNode smallEpochs = small.parameterRanges().get("IntegerParameterRanges").get(0);
        JsonNode largeEpochs = large.parameterRanges().get("IntegerParameterRanges").get(0);
        assertEquals("num-epochs", largeEpochs.get("Name").asText());
        assertEquals("5", smallEpochs.get("MinValue").asText());
        assertEquals("20", smallEpochs.get("MaxValue").asText());
        assertEquals("1", largeEpochs.get("MinValue").asText(), "5 / ceil(3.5) rounds to 1");
        assertEquals("5", largeEpochs.get("MaxValue").asText(), "20 / 4");
        JsonNode scaled = HpoConfiguration.scale(transe.get("1-tier-param").get(1), new HpoConfiguration.GraphSize(0, 3_500_000));
        assertEquals(3, scaled.get("default").asInt(), "10 / 4 rounds to 3");
    }

    @Test
    void unknownStrategyIsRejected() throws Exception {
        JsonNode model = NeptuneJson.mapper().readTree("""
                {"model": "m", "1-tier-param": [{"param": "a", "range": [1, 2], "type": "int", "inc_strategy": "cubic"}]}""");
        assertThrows(NeptuneMlException.class, () -> HpoConfiguration.plan(model, 1));
    }

    @Test
    void shippedConfigurationCoversEveryModel() {
        for (String m : List.of("transe", "distmult", "rotate", "rgcn")) {
            assertEquals(m, HpoConfiguration.defaults(m).get("model").asText());
        }
    }

    /** Every shipped parameter, at its default and at its range ends, is a hyperparameter the engine-gnn algorithm accepts. */
    @Test
    void shippedParametersAreTheAlgorithmsOwnNames() {
        for (String m : List.of("transe", "distmult", "rotate", "rgcn")) {
            JsonNode entry = HpoConfiguration.defaults(m);
            for (int end = 0; end < 3; end++) {
                java.util.Map<String, String> hp = new java.util.LinkedHashMap<>();
                for (String tier : List.of("1-tier-param", "2-tier-param", "3-tier-param", "fixed-param")) {
                    for (JsonNode p : entry.path(tier)) {
                        JsonNode v = end < 2 && p.has("range") ? p.get("range").get(end) : p.get("default");
                        hp.put(p.get("param").asText(), v.isIntegralNumber() || v.isBoolean() || v.isTextual() ? v.asText()
                                : HpoConfiguration.number(v.asDouble(), p.path("type").asText()));
                    }
                }
                if (m.equals("rgcn")) {
                    dev.kiln.gnn.algorithm.RgcnHyperParameters.parse(hp);
                } else {
                    dev.kiln.gnn.algorithm.KgeHyperParameters.parse(m, hp);
                }
            }
        }
    }

    private static List<String> names(JsonNode ranges) {
        List<String> names = new ArrayList<>();
        for (String kind : List.of("IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges")) {
            ranges.path(kind).forEach(r -> names.add(r.get("Name").asText()));
        }
        return names;
    }
}
