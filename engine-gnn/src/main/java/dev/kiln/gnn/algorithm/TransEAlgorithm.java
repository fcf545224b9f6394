package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.model.TransE;
import dev.kiln.gnn.model.KgeModel;

/** The {@code transe} built-in algorithm: TransE (Bordes et al. 2013), L1 or L2 distance by the {@code distance} hyperparameter. */
public final class TransEAlgorithm extends KgeAlgorithm {
    @Override
    public String name() {
        return "transe";
    }

    @Override
    public KgeModel createModel(KgeHyperParameters hp) {
        return new TransE(hp.numHidden(), hp.distance().equals("l1"), hp.gamma());
    }
}
