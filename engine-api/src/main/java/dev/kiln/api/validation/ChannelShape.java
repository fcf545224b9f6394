package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.training.Channel;
import dev.kiln.api.training.DataSource;
import dev.kiln.api.training.FileSystemDataSource;
import dev.kiln.api.training.S3DataSource;
import java.util.List;

/** Shape constraints of InputDataConfig: channels and their data sources. */
final class ChannelShape {
    private ChannelShape() {}

    static void inputDataConfig(Constraints c, String path, List<Channel> channels) {
        if (!c.list(path, channels, 1, 20)) {
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            String p = member(path, i);
            if (c.required(p, channels.get(i))) {
                channel(c, p, channels.get(i));
            }
        }
    }

    static void channel(Constraints c, String path, Channel ch) {
        c.requiredString(at(path, "channelName"), ch.channelName(), Shapes.CHANNEL_NAME);
        if (c.required(at(path, "dataSource"), ch.dataSource())) {
            dataSource(c, at(path, "dataSource"), ch.dataSource());
        }
        c.string(at(path, "contentType"), ch.contentType(), Shapes.CONTENT_TYPE);
        c.string(at(path, "compressionType"), ch.compressionType(), Shapes.COMPRESSION_TYPE);
        c.string(at(path, "recordWrapperType"), ch.recordWrapperType(), Shapes.RECORD_WRAPPER);
        c.string(at(path, "inputMode"), ch.inputMode(), Shapes.TRAINING_INPUT_MODE);
        if (ch.shuffleConfig() != null) {
            c.required(at(at(path, "shuffleConfig"), "seed"), ch.shuffleConfig().seed());
        }
    }

    private static void dataSource(Constraints c, String path, DataSource d) {
        if (d.s3DataSource() != null) {
            s3DataSource(c, at(path, "s3DataSource"), d.s3DataSource());
        }
        if (d.fileSystemDataSource() != null) {
            fileSystemDataSource(c, at(path, "fileSystemDataSource"), d.fileSystemDataSource());
        }
        if (d.datasetSource() != null) {
            c.requiredString(at(at(path, "datasetSource"), "datasetArn"), d.datasetSource().datasetArn(),
                    Shapes.HUB_DATA_SET_ARN);
        }
    }

    static void s3DataSource(Constraints c, String path, S3DataSource s) {
        c.requiredString(at(path, "s3DataType"), s.s3DataType(), Shapes.S3_DATA_TYPE);
        c.requiredString(at(path, "s3Uri"), s.s3Uri(), Shapes.S3_URI);
        c.string(at(path, "s3DataDistributionType"), s.s3DataDistributionType(), Shapes.S3_DATA_DISTRIBUTION);
        c.stringList(at(path, "attributeNames"), s.attributeNames(), 0, 16, Shapes.ATTRIBUTE_NAME);
        c.stringList(at(path, "instanceGroupNames"), s.instanceGroupNames(), 0, 5, Shapes.INSTANCE_GROUP_NAME);
        if (s.modelAccessConfig() != null) {
            c.required(at(at(path, "modelAccessConfig"), "acceptEula"), s.modelAccessConfig().acceptEula());
        }
        if (s.hubAccessConfig() != null) {
            c.requiredString(at(at(path, "hubAccessConfig"), "hubContentArn"), s.hubAccessConfig().hubContentArn(),
                    Shapes.HUB_CONTENT_ARN);
        }
    }

    private static void fileSystemDataSource(Constraints c, String path, FileSystemDataSource f) {
        c.requiredString(at(path, "fileSystemId"), f.fileSystemId(), Shapes.FILE_SYSTEM_ID);
        c.requiredString(at(path, "fileSystemAccessMode"), f.fileSystemAccessMode(), Shapes.FILE_SYSTEM_ACCESS_MODE);
        c.requiredString(at(path, "fileSystemType"), f.fileSystemType(), Shapes.FILE_SYSTEM_TYPE);
        c.requiredString(at(path, "directoryPath"), f.directoryPath(), Shapes.DIRECTORY_PATH);
    }
}
