package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobConfig;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.hpo.hyperband.Hyperband;
import dev.kiln.hpo.pruner.MedianPruner;
import dev.kiln.hpo.sampler.BayesianSampler;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.GridSampler;
import dev.kiln.hpo.sampler.Observation;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.sampler.Sampler;
import dev.kiln.hpo.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole search of a tuning job: one {@link DefinitionSearch} per training job definition, and the
 * rule that decides which definition runs the next trial when several compete. Each definition first
 * gets two trials in turn; after that two trials out of three go to the definition holding the best
 * objective and the third goes round the others, so a weaker algorithm keeps a chance to catch up.
 */
final class TuningSearch {
    /** Trials every definition gets before the best one is favoured. */
    static final int WARM_UP_TRIALS = 2;
    /** Distinct seeds per definition from the tuning job's one seed. */
    private static final long SEED_STRIDE = 1_000_003L;

    private final List<DefinitionSearch> searches;
    private final Direction direction;
    private final int[] launched;
    private final double[] bestLoss;
    private int picks;
    private int roundRobin;

    private TuningSearch(List<DefinitionSearch> searches, Direction direction) {
        this.searches = searches;
        this.direction = direction;
        this.launched = new int[searches.size()];
        this.bestLoss = new double[searches.size()];
        java.util.Arrays.fill(bestLoss, Double.POSITIVE_INFINITY);
    }

    /** The search of a validated, resolved request, seeded with warm-start observations per definition index. */
    static TuningSearch create(TuningJobRecord job, Map<Integer, List<Observation>> warmStart) {
        CreateHyperParameterTuningJobRequest r = job.request();
        HyperParameterTuningJobConfig k = r.hyperParameterTuningJobConfig();
        List<HyperParameterTrainingJobDefinition> defs = TuningDefinitions.of(r);
        List<DefinitionSearch> searches = new ArrayList<>();
        Direction direction = null;
        for (int i = 0; i < defs.size(); i++) {
            HyperParameterTrainingJobDefinition d = defs.get(i);
            direction = Direction.fromWire(TuningDefinitions.objective(r, d).type());
            SearchSpace space = SearchSpaces.of(TuningDefinitions.ranges(r, d));
            long seed = job.seed() + SEED_STRIDE * i;
            boolean auto = "Auto".equals(k.trainingJobEarlyStoppingType());
            MedianPruner pruner = auto ? new MedianPruner(direction) : null;
            List<Observation> prior = warmStart.getOrDefault(i, List.of());
            DefinitionSearch s = switch (k.strategy()) {
                case "Random" -> new SamplerSearch(seeded(new RandomSampler(space, direction, seed), prior), true, pruner);
                case "Grid" -> new SamplerSearch(seeded(new GridSampler(space, direction), prior), true, pruner);
                case "Hyperband" -> {
                    Sampler sampler = seeded(new RandomSampler(space, direction, seed), prior);
                    int[] bounds = HyperbandBounds.of(r, d);
                    yield new HyperbandSearch(new Hyperband(sampler, bounds[0], bounds[1]));
                }
                default -> new SamplerSearch(seeded(new BayesianSampler(space, direction, seed), prior), false, pruner);
            };
            searches.add(s);
        }
        return new TuningSearch(searches, direction);
    }

    private static Sampler seeded(Sampler s, List<Observation> prior) {
        s.warmStart(prior);
        return s;
    }

    Direction direction() {
        return direction;
    }

    DefinitionSearch definition(int index) {
        return searches.get(index);
    }

    /** Counts a trial launched (or adopted) for definition {@code d}. */
    void launched(int d) {
        launched[d]++;
    }

    /** Remembers a definition's result for the choice of the next definition. */
    void result(int d, double objective) {
        bestLoss[d] = Math.min(bestLoss[d], direction.toLoss(objective));
    }

    boolean exhausted() {
        return searches.stream().allMatch(DefinitionSearch::exhausted);
    }

    /** The definition that runs the next trial, or -1 when every search is exhausted. */
    int next() {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            if (!searches.get(i).exhausted()) {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return -1;
        }
        for (int i : open) {
            if (launched[i] < WARM_UP_TRIALS) {
                return i;
            }
        }
        int best = open.get(0);
        for (int i : open) {
            if (bestLoss[i] < bestLoss[best]) {
                best = i;
            }
        }
        if (picks++ % 3 != 2 || open.size() == 1) {
            return best;
        }
        return open.get(roundRobin++ % open.size());
    }
}
