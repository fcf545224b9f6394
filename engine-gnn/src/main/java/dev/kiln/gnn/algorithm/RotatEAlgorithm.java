package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.model.RotatE;
import dev.kiln.gnn.model.KgeModel;

/** The {@code rotate} built-in algorithm: RotatE (Sun et al. 2019) with self-adversarial negative weighting by default; {@code num-hidden} is the complex dimension. */
public final class RotatEAlgorithm extends KgeAlgorithm {
    @Override
    public String name() {
        return "rotate";
    }

    @Override
    public KgeModel createModel(KgeHyperParameters hp) {
        return new RotatE(hp.numHidden(), hp.gamma());
    }
}
