package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rgcn with task=link-predict on Kinship: filtered test MRR far above random ranking, KGE-format artifacts. */
class RgcnLinkPredictionTest {
    @TempDir
    Path tmp;

    @Test
    void learnsKinshipLinksWithADistMultDecoder() throws Exception {
        FakeContext ctx = new FakeContext(tmp, Map.of("task", "link-predict", "num-hidden", "32", "num-bases", "5",
                "num-epochs", "15", "batch-size", "2000", "lr", "0.02", "dropout", "0.1"),
                FakeContext.kgChannels(KgData.dataset("kinship")));
        new RgcnAlgorithm().train(ctx);
        // random ranking among 104 entities gives MRR about 0.05
        assertTrue(ctx.last("test:mrr") > 0.2, "test MRR " + ctx.last("test:mrr") + "\n" + ctx.logText());
        assertTrue(ctx.last("validation:hits@10") > 0.4, ctx.logText());
        for (String f : new String[] {"entity_embeddings.bin", "relation_embeddings.bin", "entities.tsv", "model.json"}) {
            assertTrue(Files.exists(ctx.modelDir().resolve(f)), f);
        }
    }
}
