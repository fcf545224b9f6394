package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.training.CollectionConfiguration;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DebugHookConfig;
import dev.kiln.api.training.ExperimentConfig;
import dev.kiln.api.training.MlflowConfig;
import dev.kiln.api.training.ModelPackageConfig;
import dev.kiln.api.training.ProfilerConfig;
import dev.kiln.api.training.RuleConfiguration;
import dev.kiln.api.training.ServerlessJobConfig;
import dev.kiln.api.training.TensorBoardOutputConfig;
import java.util.List;

/**
 * Shape constraints of the configurations Kiln stores and echoes without acting on them (Debugger,
 * Profiler, TensorBoard, Experiments, serverless, MLflow, model registry): a request the service
 * would reject must be rejected here too, even where the setting has no local effect.
 */
final class AuxiliaryShapes {
    private AuxiliaryShapes() {}

    static void check(Constraints c, CreateTrainingJobRequest r) {
        debugHookConfig(c, "debugHookConfig", r.debugHookConfig());
        rules(c, "debugRuleConfigurations", r.debugRuleConfigurations());
        tensorBoard(c, "tensorBoardOutputConfig", r.tensorBoardOutputConfig());
        experimentConfig(c, "experimentConfig", r.experimentConfig());
        profilerConfig(c, "profilerConfig", r.profilerConfig());
        rules(c, "profilerRuleConfigurations", r.profilerRuleConfigurations());
        serverless(c, "serverlessJobConfig", r.serverlessJobConfig());
        mlflow(c, "mlflowConfig", r.mlflowConfig());
        modelPackage(c, "modelPackageConfig", r.modelPackageConfig());
    }

    private static void debugHookConfig(Constraints c, String path, DebugHookConfig d) {
        if (d == null) {
            return;
        }
        c.string(at(path, "localPath"), d.localPath(), Shapes.DIRECTORY_PATH);
        c.requiredString(at(path, "s3OutputPath"), d.s3OutputPath(), Shapes.S3_URI);
        c.map(at(path, "hookParameters"), d.hookParameters(), 0, 20, Shapes.CONFIG_KEY, Shapes.CONFIG_VALUE);
        String listPath = at(path, "collectionConfigurations");
        List<CollectionConfiguration> list = d.collectionConfigurations();
        if (!c.list(listPath, list, 0, 20)) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = member(listPath, i);
            CollectionConfiguration cc = list.get(i);
            if (c.required(p, cc)) {
                c.string(at(p, "collectionName"), cc.collectionName(), Shapes.COLLECTION_NAME);
                c.map(at(p, "collectionParameters"), cc.collectionParameters(), 0, 20,
                        Shapes.CONFIG_KEY, Shapes.CONFIG_VALUE);
            }
        }
    }

    /** DebugRuleConfigurations and ProfilerRuleConfigurations share their constraints. */
    private static void rules(Constraints c, String path, List<RuleConfiguration> rules) {
        if (!c.list(path, rules, 0, 20)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            String p = member(path, i);
            RuleConfiguration rc = rules.get(i);
            if (!c.required(p, rc)) {
                continue;
            }
            c.requiredString(at(p, "ruleConfigurationName"), rc.ruleConfigurationName(), Shapes.RULE_CONFIGURATION_NAME);
            c.string(at(p, "localPath"), rc.localPath(), Shapes.DIRECTORY_PATH);
            c.string(at(p, "s3OutputPath"), rc.s3OutputPath(), Shapes.S3_URI);
            c.requiredString(at(p, "ruleEvaluatorImage"), rc.ruleEvaluatorImage(), Shapes.ALGORITHM_IMAGE);
            c.string(at(p, "instanceType"), rc.instanceType(), Shapes.PROCESSING_INSTANCE_TYPE);
            c.number(at(p, "volumeSizeInGB"), rc.volumeSizeInGB(), 0L, null);
            c.map(at(p, "ruleParameters"), rc.ruleParameters(), 0, 100, Shapes.CONFIG_KEY, Shapes.CONFIG_VALUE);
        }
    }

    private static void tensorBoard(Constraints c, String path, TensorBoardOutputConfig t) {
        if (t != null) {
            c.string(at(path, "localPath"), t.localPath(), Shapes.DIRECTORY_PATH);
            c.requiredString(at(path, "s3OutputPath"), t.s3OutputPath(), Shapes.S3_URI);
        }
    }

    private static void experimentConfig(Constraints c, String path, ExperimentConfig e) {
        if (e != null) {
            c.string(at(path, "experimentName"), e.experimentName(), Shapes.EXPERIMENT_ENTITY_NAME);
            c.string(at(path, "trialName"), e.trialName(), Shapes.EXPERIMENT_ENTITY_NAME);
            c.string(at(path, "trialComponentDisplayName"), e.trialComponentDisplayName(), Shapes.EXPERIMENT_ENTITY_NAME);
            c.string(at(path, "runName"), e.runName(), Shapes.EXPERIMENT_ENTITY_NAME);
        }
    }

    private static void profilerConfig(Constraints c, String path, ProfilerConfig p) {
        if (p != null) {
            c.string(at(path, "s3OutputPath"), p.s3OutputPath(), Shapes.S3_URI);
            c.map(at(path, "profilingParameters"), p.profilingParameters(), 0, 20, Shapes.CONFIG_KEY, Shapes.CONFIG_VALUE);
        }
    }

    private static void serverless(Constraints c, String path, ServerlessJobConfig s) {
        if (s == null) {
            return;
        }
        c.requiredString(at(path, "baseModelArn"), s.baseModelArn(), Shapes.SERVERLESS_JOB_BASE_MODEL_ARN);
        c.requiredString(at(path, "jobType"), s.jobType(), Shapes.SERVERLESS_JOB_TYPE);
        c.string(at(path, "customizationTechnique"), s.customizationTechnique(), Shapes.CUSTOMIZATION_TECHNIQUE);
        c.string(at(path, "peft"), s.peft(), Shapes.PEFT);
        c.string(at(path, "evaluationType"), s.evaluationType(), Shapes.EVALUATION_TYPE);
        c.string(at(path, "evaluatorArn"), s.evaluatorArn(), Shapes.EVALUATOR_ARN);
    }

    private static void mlflow(Constraints c, String path, MlflowConfig m) {
        if (m != null) {
            c.requiredString(at(path, "mlflowResourceArn"), m.mlflowResourceArn(), Shapes.MLFLOW_RESOURCE_ARN);
            c.string(at(path, "mlflowExperimentName"), m.mlflowExperimentName(), Shapes.MLFLOW_NAME);
            c.string(at(path, "mlflowRunName"), m.mlflowRunName(), Shapes.MLFLOW_NAME);
        }
    }

    private static void modelPackage(Constraints c, String path, ModelPackageConfig m) {
        if (m != null) {
            c.requiredString(at(path, "modelPackageGroupArn"), m.modelPackageGroupArn(), Shapes.MODEL_PACKAGE_GROUP_ARN);
            c.string(at(path, "sourceModelPackageArn"), m.sourceModelPackageArn(), Shapes.MODEL_PACKAGE_ARN);
        }
    }
}
