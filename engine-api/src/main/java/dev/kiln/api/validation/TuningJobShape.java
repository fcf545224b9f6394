package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.tuning.AutoParameter;
import dev.kiln.api.tuning.CategoricalParameterRange;
import dev.kiln.api.tuning.ContinuousParameterRange;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterAlgorithmSpecification;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobConfig;
import dev.kiln.api.tuning.HyperParameterTuningJobObjective;
import dev.kiln.api.tuning.HyperParameterTuningJobWarmStartConfig;
import dev.kiln.api.tuning.HyperParameterTuningResourceConfig;
import dev.kiln.api.tuning.IntegerParameterRange;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.api.tuning.ResourceLimits;
import dev.kiln.api.tuning.TuningJobCompletionCriteria;
import java.util.List;

/**
 * The shape constraints of CreateHyperParameterTuningJobRequest from botocore's model, reported
 * together in the service's phrasing. The training-job parts of a definition reuse the
 * CreateTrainingJob shape checks with the definition's own paths.
 */
final class TuningJobShape {
    private TuningJobShape() {}

    static void check(Constraints c, CreateHyperParameterTuningJobRequest r) {
        c.requiredString("hyperParameterTuningJobName", r.hyperParameterTuningJobName(), TuningShapes.TUNING_JOB_NAME);
        if (c.required("hyperParameterTuningJobConfig", r.hyperParameterTuningJobConfig())) {
            config(c, "hyperParameterTuningJobConfig", r.hyperParameterTuningJobConfig());
        }
        if (r.trainingJobDefinition() != null) {
            definition(c, "trainingJobDefinition", r.trainingJobDefinition());
        }
        List<HyperParameterTrainingJobDefinition> defs = r.trainingJobDefinitions();
        if (c.list("trainingJobDefinitions", defs, 1, 10)) {
            for (int i = 0; i < defs.size(); i++) {
                if (c.required(member("trainingJobDefinitions", i), defs.get(i))) {
                    definition(c, member("trainingJobDefinitions", i), defs.get(i));
                }
            }
        }
        warmStart(c, "warmStartConfig", r.warmStartConfig());
        CreateTrainingJobShape.tags(c, "tags", r.tags());
        if (r.autotune() != null) {
            c.requiredString("autotune.mode", r.autotune().mode(), TuningShapes.AUTOTUNE_MODE);
        }
    }

    private static void config(Constraints c, String path, HyperParameterTuningJobConfig k) {
        c.requiredString(at(path, "strategy"), k.strategy(), TuningShapes.STRATEGY);
        if (k.strategyConfig() != null && k.strategyConfig().hyperbandStrategyConfig() != null) {
            String p = at(at(path, "strategyConfig"), "hyperbandStrategyConfig");
            c.number(at(p, "minResource"), k.strategyConfig().hyperbandStrategyConfig().minResource(), 1L, null);
            c.number(at(p, "maxResource"), k.strategyConfig().hyperbandStrategyConfig().maxResource(), 1L, null);
        }
        objective(c, at(path, "hyperParameterTuningJobObjective"), k.hyperParameterTuningJobObjective());
        if (c.required(at(path, "resourceLimits"), k.resourceLimits())) {
            ResourceLimits l = k.resourceLimits();
            String p = at(path, "resourceLimits");
            c.number(at(p, "maxNumberOfTrainingJobs"), l.maxNumberOfTrainingJobs(), 1L, null);
            c.requiredNumber(at(p, "maxParallelTrainingJobs"), l.maxParallelTrainingJobs(), 1L, null);
            c.number(at(p, "maxRuntimeInSeconds"), l.maxRuntimeInSeconds(), TuningShapes.MIN_TUNING_RUNTIME,
                    TuningShapes.MAX_TUNING_RUNTIME);
        }
        ranges(c, at(path, "parameterRanges"), k.parameterRanges());
        c.string(at(path, "trainingJobEarlyStoppingType"), k.trainingJobEarlyStoppingType(), TuningShapes.EARLY_STOPPING);
        completion(c, at(path, "tuningJobCompletionCriteria"), k.tuningJobCompletionCriteria());
        c.number(at(path, "randomSeed"), k.randomSeed(), 0L, null);
    }

    private static void objective(Constraints c, String path, HyperParameterTuningJobObjective o) {
        if (o != null) {
            c.requiredString(at(path, "type"), o.type(), TuningShapes.OBJECTIVE_TYPE);
            c.requiredString(at(path, "metricName"), o.metricName(), Shapes.METRIC_NAME);
        }
    }

