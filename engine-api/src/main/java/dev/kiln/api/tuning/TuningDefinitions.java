package dev.kiln.api.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tuning request the way the service does whether it has one TrainingJobDefinition or a list
 * of TrainingJobDefinitions: the objective and ranges of a definition are its own, else the ones of
 * HyperParameterTuningJobConfig.
 */
public final class TuningDefinitions {
    /** Static hyperparameters from which Hyperband infers MaxResource, in the order they are tried. */
    public static final List<String> EPOCH_KEYS = List.of("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs");

    private TuningDefinitions() {}

    /** The request's definitions: the single TrainingJobDefinition, or TrainingJobDefinitions; never null. */
    public static List<HyperParameterTrainingJobDefinition> of(CreateHyperParameterTuningJobRequest r) {
        List<HyperParameterTrainingJobDefinition> out = new ArrayList<>();
        if (r.trainingJobDefinition() != null) {
            out.add(r.trainingJobDefinition());
        }
        if (r.trainingJobDefinitions() != null) {
            r.trainingJobDefinitions().stream().filter(d -> d != null).forEach(out::add);
        }
        return out;
    }

    /** The definition's objective: its TuningObjective, else the tuning job's objective (may be null). */
    public static HyperParameterTuningJobObjective objective(CreateHyperParameterTuningJobRequest r,
            HyperParameterTrainingJobDefinition d) {
        if (d.tuningObjective() != null) {
            return d.tuningObjective();
        }
        return r.hyperParameterTuningJobConfig() == null ? null
                : r.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
    }

    /** The definition's ranges: its HyperParameterRanges, else the tuning job's ParameterRanges (may be null). */
    public static ParameterRanges ranges(CreateHyperParameterTuningJobRequest r, HyperParameterTrainingJobDefinition d) {
        if (d.hyperParameterRanges() != null) {
            return d.hyperParameterRanges();
        }
        return r.hyperParameterTuningJobConfig() == null ? null : r.hyperParameterTuningJobConfig().parameterRanges();
    }

    /** Integer, continuous and categorical ranges together (AutoParameters not counted). */
    public static int tunableCount(ParameterRanges p) {
        return p == null ? 0 : size(p.integerParameterRanges()) + size(p.continuousParameterRanges())
                + size(p.categoricalParameterRanges());
    }

    /** The first epochs-like static hyperparameter that parses as an integer, for Hyperband's MaxResource. */
    public static Optional<Integer> epochsFromStatic(Map<String, String> staticHyperParameters) {
        if (staticHyperParameters == null) {
            return Optional.empty();
        }
        for (String key : EPOCH_KEYS) {
            String v = staticHyperParameters.get(key);
            if (v != null) {
                try {
                    return Optional.of(Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A name for messages and reports: the DefinitionName, else its position. */
    public static String label(CreateHyperParameterTuningJobRequest r, int index) {
        HyperParameterTrainingJobDefinition d = of(r).get(index);
        if (r.trainingJobDefinitions() == null) {
            return "TrainingJobDefinition";
        }
        return "TrainingJobDefinitions[" + index + "]" + (d.definitionName() == null ? "" : " ('" + d.definitionName() + "')");
    }

    private static int size(List<?> l) {
        return l == null ? 0 : l.size();
    }
}
