package dev.kiln.hpo.tuning;

import dev.kiln.hpo.hyperband.Hyperband;
import dev.kiln.hpo.hyperband.HyperbandTrial;
import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.sampler.Observation;
import dev.kiln.hpo.space.Configuration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Hyperband: each trial runs in a bracket and is judged at the bracket's rungs from the objective it
 * reports per epoch (the objective metric's points in order). Configurations come from a seeded
 * random sampler, so a restarted tuning job replays its asks and gets its trials' configurations and
 * brackets back.
 */
final class HyperbandSearch implements DefinitionSearch {
    private final Hyperband hyperband;
    private final Map<Integer, Integer> running = new HashMap<>();
    private final Set<Integer> decided = new HashSet<>();
    private final Map<Integer, Configuration> adoptedOnly = new HashMap<>();

    HyperbandSearch(Hyperband hyperband) {
        this.hyperband = hyperband;
    }

    @Override
    public Optional<Proposal> propose(int index) {
        HyperbandTrial t = hyperband.ask();
        running.put(index, t.id());
        return Optional.of(new Proposal(t.trial().configuration().hyperParameters(), t.bracket()));
    }

    @Override
    public void adopt(int index, Map<String, String> tuned) {
        HyperbandTrial t = hyperband.ask();
        if (t.trial().configuration().hyperParameters().equals(tuned)) {
            running.put(index, t.id());
            return;
        }
        hyperband.fail(t.id());
        SearchSpaces.configuration(hyperband.sampler().space(), tuned).ifPresent(c -> adoptedOnly.put(index, c));
    }

    @Override
    public Decision observe(int index, int epoch, double objective) {
        Integer id = running.get(index);
        if (id == null || decided.contains(index)) {
            return Decision.CONTINUE;
        }
        Decision d = hyperband.report(id, epoch, objective);
        if (d == Decision.STOP) {
            decided.add(index); // Hyperband has already told the sampler this trial's result
        }
        return d;
    }

    @Override
    public void finish(int index, OptionalDouble objective) {
        Integer id = running.remove(index);
        if (id != null && !decided.remove(index)) {
            if (objective.isPresent()) {
                hyperband.complete(id);
            } else {
                hyperband.fail(id);
            }
            return;
        }
        Configuration c = adoptedOnly.remove(index);
        if (c != null && objective.isPresent()) {
            hyperband.sampler().warmStart(List.of(new Observation(c, objective.getAsDouble())));
        }
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public boolean usesIntermediateValues() {
        return true;
    }
}
