package dev.kiln.hpo.tuning;

import dev.kiln.api.error.ResourceNotFoundException;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.Channel;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobObjective;
import dev.kiln.api.tuning.HyperParameterTuningJobStatus;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.hpo.sampler.Observation;
import dev.kiln.hpo.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Warm start: up to five finished parent tuning jobs seed the new one's search with every trial that
 * yielded an objective. A definition takes the observations of the parent definition with the same
 * DefinitionName, else of the parent's only (or same-position) definition; a parent trial counts when
 * its hyperparameters (static and tuned together, since a hyperparameter may move between the two)
 * fall inside the new ranges.
 */
final class WarmStart {
    private WarmStart() {}

    /** The service's checks at create time: parents exist, have ended, and match as WarmStartType requires. */
    static void check(CreateHyperParameterTuningJobRequest r, TuningStore store) {
        if (r.warmStartConfig() == null) {
            return;
        }
        boolean identical = "IdenticalDataAndAlgorithm".equals(r.warmStartConfig().warmStartType());
        List<HyperParameterTrainingJobDefinition> defs = TuningDefinitions.of(r);
        for (var p : r.warmStartConfig().parentHyperParameterTuningJobs()) {
            String name = p.hyperParameterTuningJobName();
            TuningJobRecord parent = store.find(name).orElseThrow(() -> new ResourceNotFoundException(
                    "Parent hyperparameter tuning job '" + name + "' of WarmStartConfig does not exist."));
            if (parent.status() != HyperParameterTuningJobStatus.Completed
                    && parent.status() != HyperParameterTuningJobStatus.Stopped) {
                throw new ValidationException("Parent hyperparameter tuning job '" + name + "' is " + parent.status()
                        + "; warm start needs parent tuning jobs that are Completed or Stopped.");
            }
            for (int i = 0; i < defs.size(); i++) {
                HyperParameterTrainingJobDefinition mine = defs.get(i);
                int theirs = matching(parent.request(), mine, i);
                if (theirs < 0) {
                    continue;
                }
                HyperParameterTrainingJobDefinition other = TuningDefinitions.of(parent.request()).get(theirs);
                HyperParameterTuningJobObjective a = TuningDefinitions.objective(r, mine);
                HyperParameterTuningJobObjective b = TuningDefinitions.objective(parent.request(), other);
                if (!Objects.equals(a, b)) {
                    throw new ValidationException("The objective metric of a warm-start tuning job must be the same as its "
                            + "parents': " + a.type() + " " + a.metricName() + " here, " + b.type() + " " + b.metricName()
                            + " in '" + name + "'.");
                }
                int count = hyperParameterCount(r, mine);
                int parentCount = hyperParameterCount(parent.request(), other);
                if (count != parentCount) {
                    throw new ValidationException("The number of static plus tunable hyperparameters (" + count
                            + ") must remain the same as in parent tuning job '" + name + "' (" + parentCount + ").");
                }
                if (identical && !sameDataAndAlgorithm(mine, other)) {
                    throw new ValidationException("WarmStartType IdenticalDataAndAlgorithm requires the same training "
                            + "image or algorithm and the same input data as parent tuning job '" + name
                            + "'; use TransferLearning for a changed algorithm or data.");
                }
            }
        }
    }

    /** The parents' observations, by definition index of the new tuning job. */
    static Map<Integer, List<Observation>> observations(TuningJobRecord job, TuningStore store) {
        CreateHyperParameterTuningJobRequest r = job.request();
        Map<Integer, List<Observation>> out = new HashMap<>();
        if (r.warmStartConfig() == null) {
            return out;
        }
        List<HyperParameterTrainingJobDefinition> defs = TuningDefinitions.of(r);
        for (var p : r.warmStartConfig().parentHyperParameterTuningJobs()) {
            TuningJobRecord parent = store.find(p.hyperParameterTuningJobName()).orElse(null);
            if (parent == null) {
                continue;
            }
            List<TrialRecord> trials = store.trials(parent.name());
            for (int i = 0; i < defs.size(); i++) {
                int theirs = matching(parent.request(), defs.get(i), i);
                if (theirs < 0) {
                    continue;
                }
                SearchSpace space = SearchSpaces.of(TuningDefinitions.ranges(r, defs.get(i)));
                Map<String, String> statics = TuningDefinitions.of(parent.request()).get(theirs).staticHyperParameters();
                for (TrialRecord t : trials) {
                    if (t.definition() != theirs || t.objective() == null) {
                        continue;
                    }
                    Map<String, String> all = new LinkedHashMap<>(statics == null ? Map.of() : statics);
                    all.putAll(t.tunedHyperParameters());
                    int d = i;
                    SearchSpaces.configuration(space, all).ifPresent(c ->
                            out.computeIfAbsent(d, k -> new ArrayList<>()).add(new Observation(c, t.objective())));
                }
            }
        }
        return out;
    }

    /** The parent's definition that corresponds to {@code mine} (at {@code index}), or -1. */
    static int matching(CreateHyperParameterTuningJobRequest parent, HyperParameterTrainingJobDefinition mine, int index) {
        List<HyperParameterTrainingJobDefinition> theirs = TuningDefinitions.of(parent);
        for (int j = 0; j < theirs.size(); j++) {
            if (mine.definitionName() != null && mine.definitionName().equals(theirs.get(j).definitionName())) {
                return j;
            }
        }
        if (theirs.size() == 1) {
            return 0;
        }
        return index < theirs.size() ? index : -1;
    }

    private static int hyperParameterCount(CreateHyperParameterTuningJobRequest r, HyperParameterTrainingJobDefinition d) {
        ParameterRanges p = TuningDefinitions.ranges(r, d);
        return TuningDefinitions.tunableCount(p) + (d.staticHyperParameters() == null ? 0 : d.staticHyperParameters().size());
    }

    private static boolean sameDataAndAlgorithm(HyperParameterTrainingJobDefinition a, HyperParameterTrainingJobDefinition b) {
        return Objects.equals(a.algorithmSpecification().trainingImage(), b.algorithmSpecification().trainingImage())
                && Objects.equals(a.algorithmSpecification().algorithmName(), b.algorithmSpecification().algorithmName())
                && Objects.equals(uris(a.inputDataConfig()), uris(b.inputDataConfig()));
    }

    private static Map<String, String> uris(List<Channel> channels) {
        Map<String, String> m = new HashMap<>();
        if (channels != null) {
            for (Channel c : channels) {
                var s3 = c.dataSource() == null ? null : c.dataSource().s3DataSource();
                m.put(c.channelName(), s3 == null ? String.valueOf(c.dataSource()) : s3.s3Uri());
            }
        }
        return m;
    }
}
