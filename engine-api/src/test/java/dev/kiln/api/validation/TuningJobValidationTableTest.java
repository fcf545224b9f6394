package dev.kiln.api.validation;

import static dev.kiln.api.validation.RequestJson.remove;
import static dev.kiln.api.validation.RequestJson.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad CreateHyperParameterTuningJob requests, one per row: a mutation of a valid request and a piece of the message. */
class TuningJobValidationTableTest {
    private static final String CONFIG = "HyperParameterTuningJobConfig";
    private static final String RANGES = CONFIG + ".ParameterRanges";
    private static final String DEF = "TrainingJobDefinition";

    record Row(String name, Consumer<ObjectNode> edit, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Consumer<ObjectNode> edit, String message) {
        return new Row(name, edit, message);
    }

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.mapper().readTree(RequestJson.resource("create-tuning-job-valid.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CreateHyperParameterTuningJobRequest parse(ObjectNode tree) {
        try {
            return Json.read(tree.toString(), CreateHyperParameterTuningJobRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode range(String name, String min, String max, String scaling) {
        ObjectNode r = Json.mapper().createObjectNode().put("Name", name).put("MinValue", min).put("MaxValue", max);
        return scaling == null ? r : r.put("ScalingType", scaling);
    }

    static ObjectNode categorical(String name, String... values) {
        ObjectNode r = Json.mapper().createObjectNode().put("Name", name);
        ArrayNode v = r.putArray("Values");
        for (String s : values) {
            v.add(s);
        }
        return r;
    }

    static void gridOnly(ObjectNode t) {
        set(t, CONFIG + ".Strategy", "Grid");
        set(t, CONFIG + ".TrainingJobEarlyStoppingType", "Off");
        remove(t, RANGES + ".IntegerParameterRanges");
        remove(t, RANGES + ".ContinuousParameterRanges");
        ((ArrayNode) RequestJson.node(t, RANGES + ".CategoricalParameterRanges")).add(categorical("tree_method", "exact", "hist", "approx"));
    }

    static void hyperband(ObjectNode t) {
        set(t, CONFIG + ".Strategy", "Hyperband");
        set(t, CONFIG + ".TrainingJobEarlyStoppingType", "Off");
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("name with an underscore", t -> set(t, "HyperParameterTuningJobName", "bad_name"),
                        "1 validation error detected: Value 'bad_name' at 'hyperParameterTuningJobName' failed to satisfy "
                                + "constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}"),
                row("name of 33 characters", t -> set(t, "HyperParameterTuningJobName", "a".repeat(33)),
                        "at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length less than or equal to 32"),
                row("no config", t -> remove(t, CONFIG),
                        "Value null at 'hyperParameterTuningJobConfig' failed to satisfy constraint: Member must not be null"),
                row("unknown strategy", t -> set(t, CONFIG + ".Strategy", "Genetic"),
                        "Value 'Genetic' at 'hyperParameterTuningJobConfig.strategy' failed to satisfy constraint: Member must "
                                + "satisfy enum value set: [Bayesian, Random, Hyperband, Grid]"),
                row("no MaxParallelTrainingJobs", t -> remove(t, CONFIG + ".ResourceLimits.MaxParallelTrainingJobs"),
                        "Value null at 'hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs'"),
                row("MaxRuntimeInSeconds below two minutes", t -> set(t, CONFIG + ".ResourceLimits.MaxRuntimeInSeconds", 60),
                        "Value '60' at 'hyperParameterTuningJobConfig.resourceLimits.maxRuntimeInSeconds' failed to satisfy "
                                + "constraint: Member must have value greater than or equal to 120"),
                row("MaxNumberOfTrainingJobsNotImproving below 3",
                        t -> set(t, CONFIG + ".TuningJobCompletionCriteria.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving", 2),
                        "Member must have value greater than or equal to 3"),
                row("negative RandomSeed", t -> set(t, CONFIG + ".RandomSeed", -1),
                        "at 'hyperParameterTuningJobConfig.randomSeed' failed to satisfy constraint: Member must have value greater than or equal to 0"),
                row("unknown scaling type", t -> set(t, RANGES + ".IntegerParameterRanges[0].ScalingType", "Exponential"),
                        "at 'hyperParameterTuningJobConfig.parameterRanges.integerParameterRanges.1.member.scalingType' failed "
                                + "to satisfy constraint: Member must satisfy enum value set: [Auto, Linear, Logarithmic, ReverseLogarithmic]"),
                row("31 categorical values", t -> set(t, RANGES + ".CategoricalParameterRanges[0].Values",
                                java.util.stream.IntStream.range(0, 31).mapToObj(i -> "v" + i).toList()),
                        "at 'hyperParameterTuningJobConfig.parameterRanges.categoricalParameterRanges.1.member.values' failed to "
                                + "satisfy constraint: Member must have length less than or equal to 30"),
                row("31 integer ranges", t -> {
                    ArrayNode list = (ArrayNode) RequestJson.node(t, RANGES + ".IntegerParameterRanges");
                    for (int i = 0; i < 30; i++) {
                        list.add(range("p" + i, "1", "2", null));
                    }
                }, "Value at 'hyperParameterTuningJobConfig.parameterRanges.integerParameterRanges' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 30"),
                row("more than 30 ranges in total", t -> {
                    ArrayNode list = (ArrayNode) RequestJson.node(t, RANGES + ".IntegerParameterRanges");
                    for (int i = 0; i < 27; i++) {
                        list.add(range("p" + i, "1", "2", null));
                    }
                }, "The tuning job has 31 hyperparameter ranges; the maximum is 30"),
                row("more than 100 static plus tunable", t -> {
                    ObjectNode statics = (ObjectNode) RequestJson.node(t, DEF + ".StaticHyperParameters");
                    for (int i = 0; i < 96; i++) {
                        statics.put("s" + i, "1");
                    }
                }, "the number of static plus tunable hyperparameters (102) exceeds the maximum of 100"),
                row("Logarithmic range reaching 0", t -> set(t, RANGES + ".ContinuousParameterRanges[0].MinValue", "0"),
                        "Logarithmic scaling for hyperparameter 'eta' works only for ranges that have only values greater than 0"),
                row("Logarithmic integer range from -1",
                        t -> ((ArrayNode) RequestJson.node(t, RANGES + ".IntegerParameterRanges")).add(range("k", "-1", "5", "Logarithmic")),
                        "Logarithmic scaling for hyperparameter 'k' works only for ranges that have only values greater than 0"),
                row("ReverseLogarithmic reaching 1", t -> set(t, RANGES + ".ContinuousParameterRanges[1].MaxValue", "1.0"),
                        "ReverseLogarithmic scaling for hyperparameter 'subsample' works only for ranges that are entirely within the range 0<=x<1.0"),
                row("ReverseLogarithmic integer range", t -> set(t, RANGES + ".IntegerParameterRanges[0].ScalingType", "ReverseLogarithmic"),
                        "ReverseLogarithmic scaling is not supported for integer hyperparameter 'max_depth'"),
                row("MinValue above MaxValue", t -> set(t, RANGES + ".IntegerParameterRanges[0].MinValue", "11"),
                        "for hyperparameter 'max_depth', MinValue (11) must be less than or equal to MaxValue (10)"),
                row("integer bound that is not an integer", t -> set(t, RANGES + ".IntegerParameterRanges[0].MaxValue", "7.5"),
                        "MaxValue '7.5' of integer hyperparameter 'max_depth' is not an integer"),
                row("continuous bound that is not a number", t -> set(t, RANGES + ".ContinuousParameterRanges[0].MaxValue", "high"),
                        "MaxValue 'high' of continuous hyperparameter 'eta' is not a finite number"),
                row("repeated categorical value", t -> set(t, RANGES + ".CategoricalParameterRanges[0].Values", List.of("a", "a")),
                        "the Values of categorical hyperparameter 'booster' must be distinct"),
                row("hyperparameter both static and tunable", t -> set(t, DEF + ".StaticHyperParameters.eta", "0.1"),
                        "hyperparameter 'eta' is both a static hyperparameter and a tunable one"),
                row("hyperparameter in two ranges",
                        t -> ((ArrayNode) RequestJson.node(t, RANGES + ".CategoricalParameterRanges")).add(categorical("eta", "0.1")),
                        "hyperparameter 'eta' is defined by more than one range"),
                row("no ranges at all", t -> remove(t, RANGES),
                        "a tuning job needs at least one hyperparameter range to search"),
                row("Grid with numeric ranges", t -> set(t, CONFIG + ".Strategy", "Grid"),
                        "The Grid strategy supports only categorical hyperparameters"),
                row("Grid whose MaxNumberOfTrainingJobs is not the number of combinations", TuningJobValidationTableTest::gridOnly,
                        "ResourceLimits.MaxNumberOfTrainingJobs (20) must equal the number of combinations of the categorical values (6)"),
                row("Hyperband with early stopping Auto", t -> {
                    hyperband(t);
                    set(t, CONFIG + ".TrainingJobEarlyStoppingType", "Auto");
                }, "TrainingJobEarlyStoppingType must be Off (it is Auto)"),
                row("Hyperband without a MaxResource", TuningJobValidationTableTest::hyperband,
                        "Hyperband could not infer MaxResource"),
                row("Hyperband MaxResource over 20,000", t -> {
                    hyperband(t);
                    set(t, DEF + ".StaticHyperParameters.epochs", "20001");
                }, "Hyperband's MaxResource (20001) must be between 1 and 20000 epochs"),
                row("Hyperband MinResource over MaxResource", t -> {
                    hyperband(t);
                    set(t, CONFIG + ".StrategyConfig", Map.of("HyperbandStrategyConfig", Map.of("MinResource", 50, "MaxResource", 10)));
                }, "Hyperband's MinResource (50) must not exceed MaxResource (10)"),
                row("StrategyConfig with Bayesian",
                        t -> set(t, CONFIG + ".StrategyConfig", Map.of("HyperbandStrategyConfig", Map.of("MaxResource", 10))),
                        "StrategyConfig can be specified only when Strategy is Hyperband"),
                row("Bayesian without MaxNumberOfTrainingJobs", t -> remove(t, CONFIG + ".ResourceLimits.MaxNumberOfTrainingJobs"),
                        "ResourceLimits.MaxNumberOfTrainingJobs is required for the Bayesian strategy"),
                row("objective that is not a metric", t -> set(t, CONFIG + ".HyperParameterTuningJobObjective.MetricName", "validation:f1"),
                        "the objective metric 'validation:f1' is not one of the definition's metrics [train:auc, validation:auc]"),
                row("no objective anywhere", t -> remove(t, CONFIG + ".HyperParameterTuningJobObjective"),
                        "TrainingJobDefinition has no objective"),
                row("both TrainingJobDefinition and TrainingJobDefinitions",
                        t -> t.putArray("TrainingJobDefinitions").add(t.get(DEF).deepCopy()),
                        "Exactly one of TrainingJobDefinition and TrainingJobDefinitions must be specified; the request has both."),
                row("neither TrainingJobDefinition nor TrainingJobDefinitions", t -> remove(t, DEF),
                        "the request has neither."),
                row("11 definitions", t -> {
                    ArrayNode list = t.putArray("TrainingJobDefinitions");
                    for (int i = 0; i < 11; i++) {
                        list.add(((ObjectNode) t.get(DEF).deepCopy()).put("DefinitionName", "d" + i));
                    }
                    remove(t, DEF);
                }, "Value at 'trainingJobDefinitions' failed to satisfy constraint: Member must have length less than or equal to 10"),
                row("definitions without names", t -> {
                    t.putArray("TrainingJobDefinitions").add(t.get(DEF).deepCopy()).add(t.get(DEF).deepCopy());
                    remove(t, DEF);
                }, "TrainingJobDefinitions[0]: DefinitionName is required"),
                row("definitions with the same name", t -> {
                    ObjectNode d = ((ObjectNode) t.get(DEF).deepCopy()).put("DefinitionName", "xgb");
                    t.putArray("TrainingJobDefinitions").add(d).add(d.deepCopy());
                    remove(t, DEF);
                }, "Duplicate DefinitionName 'xgb' in TrainingJobDefinitions"),
                row("definitions with different objective types", t -> {
                    ObjectNode a = ((ObjectNode) t.get(DEF).deepCopy()).put("DefinitionName", "a");
                    ObjectNode b = ((ObjectNode) t.get(DEF).deepCopy()).put("DefinitionName", "b");
                    b.putObject("TuningObjective").put("Type", "Minimize").put("MetricName", "train:auc");
                    remove(t, CONFIG + ".HyperParameterTuningJobObjective");
                    a.putObject("TuningObjective").put("Type", "Maximize").put("MetricName", "validation:auc");
                    t.putArray("TrainingJobDefinitions").add(a).add(b);
                    remove(t, DEF);
                }, "must have the same objective Type"),
                row("AutoParameters without Autotune", t -> ((ObjectNode) RequestJson.node(t, RANGES)).putArray("AutoParameters")
                        .addObject().put("Name", "alpha").put("ValueHint", "0.1"), "AutoParameters are used only by Autotune"),
                row("Autotune mode Disabled", t -> t.putObject("Autotune").put("Mode", "Disabled"),
                        "Value 'Disabled' at 'autotune.mode' failed to satisfy constraint: Member must satisfy enum value set: [Enabled]"),
                row("both ResourceConfig and HyperParameterTuningResourceConfig", t -> ((ObjectNode) t.get(DEF))
                        .putObject("HyperParameterTuningResourceConfig").put("InstanceType", "ml.m5.large").put("InstanceCount", 1)
                        .put("VolumeSizeInGB", 1), "exactly one of ResourceConfig and HyperParameterTuningResourceConfig must be specified"),
                row("no AlgorithmSpecification", t -> remove(t, DEF + ".AlgorithmSpecification"),
                        "Value null at 'trainingJobDefinition.algorithmSpecification' failed to satisfy constraint: Member must not be null"),
                row("definition with both image and algorithm", t -> set(t, DEF + ".AlgorithmSpecification.AlgorithmName", "xgboost"),
                        "Exactly one of AlgorithmSpecification.TrainingImage and AlgorithmSpecification.AlgorithmName"),
                row("bad RoleArn in the definition", t -> set(t, DEF + ".RoleArn", "role"),
                        "Value 'role' at 'trainingJobDefinition.roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"),
                row("channel name with a space", t -> set(t, DEF + ".InputDataConfig[0].ChannelName", "my train"),
                        "at 'trainingJobDefinition.inputDataConfig.1.member.channelName'"),
                row("49 environment entries", t -> {
                    ObjectNode env = (ObjectNode) RequestJson.node(t, DEF + ".Environment");
                    for (int i = 0; i < 48; i++) {
                        env.put("V" + i, "1");
                    }
                }, "Value at 'trainingJobDefinition.environment' failed to satisfy constraint: Member must have length less than or equal to 48"),
                row("credentials in a static hyperparameter", t -> set(t, DEF + ".StaticHyperParameters.aws_secret_access_key",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "StaticHyperParameters"),
                row("six warm-start parents", t -> {
                    ArrayNode parents = (ArrayNode) RequestJson.node(t, "WarmStartConfig.ParentHyperParameterTuningJobs");
                    for (int i = 0; i < 5; i++) {
                        parents.addObject().put("HyperParameterTuningJobName", "p" + i);
                    }
                }, "at 'warmStartConfig.parentHyperParameterTuningJobs' failed to satisfy constraint: Member must have length less than or equal to 5"),
                row("unknown warm-start type", t -> set(t, "WarmStartConfig.WarmStartType", "Identical"),
                        "Member must satisfy enum value set: [IdenticalDataAndAlgorithm, TransferLearning]"),
                row("duplicate warm-start parent", t -> ((ArrayNode) RequestJson.node(t, "WarmStartConfig.ParentHyperParameterTuningJobs"))
                        .addObject().put("HyperParameterTuningJobName", "churn-xgb-tuning-v1"), "Duplicate parent tuning job"),
                row("duplicate tag keys", t -> ((ArrayNode) t.get("Tags")).addObject().put("Key", "project").put("Value", "x"),
                        "Duplicate tag key 'project'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badRequestIsRejected(Row row) {
        ObjectNode tree = valid();
        row.edit().accept(tree);
        CreateHyperParameterTuningJobRequest request = parse(tree);
        KilnApiException e = assertThrows(KilnApiException.class, () -> TuningJobValidator.validateCreate(request));
        assertEquals("ValidationException", e.errorCode());
        assertTrue(e.getMessage().contains(row.message()),
                () -> "expected to contain:\n  " + row.message() + "\nbut was:\n  " + e.getMessage());
    }

    @Test
    void theValidRequestPasses() {
        TuningJobValidator.validateCreate(parse(valid()));
    }

    @Test
    void gridWithTheRightNumberOfJobsOrNoneAndHyperbandWithEpochsPass() {
        ObjectNode grid = valid();
        gridOnly(grid);
        set(grid, CONFIG + ".ResourceLimits.MaxNumberOfTrainingJobs", 6);
        TuningJobValidator.validateCreate(parse(grid));
        remove(grid, CONFIG + ".ResourceLimits.MaxNumberOfTrainingJobs");
        TuningJobValidator.validateCreate(parse(grid));

        ObjectNode hb = valid();
        hyperband(hb);
        set(hb, DEF + ".StaticHyperParameters.num_epochs", "27");
        TuningJobValidator.validateCreate(parse(hb));
    }

    @Test
    void builtInAlgorithmMetricsCountAsTheDefinitionsMetrics() {
        ObjectNode t = valid();
        remove(t, DEF + ".AlgorithmSpecification.TrainingImage");
        remove(t, DEF + ".AlgorithmSpecification.MetricDefinitions");
        set(t, DEF + ".AlgorithmSpecification.AlgorithmName", "xgboost");
        CreateHyperParameterTuningJobRequest r = parse(t);
        TuningJobValidator.validateCreate(r, name -> List.of("validation:auc"));
        KilnApiException e = assertThrows(KilnApiException.class,
                () -> TuningJobValidator.validateCreate(r, name -> List.of("validation:rmse")));
        assertTrue(e.getMessage().contains("not one of the definition's metrics [validation:rmse]"), e.getMessage());
    }

    @Test
    void tableHasAtLeastThirtyRows() {
        assertTrue(rows().count() >= 30);
    }
}
