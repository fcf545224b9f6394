package dev.kiln.hpo.pruner;

/** What a running trial should do after reporting an intermediate objective value. */
public enum Decision {
    /** Keep training. */
    CONTINUE,
    /** Stop the training job now (early stopping, or it reached its maximum resource). */
    STOP
}
