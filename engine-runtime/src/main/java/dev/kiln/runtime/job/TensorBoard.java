package dev.kiln.runtime.job;

import dev.kiln.api.training.TensorBoardOutputConfig;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.log.JobLogWriter;
import dev.kiln.runtime.s3.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** TensorBoardOutputConfig: what the program wrote to LocalPath is copied to S3OutputPath at the end. */
final class TensorBoard {
    private TensorBoard() {}

    static void upload(ObjectStore store, TensorBoardOutputConfig config, JobLayout layout, JobLogWriter log) throws IOException {
        if (config == null || config.s3OutputPath() == null) {
            return;
        }
        Path dir = layout.tensorBoardDir(config);
        if (Files.isDirectory(dir)) {
            String target = config.s3OutputPath().endsWith("/") ? config.s3OutputPath() : config.s3OutputPath() + "/";
            store.putDirectory(target, dir);
            if (log != null) {
                log.append("[kiln] TensorBoard output saved to " + target);
            }
        }
    }
}
