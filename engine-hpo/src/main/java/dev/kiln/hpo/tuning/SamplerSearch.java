package dev.kiln.hpo.tuning;

import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.pruner.MedianPruner;
import dev.kiln.hpo.sampler.Observation;
import dev.kiln.hpo.sampler.Sampler;
import dev.kiln.hpo.sampler.Trial;
import dev.kiln.hpo.space.Configuration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Random, Grid or Bayesian search through a {@link Sampler}, with the median stopping rule when
 * early stopping is Auto. Random and Grid hand out the same sequence again from the same seed, so a
 * restarted tuning job asks them again for its earlier trials and gets exactly their configurations
 * back; the Bayesian sampler cannot replay, so earlier trials return to it as observations.
 */
final class SamplerSearch implements DefinitionSearch {
    private final Sampler sampler;
    private final boolean replayable;
    private final MedianPruner pruner;
    private final Map<Integer, Integer> asked = new HashMap<>();
    private final Map<Integer, Configuration> adoptedOnly = new HashMap<>();
    private final Set<Integer> pruned = new HashSet<>();

    /**
     * @param replayable whether asking again from the start repeats the configurations (Random, Grid)
     * @param pruner     the median rule, or null when early stopping is Off
     */
    SamplerSearch(Sampler sampler, boolean replayable, MedianPruner pruner) {
        this.sampler = sampler;
        this.replayable = replayable;
        this.pruner = pruner;
    }

    @Override
    public Optional<Proposal> propose(int index) {
        if (sampler.isExhausted()) {
            return Optional.empty();
        }
        Trial t = sampler.ask();
        asked.put(index, t.id());
        return Optional.of(new Proposal(t.configuration().hyperParameters(), null));
    }

    @Override
    public void adopt(int index, Map<String, String> tuned) {
        if (replayable && !sampler.isExhausted()) {
            Trial t = sampler.ask();
            if (t.configuration().hyperParameters().equals(tuned)) {
                asked.put(index, t.id());
                return;
            }
            sampler.tellFailed(t.id()); // not the same sequence after all: keep the trial as an observation only
        }
        SearchSpaces.configuration(sampler.space(), tuned).ifPresent(c -> adoptedOnly.put(index, c));
    }

    @Override
    public Decision observe(int index, int epoch, double objective) {
        if (pruner == null || pruned.contains(index)) {
            return Decision.CONTINUE;
        }
        Decision d = pruner.report(index, epoch, objective);
        if (d == Decision.STOP) {
            pruned.add(index); // the pruner has finished the trial; it takes no more reports
        }
        return d;
    }

    @Override
    public void finish(int index, OptionalDouble objective) {
        if (pruner != null && !pruned.contains(index)) {
            if (objective.isPresent()) {
                pruner.complete(index);
            } else {
                pruner.discard(index);
            }
        }
        Integer id = asked.remove(index);
        if (id != null) {
            if (objective.isPresent()) {
                sampler.tell(id, objective.getAsDouble());
            } else {
                sampler.tellFailed(id);
            }
            return;
        }
        Configuration c = adoptedOnly.remove(index);
        if (c != null && objective.isPresent()) {
            sampler.warmStart(List.of(new Observation(c, objective.getAsDouble())));
        }
    }

    @Override
    public boolean exhausted() {
        return sampler.isExhausted();
    }

    @Override
    public boolean usesIntermediateValues() {
        return pruner != null;
    }
}
