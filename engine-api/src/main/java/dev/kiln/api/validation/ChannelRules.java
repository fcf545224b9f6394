package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.DataSource;
import dev.kiln.api.training.S3DataSource;
import java.util.Set;

/** Cross-member rules of one input channel, after its shape constraints passed. */
final class ChannelRules {
    private ChannelRules() {}

    /**
     * @param path          the channel's member path, e.g. {@code inputDataConfig.1.member}
     * @param mode          the channel's effective input mode (its own, else TrainingInputMode)
     * @param instanceGroups the names ResourceConfig.InstanceGroups defines
     */
    static void check(String path, Channel ch, String mode, Set<String> instanceGroups) {
        String name = ch.channelName();
        DataSource d = ch.dataSource();
        int sources = (d.s3DataSource() != null ? 1 : 0) + (d.fileSystemDataSource() != null ? 1 : 0)
                + (d.datasetSource() != null ? 1 : 0);
        if (sources != 1) {
            throw new ValidationException("DataSource of channel '" + name + "' must specify exactly one of "
                    + "S3DataSource, FileSystemDataSource and DatasetSource; it specifies " + sources + ".");
        }
        if (d.datasetSource() != null) {
            throw new ValidationException("DatasetSource is not available locally: '"
                    + at(at(path, "dataSource"), "datasetSource") + "' (channel '" + name
                    + "'). Kiln reads channels from S3DataSource or FileSystemDataSource.");
        }
        S3DataSource s3 = d.s3DataSource();
        String type = s3 == null ? null : s3.s3DataType();
        // ShuffleConfig applies to every S3DataType (the service shuffles manifest entries too).
        if (ch.shuffleConfig() != null && s3 == null) {
            throw new ValidationException("ShuffleConfig of channel '" + name
                    + "' is supported only for an S3DataSource.");
        }
        if (s3 == null) {
            return;
        }
        if (s3.attributeNames() != null && !s3.attributeNames().isEmpty() && !"AugmentedManifestFile".equals(type)) {
            throw new ValidationException("AttributeNames of channel '" + name
                    + "' can be set only when S3DataType is AugmentedManifestFile.");
        }
        if ("AugmentedManifestFile".equals(type) && "FastFile".equals(mode)) {
            throw new ValidationException("Channel '" + name
                    + "': AugmentedManifestFile is not supported with the FastFile input mode.");
        }
        if (s3.instanceGroupNames() != null) {
            for (String group : s3.instanceGroupNames()) {
                if (!instanceGroups.contains(group)) {
                    throw new ValidationException("InstanceGroupNames of channel '" + name + "' names '" + group
                            + "', which ResourceConfig.InstanceGroups does not define.");
                }
            }
        }
    }
}
