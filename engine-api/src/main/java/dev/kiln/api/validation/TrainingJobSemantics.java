package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.AlgorithmSpecification;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.InstanceGroup;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.api.training.ResourceConfig;
import dev.kiln.api.training.RuleConfiguration;
import dev.kiln.api.training.StoppingCondition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of CreateTrainingJob that span members. They run after the shape constraints passed,
 * as the service's do, and each failure is a plain ValidationException naming the fields involved.
 */
final class TrainingJobSemantics {
    /** SageMaker's MaxRuntimeInSeconds when the request leaves it out: one day. */
    static final int DEFAULT_MAX_RUNTIME_SECONDS = 86_400;

    private TrainingJobSemantics() {}

    static void check(CreateTrainingJobRequest r) {
        algorithm(r.algorithmSpecification());
        resources(r.resourceConfig());
        channels(r);
        spot(r);
        uniqueTagKeys(r.tags());
        uniqueRuleNames("DebugRuleConfigurations", r.debugRuleConfigurations());
        uniqueRuleNames("ProfilerRuleConfigurations", r.profilerRuleConfigurations());
    }

    private static void algorithm(AlgorithmSpecification a) {
        boolean image = present(a.trainingImage());
        boolean name = present(a.algorithmName());
        if (image == name) {
            throw new ValidationException("Exactly one of AlgorithmSpecification.TrainingImage and "
                    + "AlgorithmSpecification.AlgorithmName must be specified; the request has "
                    + (image ? "both." : "neither."));
        }
        if (image) {
            TrainingImageReference.parse(a.trainingImage());
        }
        metricRegexes("algorithmSpecification.metricDefinitions", a.metricDefinitions());
    }

    /**
     * Every regex must compile in java.util.regex, the engine that will run it over the job's log
     * (after Python's {@code (?P<name>...)} groups are mapped to Java's).
     */
    static void metricRegexes(String path, List<MetricDefinition> definitions) {
        if (definitions == null) {
            return;
        }
        for (int i = 0; i < definitions.size(); i++) {
            MetricDefinition m = definitions.get(i);
            try {
                Pattern.compile(dev.kiln.api.training.MetricRegex.toJava(m.regex()));
            } catch (PatternSyntaxException e) {
                throw new ValidationException("Invalid regular expression for metric '" + m.name() + "' at '"
                        + at(member(path, i), "regex") + "': " + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }

    private static void resources(ResourceConfig r) {
        List<InstanceGroup> groups = r.instanceGroups();
        if (groups == null || groups.isEmpty()) {
            return;
        }
        if (r.instanceType() != null || r.instanceCount() != null) {
            throw new ValidationException("ResourceConfig.InstanceGroups cannot be combined with "
                    + "ResourceConfig.InstanceType or ResourceConfig.InstanceCount: specify either InstanceGroups, "
                    + "or InstanceType and InstanceCount.");
        }
        Set<String> names = new HashSet<>();
        for (InstanceGroup g : groups) {
            if (!names.add(g.instanceGroupName())) {
                throw new ValidationException("Duplicate InstanceGroupName '" + g.instanceGroupName()
                        + "' in ResourceConfig.InstanceGroups: instance group names must be unique.");
            }
        }
    }

    private static void channels(CreateTrainingJobRequest r) {
        List<Channel> channels = r.inputDataConfig();
        if (channels == null) {
            return;
        }
        Set<String> groups = new HashSet<>();
        if (r.resourceConfig().instanceGroups() != null) {
            r.resourceConfig().instanceGroups().forEach(g -> groups.add(g.instanceGroupName()));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel ch = channels.get(i);
            if (!names.add(ch.channelName())) {
                throw new ValidationException("Duplicate ChannelName '" + ch.channelName()
                        + "' in InputDataConfig: channel names must be unique.");
            }
            String mode = ch.inputMode() != null ? ch.inputMode() : r.algorithmSpecification().trainingInputMode();
            ChannelRules.check(member("inputDataConfig", i), ch, mode, groups);
        }
    }

    private static void spot(CreateTrainingJobRequest r) {
        if (!Boolean.TRUE.equals(r.enableManagedSpotTraining())) {
            return;
        }
        StoppingCondition s = r.stoppingCondition();
        int runtime = s.maxRuntimeInSeconds() != null ? s.maxRuntimeInSeconds() : DEFAULT_MAX_RUNTIME_SECONDS;
        if (s.maxWaitTimeInSeconds() == null || s.maxWaitTimeInSeconds() < runtime) {
            throw new ValidationException(
                    "Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds");
        }
    }

    private static void uniqueTagKeys(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (Tag t : tags) {
            if (!keys.add(t.key())) {
                throw new ValidationException("Duplicate tag key '" + t.key() + "' in Tags: tag keys must be unique per resource.");
            }
        }
    }

    private static void uniqueRuleNames(String field, List<RuleConfiguration> rules) {
        if (rules == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (RuleConfiguration rc : rules) {
            if (!names.add(rc.ruleConfigurationName())) {
                throw new ValidationException("Duplicate RuleConfigurationName '" + rc.ruleConfigurationName() + "' in "
                        + field + ": rule configuration names must be unique.");
            }
        }
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
