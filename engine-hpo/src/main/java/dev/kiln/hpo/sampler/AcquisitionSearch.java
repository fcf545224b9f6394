package dev.kiln.hpo.sampler;

import dev.kiln.hpo.sampler.gp.ExpectedImprovement;
import dev.kiln.hpo.sampler.gp.GaussianProcess;
import dev.kiln.hpo.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Maximises log expected improvement over the model space: half the candidates are uniform random points, a
 * quarter perturbations of the best observed points, the rest rounds of shrinking Gaussian steps around the best
 * candidates so far (which also move integer and categorical coordinates); finally BOBYQA polishes the continuous
 * coordinates of the best candidate and of the incumbent. Every candidate is projected to a valid point (rounded
 * integers, one-hot categories) before it is scored, so the model never rates a point that cannot be run.
 */
final class AcquisitionSearch {
    private static final int ELITES = 4;
    private static final int ROUNDS = 4;
    private static final int MIN_PER_START = 100;
    private static final double[] AROUND_STEPS = {0.02, 0.05, 0.1, 0.2};

    private final SearchSpace space;
    private final LocalRefinement refinement;

    AcquisitionSearch(SearchSpace space) {
        this.space = space;
        this.refinement = new LocalRefinement(space.continuousCoordinates());
    }

    private record Scored(double[] point, double score) {
    }

    /**
     * The best candidate found that is not one of {@code taken} (observed or pending points).
     *
     * @param best             the best (smallest) normalised loss observed
     * @param incumbents       the best observed points, best first
     * @param candidates       number of candidates scored in the batch stages
     * @param localEvaluations evaluations allowed to the local refinements of continuous coordinates, together
     */
    double[] maximize(GaussianProcess gp, double best, List<double[]> incumbents, List<double[]> taken,
                      RandomGenerator random, int candidates, int localEvaluations) {
        int dims = space.dimensions();
        List<double[]> global = new ArrayList<>();
        for (int i = 0; i < candidates / 2; i++) {
            global.add(space.randomPoint(random));
        }
        for (int i = 0; i < candidates / 4 && !incumbents.isEmpty(); i++) {
            double[] around = incumbents.get(i % incumbents.size());
            global.add(perturb(around, AROUND_STEPS[random.nextInt(AROUND_STEPS.length)], random, dims));
        }
        List<Scored> all = score(gp, best, global);
        List<Scored> elites = top(all, ELITES);

        // Shrinking Gaussian steps around the elites move every coordinate, discrete ones included.
        int perRound = Math.max(ELITES, (candidates - global.size()) / ROUNDS);
        double step = 0.1;
        for (int round = 0; round < ROUNDS; round++, step /= 2) {
            List<double[]> local = new ArrayList<>(perRound);
            for (int i = 0; i < perRound; i++) {
                local.add(perturb(elites.get(i % elites.size()).point(), step, random, dims));
            }
            List<Scored> scored = score(gp, best, local);
            all.addAll(scored);
            List<Scored> merged = new ArrayList<>(elites);
            merged.addAll(scored);
            elites = top(merged, ELITES);
        }

        // Continuous coordinates are then polished from the best candidate and from the incumbent itself: the
        // best improvement is often a short step away from the best point observed. (More starts bought nothing
        // measurable on Hartmann6, and each costs BOBYQA's own overhead of tens of microseconds per evaluation.)
        if (refinement.applies() && localEvaluations > 0) {
            List<double[]> starts = new ArrayList<>();
            starts.add(elites.get(0).point());
            if (!incumbents.isEmpty() && localEvaluations >= 2 * MIN_PER_START) {
                starts.add(incumbents.get(0));
            }
            for (double[] start : starts) {
                double[] value = new double[1];
                double[] point = refinement.maximize(x -> {
                    double[] mv = gp.predict(x);
                    return ExpectedImprovement.log(mv[0], Math.sqrt(mv[1]), best);
                }, start, localEvaluations / starts.size(), value);
                all.add(new Scored(point, value[0]));
            }
        }

        all.sort(Comparator.comparingDouble(Scored::score).reversed());
        for (Scored s : all) {
            if (!isTaken(s.point(), taken)) {
                return s.point();
            }
        }
        // Every candidate repeats an earlier point (a small, fully explored discrete space).
        return space.randomPoint(random);
    }

    private double[] perturb(double[] center, double step, RandomGenerator random, int dims) {
        double[] p = center.clone();
        for (int d = 0; d < dims; d++) {
            p[d] = Math.min(Math.max(p[d] + step * random.nextGaussian(), 0), 1);
        }
        space.project(p);
        return p;
    }

    private static List<Scored> score(GaussianProcess gp, double best, List<double[]> points) {
        double[][] candidates = points.toArray(new double[0][]);
        double[] mean = new double[candidates.length];
        double[] variance = new double[candidates.length];
        gp.predict(candidates, mean, variance);
        List<Scored> out = new ArrayList<>(candidates.length);
        for (int i = 0; i < candidates.length; i++) {
            out.add(new Scored(candidates[i], ExpectedImprovement.log(mean[i], Math.sqrt(variance[i]), best)));
        }
        return out;
    }

    private static List<Scored> top(List<Scored> scored, int k) {
        return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(k).toList();
    }

    private static boolean isTaken(double[] point, List<double[]> taken) {
        for (double[] t : taken) {
            if (Arrays.equals(point, t)) {
                return true;
            }
        }
        return false;
    }
}
