package dev.kiln.runtime.channel;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.DataSource;
import dev.kiln.api.training.FileSystemDataSource;
import dev.kiln.api.training.S3DataSource;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A channel checked against the service's rules and reduced to what materialization needs. */
record ChannelSpec(
        String name,
        String inputMode,
        String dataType,
        String uri,
        boolean sharded,
        List<String> attributeNames,
        List<String> instanceGroupNames,
        boolean gzip,
        boolean recordIo,
        Long seed,
        FileSystemDataSource fileSystem) {

    static final String FILE = "File";
    static final String FAST_FILE = "FastFile";
    static final String PIPE = "Pipe";
    static final String AUGMENTED = "AugmentedManifestFile";
    static final String MANIFEST = "ManifestFile";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.\\-_]{1,64}");
    private static final Set<String> MODES = Set.of(FILE, FAST_FILE, PIPE);
    // Converse data is a location like a prefix; Kiln hands its objects over unchanged.
    private static final Set<String> DATA_TYPES = Set.of("S3Prefix", MANIFEST, AUGMENTED, "Converse");

    boolean isFileSystem() {
        return fileSystem != null;
    }

    static ChannelSpec of(Channel channel, String jobInputMode) {
        String name = channel.channelName();
        // The service pattern admits "." and ".."; as directory names they would escape opt/ml/input/data.
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new ValidationException("Invalid channel name '" + name + "': must be 1-64 characters of"
                    + " [A-Za-z0-9.-_] and not '.' or '..'");
        }
        String mode = channel.inputMode() != null ? channel.inputMode() : jobInputMode != null ? jobInputMode : FILE;
        require(MODES.contains(mode), name, "InputMode '" + mode + "' is not one of File, FastFile, Pipe");
        require(oneOf(channel.compressionType(), "None", "Gzip"), name,
                "CompressionType '" + channel.compressionType() + "' is not one of None, Gzip");
        require(oneOf(channel.recordWrapperType(), "None", "RecordIO"), name,
                "RecordWrapperType '" + channel.recordWrapperType() + "' is not one of None, RecordIO");
        Long seed = null;
        if (channel.shuffleConfig() != null) {
            seed = channel.shuffleConfig().seed();
            require(seed != null, name, "ShuffleConfig.Seed is required");
        }
        boolean gzip = "Gzip".equals(channel.compressionType());
        boolean recordIo = "RecordIO".equals(channel.recordWrapperType());
        DataSource source = channel.dataSource();
        require(source != null, name, "DataSource is required");
        int kinds = (source.s3DataSource() != null ? 1 : 0) + (source.fileSystemDataSource() != null ? 1 : 0)
                + (source.datasetSource() != null ? 1 : 0);
        require(kinds == 1, name, "DataSource must set exactly one of S3DataSource, FileSystemDataSource");
        require(source.datasetSource() == null, name, "DatasetSource is not supported by Kiln");
        if (source.fileSystemDataSource() != null) {
            require(!mode.equals(PIPE), name, "FileSystemDataSource channels cannot use Pipe input mode");
            return new ChannelSpec(name, mode, null, null, false, List.of(), List.of(), gzip, recordIo, seed,
                    source.fileSystemDataSource());
        }
        return ofS3(name, mode, source.s3DataSource(), gzip, recordIo, seed);
    }

    private static ChannelSpec ofS3(String name, String mode, S3DataSource s3, boolean gzip, boolean recordIo,
            Long seed) {
        require(DATA_TYPES.contains(s3.s3DataType()), name,
                "S3DataType '" + s3.s3DataType() + "' is not one of " + DATA_TYPES);
        require(s3.s3Uri() != null && !s3.s3Uri().isEmpty(), name, "S3Uri is required");
        require(oneOf(s3.s3DataDistributionType(), "FullyReplicated", "ShardedByS3Key"), name,
                "S3DataDistributionType '" + s3.s3DataDistributionType() + "' is not one of FullyReplicated,"
                        + " ShardedByS3Key");
        List<String> attributes = s3.attributeNames() == null ? List.of() : List.copyOf(s3.attributeNames());
        List<String> groups = s3.instanceGroupNames() == null ? List.of() : List.copyOf(s3.instanceGroupNames());
        if (AUGMENTED.equals(s3.s3DataType())) {
            require(!attributes.isEmpty() && attributes.size() <= 16, name,
                    "AttributeNames must list 1-16 attributes for an AugmentedManifestFile");
            require(!mode.equals(FAST_FILE), name, "Augmented manifest files aren't supported in FastFile mode");
        }
        return new ChannelSpec(name, mode, s3.s3DataType(), s3.s3Uri(),
                "ShardedByS3Key".equals(s3.s3DataDistributionType()), attributes, groups, gzip, recordIo, seed, null);
    }

    private static boolean oneOf(String value, String... allowed) {
        return value == null || List.of(allowed).contains(value);
    }

    private static void require(boolean ok, String channel, String message) {
        if (!ok) {
            throw new ValidationException("Channel '" + channel + "': " + message);
        }
    }
}
