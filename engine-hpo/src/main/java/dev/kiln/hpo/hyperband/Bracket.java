package dev.kiln.hpo.hyperband;

import java.util.ArrayList;
import java.util.List;

/**
 * One Hyperband bracket run as asynchronous successive halving: its rungs sit at
 * {@code minResource * eta^(index + k)} below the maximum resource, and a trial reaching a rung goes on only if
 * its objective there ranks in the top {@code max(1, floor(n / eta))} of the n trials recorded at that rung so
 * far (itself included). The first trial at a rung therefore always continues, and a trial is never promoted
 * later, after more trials arrive (the stopping variant of ASHA, as in Optuna and Ray Tune).
 */
public final class Bracket {
    private final int index;
    private final int reductionFactor;
    private final List<Integer> rungResources;
    private final List<List<Double>> rungLosses = new ArrayList<>();

    Bracket(int index, int minResource, int maxResource, int reductionFactor) {
        this.index = index;
        this.reductionFactor = reductionFactor;
        List<Integer> rungs = new ArrayList<>();
        long r = minResource;
        for (int i = 0; i < index; i++) {
            r *= reductionFactor;
        }
        while (r < maxResource) {
            rungs.add((int) r);
            r *= reductionFactor;
        }
        this.rungResources = List.copyOf(rungs);
        rungs.forEach(x -> rungLosses.add(new ArrayList<>()));
    }

    /** The bracket's early-stopping rate: 0 is the most aggressive, the last bracket stops nothing. */
    public int index() {
        return index;
    }

    /** The resources (epochs) at which trials in this bracket are judged, ascending. */
    public List<Integer> rungResources() {
        return rungResources;
    }

    /** Number of trials recorded at rung {@code rung} so far. */
    public int recordedAt(int rung) {
        return rungLosses.get(rung).size();
    }

    /** Records a trial's loss at a rung and says whether it is promoted past it. */
    boolean promote(int rung, double loss) {
        List<Double> losses = rungLosses.get(rung);
        losses.add(loss);
        int better = 0;
        for (double other : losses) {
            if (other < loss) {
                better++;
            }
        }
        return better < Math.max(1, losses.size() / reductionFactor);
    }
}
