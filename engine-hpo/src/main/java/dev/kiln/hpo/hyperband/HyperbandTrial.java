package dev.kiln.hpo.hyperband;

import dev.kiln.hpo.sampler.Trial;

import java.util.List;

/**
 * A configuration to train under Hyperband, with the bracket it runs in and the resources (epochs) at which it
 * will be judged.
 */
public record HyperbandTrial(Trial trial, int bracket, List<Integer> rungResources) {
    public HyperbandTrial {
        rungResources = List.copyOf(rungResources);
    }

    public int id() {
        return trial.id();
    }
}
