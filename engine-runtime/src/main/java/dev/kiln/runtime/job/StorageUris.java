package dev.kiln.runtime.job;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.s3.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at create time that every storage URI of a request maps into the local object store (bucket
 * naming rules, no path escapes), so a bad output path is refused up front rather than failing the
 * job after it trained.
 */
final class StorageUris {
    private StorageUris() {}

    static void check(ObjectStore store, CreateTrainingJobRequest r) {
        List<String[]> uris = new ArrayList<>();
        if (r.outputDataConfig() != null && r.outputDataConfig().s3OutputPath() != null) {
            uris.add(new String[] {"OutputDataConfig.S3OutputPath", r.outputDataConfig().s3OutputPath()});
        }
        if (r.checkpointConfig() != null && r.checkpointConfig().s3Uri() != null) {
            uris.add(new String[] {"CheckpointConfig.S3Uri", r.checkpointConfig().s3Uri()});
        }
        if (r.tensorBoardOutputConfig() != null && r.tensorBoardOutputConfig().s3OutputPath() != null) {
            uris.add(new String[] {"TensorBoardOutputConfig.S3OutputPath", r.tensorBoardOutputConfig().s3OutputPath()});
        }
        if (r.inputDataConfig() != null) {
            for (Channel c : r.inputDataConfig()) {
                if (c.dataSource() != null && c.dataSource().s3DataSource() != null && c.dataSource().s3DataSource().s3Uri() != null) {
                    uris.add(new String[] {"InputDataConfig[" + c.channelName() + "].S3Uri", c.dataSource().s3DataSource().s3Uri()});
                }
            }
        }
        for (String[] u : uris) {
            try {
                store.locate(u[1]);
            } catch (ValidationException e) {
                throw new ValidationException(u[0] + ": " + e.getMessage());
            }
        }
    }
}
