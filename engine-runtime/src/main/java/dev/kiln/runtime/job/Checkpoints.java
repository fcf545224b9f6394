package dev.kiln.runtime.job;

import dev.kiln.api.training.CheckpointConfig;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.log.JobLogWriter;
import dev.kiln.runtime.s3.ObjectStore;
import dev.kiln.runtime.s3.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * CheckpointConfig: the checkpoint directory is filled from S3Uri before the program starts (so a job
 * that checkpoints resumes) and copied back to S3Uri when it ends.
 */
final class Checkpoints {
    private Checkpoints() {}

    static void restore(ObjectStore store, CheckpointConfig config, JobLayout layout, JobLogWriter log) throws IOException {
        Path dir = layout.checkpointDir(config);
        Files.createDirectories(dir);
        if (config == null || config.s3Uri() == null) {
            return;
        }
        String prefix = config.s3Uri().endsWith("/") ? config.s3Uri() : config.s3Uri() + "/";
        List<StoredObject> objects = store.list(prefix);
        String keyPrefix = store.locate(prefix).key();
        for (StoredObject o : objects) {
            Path target = dir.resolve(o.key().substring(keyPrefix.length())).normalize();
            if (!target.startsWith(dir)) {
                continue; // the store already refuses such keys; never write outside the checkpoint dir
            }
            Files.createDirectories(target.getParent());
            Files.copy(o.path(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!objects.isEmpty()) {
            log.append("[kiln] restored " + objects.size() + " checkpoint file(s) from " + config.s3Uri());
        }
    }

    static void upload(ObjectStore store, CheckpointConfig config, JobLayout layout, JobLogWriter log) throws IOException {
        if (config == null || config.s3Uri() == null) {
            return;
        }
        Path dir = layout.checkpointDir(config);
        if (Files.isDirectory(dir)) {
            store.putDirectory(config.s3Uri().endsWith("/") ? config.s3Uri() : config.s3Uri() + "/", dir);
            if (log != null) {
                log.append("[kiln] checkpoints saved to " + config.s3Uri());
            }
        }
    }
}
