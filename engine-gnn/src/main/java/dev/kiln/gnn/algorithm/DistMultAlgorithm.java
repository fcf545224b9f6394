package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.KgeModel;

/** The {@code distmult} built-in algorithm: DistMult (Yang et al. 2015). */
public final class DistMultAlgorithm extends KgeAlgorithm {
    @Override
    public String name() {
        return "distmult";
    }

    @Override
    public KgeModel createModel(KgeHyperParameters hp) {
        return new DistMult(hp.numHidden(), hp.gamma());
    }
}