    private static void completion(Constraints c, String path, TuningJobCompletionCriteria k) {
        if (k == null) {
            return;
        }
        if (k.bestObjectiveNotImproving() != null) {
            c.number(at(at(path, "bestObjectiveNotImproving"), "maxNumberOfTrainingJobsNotImproving"),
                    k.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving(), 3L, null);
        }
        if (k.convergenceDetected() != null) {
            c.string(at(at(path, "convergenceDetected"), "completeOnConvergence"),
                    k.convergenceDetected().completeOnConvergence(), TuningShapes.COMPLETE_ON_CONVERGENCE);
        }
    }

    private static void ranges(Constraints c, String path, ParameterRanges r) {
        if (r == null) {
            return;
        }
        String ip = at(path, "integerParameterRanges");
        if (c.list(ip, r.integerParameterRanges(), 0, 30)) {
            for (int i = 0; i < r.integerParameterRanges().size(); i++) {
                IntegerParameterRange x = r.integerParameterRanges().get(i);
                if (c.required(member(ip, i), x)) {
                    numeric(c, member(ip, i), x.name(), x.minValue(), x.maxValue(), x.scalingType());
                }
            }
        }
        String cp = at(path, "continuousParameterRanges");
        if (c.list(cp, r.continuousParameterRanges(), 0, 30)) {
            for (int i = 0; i < r.continuousParameterRanges().size(); i++) {
                ContinuousParameterRange x = r.continuousParameterRanges().get(i);
                if (c.required(member(cp, i), x)) {
                    numeric(c, member(cp, i), x.name(), x.minValue(), x.maxValue(), x.scalingType());
                }
            }
        }
        String kp = at(path, "categoricalParameterRanges");
        if (c.list(kp, r.categoricalParameterRanges(), 0, 30)) {
            for (int i = 0; i < r.categoricalParameterRanges().size(); i++) {
                CategoricalParameterRange x = r.categoricalParameterRanges().get(i);
                String p = member(kp, i);
                if (c.required(p, x)) {
                    c.requiredString(at(p, "name"), x.name(), TuningShapes.PARAMETER_KEY);
                    if (c.required(at(p, "values"), x.values())) {
                        c.stringList(at(p, "values"), x.values(), 1, 30, TuningShapes.PARAMETER_VALUE);
                    }
                }
            }
        }
        String ap = at(path, "autoParameters");
        if (c.list(ap, r.autoParameters(), 0, 100)) {
            for (int i = 0; i < r.autoParameters().size(); i++) {
                AutoParameter x = r.autoParameters().get(i);
                if (c.required(member(ap, i), x)) {
                    c.requiredString(at(member(ap, i), "name"), x.name(), TuningShapes.PARAMETER_KEY);
                    c.requiredString(at(member(ap, i), "valueHint"), x.valueHint(), TuningShapes.PARAMETER_VALUE);
                }
            }
        }
    }

    private static void numeric(Constraints c, String path, String name, String min, String max, String scaling) {
        c.requiredString(at(path, "name"), name, TuningShapes.PARAMETER_KEY);
        c.requiredString(at(path, "minValue"), min, TuningShapes.PARAMETER_VALUE);
        c.requiredString(at(path, "maxValue"), max, TuningShapes.PARAMETER_VALUE);
        c.string(at(path, "scalingType"), scaling, TuningShapes.SCALING_TYPE);
    }

