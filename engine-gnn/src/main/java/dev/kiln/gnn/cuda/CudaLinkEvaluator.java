package dev.kiln.gnn.cuda;

import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.eval.LinkRanker;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Filtered ranking on the GPU (kge.cu's kge_rank), with {@link dev.kiln.gnn.eval.LinkEvaluator}'s convention and
 * scores: every query of the split against every entity, a block per query. The tables are copied over for each
 * evaluation (they may be a best-so-far copy rather than the ones training); a split's triples and the known true
 * answers of its queries are copied once and kept for the next evaluation of the same split.
 */
public final class CudaLinkEvaluator implements LinkRanker {
    private static final int BLOCK = 256;
    /** The query sits in shared memory: floats per entity row up to the 48 KiB every CUDA GPU gives a block. */
    static final int MAX_ENTITY_DIM = 48 * 1024 / 4;

    private final CudaDevice device;
    private final int model;
    private final TrueTripleIndex filter;
    private Triples cachedSplit;
    private int cachedN;
    private final List<DeviceBuffer> splitBuffers = new ArrayList<>();

    /** @throws IllegalArgumentException for a model without GPU kernels or rows too wide for the kernel */
    public CudaLinkEvaluator(CudaDevice device, KgeModel model, TrueTripleIndex filter) {
        if (model.entityDim() > MAX_ENTITY_DIM) {
            throw new IllegalArgumentException("GPU ranking takes entity rows up to " + MAX_ENTITY_DIM + " floats");
        }
        this.device = device;
        this.model = CudaKgeTrainer.modelCode(model);
        this.filter = filter;
    }

    @Override
    public RankMetrics evaluate(EmbeddingTable entities, EmbeddingTable relations, Triples split, int limit) {
        int n = limit > 0 ? Math.min(limit, split.size()) : split.size();
        if (n == 0) {
            return RankMetrics.ofRanks(new double[0], 0);
        }
        device.use();
        uploadSplit(split, n);
        try (DeviceBuffer e = DeviceBuffer.of(entities.data()); DeviceBuffer r = DeviceBuffer.of(relations.data());
             DeviceBuffer ranks = DeviceBuffer.ofDoubles(2L * n)) {
            device.launchShared("kge_rank", 2 * n, 1, BLOCK, entities.dim() * Float.BYTES, model, e, r, entities.dim(),
                    relations.dim(), splitBuffers.get(0), splitBuffers.get(1), splitBuffers.get(2), n, entities.rows(),
                    splitBuffers.get(3), splitBuffers.get(4), ranks);
            double[] out = new double[2 * n];
            ranks.download(out);
            return RankMetrics.ofRanks(out, 2 * n);
        }
    }

    /** The first n triples of the split and, per query (tails first, then heads), its known true answers (CSR). */
    private void uploadSplit(Triples split, int n) {
        if (split == cachedSplit && n == cachedN) {
            return;
        }
        freeSplit();
        int[] offsets = new int[2 * n + 1];
        List<int[]> lists = new ArrayList<>(2 * n);
        for (int q = 0; q < 2 * n; q++) {
            int i = q < n ? q : q - n;
            int h = split.heads()[i], r = split.relations()[i], t = split.tails()[i];
            int[] known = q < n ? filter.tails(h, r) : filter.heads(r, t);
            lists.add(known);
            offsets[q + 1] = Math.addExact(offsets[q], known.length);
        }
        int[] ids = new int[offsets[2 * n]];
        for (int q = 0; q < 2 * n; q++) {
            System.arraycopy(lists.get(q), 0, ids, offsets[q], lists.get(q).length);
        }
        splitBuffers.add(DeviceBuffer.of(split.heads()));
        splitBuffers.add(DeviceBuffer.of(split.relations()));
        splitBuffers.add(DeviceBuffer.of(split.tails()));
        splitBuffers.add(DeviceBuffer.of(offsets));
        splitBuffers.add(DeviceBuffer.of(ids));
        cachedSplit = split;
        cachedN = n;
    }

    private void freeSplit() {
        splitBuffers.forEach(DeviceBuffer::close);
        splitBuffers.clear();
        cachedSplit = null;
    }

    /** Frees the cached split; the device stays open. */
    @Override
    public void close() {
        device.use();
        freeSplit();
    }
}
