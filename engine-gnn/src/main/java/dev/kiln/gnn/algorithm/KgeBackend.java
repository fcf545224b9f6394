package dev.kiln.gnn.algorithm;

import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.cuda.CudaDevice;
import dev.kiln.gnn.cuda.CudaKgeTrainer;
import dev.kiln.gnn.cuda.CudaLinkEvaluator;
import dev.kiln.gnn.cuda.CudaUnavailableException;
import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.eval.LinkEvaluator;
import dev.kiln.gnn.eval.LinkRanker;
import dev.kiln.gnn.train.EpochTrainer;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.KgeTrainer;

/**
 * Where a KGE job trains and ranks, by its device profile: on the first GPU it was granted when its instance type
 * has GPUs and CUDA can use that GPU, else on as many CPU threads as the profile grants. A job granted a GPU that
 * CUDA cannot use says why in its log and runs on the CPU rather than failing: the model and its metrics are the
 * same.
 */
final class KgeBackend implements AutoCloseable {
    private final EpochTrainer trainer;
    private final LinkRanker ranker;
    private final CudaDevice device;

    private KgeBackend(EpochTrainer trainer, LinkRanker ranker, CudaDevice device) {
        this.trainer = trainer;
        this.ranker = ranker;
        this.device = device;
    }

    static KgeBackend open(AlgorithmContext ctx, String algorithm, KgeSetup setup, TrueTripleIndex known) {
        if (!ctx.gpuIds().isEmpty()) {
            CudaDevice device = null;
            try {
                // CUDA_VISIBLE_DEVICES holds the granted GPUs, so the first of them is the driver's ordinal 0.
                device = CudaDevice.open(0);
                return new KgeBackend(new CudaKgeTrainer(device, setup),
                        new CudaLinkEvaluator(device, setup.model(), known), device);
            } catch (CudaUnavailableException | IllegalArgumentException | jcuda.CudaException e) {
                // CudaException: the driver refused the tables (out of memory on a GPU too small for them).
                if (device != null) {
                    device.close();
                }
                ctx.log().printf("%s: granted GPU %s, but CUDA cannot train on it (%s); training on the CPU%n",
                        algorithm, ctx.gpuIds().get(0), e.getMessage());
            }
        }
        return new KgeBackend(new KgeTrainer(setup), new LinkEvaluator(setup.model(), known, setup.cfg().threads()), null);
    }

    EpochTrainer trainer() {
        return trainer;
    }

    LinkRanker ranker() {
        return ranker;
    }

    @Override
    public void close() {
        trainer.close();
        ranker.close();
        if (device != null) {
            device.close();
        }
    }
}