    private static void definition(Constraints c, String path, HyperParameterTrainingJobDefinition d) {
        c.string(at(path, "definitionName"), d.definitionName(), TuningShapes.DEFINITION_NAME);
        objective(c, at(path, "tuningObjective"), d.tuningObjective());
        ranges(c, at(path, "hyperParameterRanges"), d.hyperParameterRanges());
        c.map(at(path, "staticHyperParameters"), d.staticHyperParameters(), 0, 100,
                Shapes.HYPER_PARAMETER_KEY, Shapes.HYPER_PARAMETER_VALUE);
        if (c.required(at(path, "algorithmSpecification"), d.algorithmSpecification())) {
            HyperParameterAlgorithmSpecification a = d.algorithmSpecification();
            String p = at(path, "algorithmSpecification");
            c.string(at(p, "trainingImage"), a.trainingImage(), Shapes.ALGORITHM_IMAGE);
            c.requiredString(at(p, "trainingInputMode"), a.trainingInputMode(), Shapes.TRAINING_INPUT_MODE);
            c.string(at(p, "algorithmName"), a.algorithmName(), Shapes.ALGORITHM_NAME);
            CreateTrainingJobShape.metricDefinitions(c, at(p, "metricDefinitions"), a.metricDefinitions(), 40);
        }
        c.requiredString(at(path, "roleArn"), d.roleArn(), Shapes.ROLE_ARN);
        ChannelShape.inputDataConfig(c, at(path, "inputDataConfig"), d.inputDataConfig());
        ResourceShape.vpcConfig(c, at(path, "vpcConfig"), d.vpcConfig());
        if (c.required(at(path, "outputDataConfig"), d.outputDataConfig())) {
            CreateTrainingJobShape.outputDataConfig(c, at(path, "outputDataConfig"), d.outputDataConfig());
        }
        if (d.resourceConfig() != null) {
            ResourceShape.resourceConfig(c, at(path, "resourceConfig"), d.resourceConfig());
        }
        tuningResources(c, at(path, "hyperParameterTuningResourceConfig"), d.hyperParameterTuningResourceConfig());
        if (c.required(at(path, "stoppingCondition"), d.stoppingCondition())) {
            CreateTrainingJobShape.stoppingCondition(c, at(path, "stoppingCondition"), d.stoppingCondition());
        }
        if (d.checkpointConfig() != null) {
            c.requiredString(at(at(path, "checkpointConfig"), "s3Uri"), d.checkpointConfig().s3Uri(), Shapes.S3_URI);
            c.string(at(at(path, "checkpointConfig"), "localPath"), d.checkpointConfig().localPath(), Shapes.DIRECTORY_PATH);
        }
        if (d.retryStrategy() != null) {
            c.requiredNumber(at(at(path, "retryStrategy"), "maximumRetryAttempts"),
                    d.retryStrategy().maximumRetryAttempts(), 1L, 30L);
        }
        c.map(at(path, "environment"), d.environment(), 0, 48,
                Shapes.TRAINING_ENVIRONMENT_KEY, Shapes.TRAINING_ENVIRONMENT_VALUE);
    }

    private static void tuningResources(Constraints c, String path, HyperParameterTuningResourceConfig h) {
        if (h == null) {
            return;
        }
        c.string(at(path, "instanceType"), h.instanceType(), Shapes.TRAINING_INSTANCE_TYPE);
        c.number(at(path, "instanceCount"), h.instanceCount(), 1L, null);
        c.number(at(path, "volumeSizeInGB"), h.volumeSizeInGB(), 1L, null);
        c.string(at(path, "volumeKmsKeyId"), h.volumeKmsKeyId(), Shapes.KMS_KEY_ID);
        c.string(at(path, "allocationStrategy"), h.allocationStrategy(), TuningShapes.ALLOCATION_STRATEGY);
        String lp = at(path, "instanceConfigs");
        if (c.list(lp, h.instanceConfigs(), 1, 6)) {
            for (int i = 0; i < h.instanceConfigs().size(); i++) {
                String p = member(lp, i);
                var k = h.instanceConfigs().get(i);
                if (c.required(p, k)) {
                    c.requiredString(at(p, "instanceType"), k.instanceType(), Shapes.TRAINING_INSTANCE_TYPE);
                    c.requiredNumber(at(p, "instanceCount"), k.instanceCount(), 1L, null);
                    c.requiredNumber(at(p, "volumeSizeInGB"), k.volumeSizeInGB(), 1L, null);
                }
            }
        }
    }

    private static void warmStart(Constraints c, String path, HyperParameterTuningJobWarmStartConfig w) {
        if (w == null) {
            return;
        }
        String lp = at(path, "parentHyperParameterTuningJobs");
        if (c.required(lp, w.parentHyperParameterTuningJobs()) && c.list(lp, w.parentHyperParameterTuningJobs(), 1, 5)) {
            for (int i = 0; i < w.parentHyperParameterTuningJobs().size(); i++) {
                var parent = w.parentHyperParameterTuningJobs().get(i);
                if (c.required(member(lp, i), parent)) {
                    c.string(at(member(lp, i), "hyperParameterTuningJobName"), parent.hyperParameterTuningJobName(),
                            TuningShapes.TUNING_JOB_NAME);
                }
            }
        }
        c.requiredString(at(path, "warmStartType"), w.warmStartType(), TuningShapes.WARM_START_TYPE);
    }
}
