package dev.kiln.gnn.train;

import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;

/**
 * What a KGE trainer trains: the model, its entity and relation tables, their optimisers, the loss and the loop's
 * settings. The CPU and GPU trainers (and each CPU thread's {@link BatchStep}) take the same one, so a job hands
 * its training to either without listing the parts again.
 */
public record KgeSetup(KgeModel model, EmbeddingTable entities, EmbeddingTable relations, SparseOptimizer entityOpt,
                       SparseOptimizer relationOpt, LossFunction loss, TrainConfig cfg) {}
