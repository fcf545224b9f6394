package dev.kiln.runtime.channel;

import dev.kiln.api.training.Channel;
import dev.kiln.runtime.s3.ObjectStore;
import dev.kiln.runtime.s3.SafePaths;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Makes a training job's input channels appear under {@code opt/ml/input/data} as SageMaker would: File copies
 * the host's objects into {@code <channel>/}, FastFile links them there, Pipe streams them through
 * {@code <channel>_<epoch>} FIFOs, and file-system sources become a link to {@code <fsRoot>/<id>/<path>}.
 *
 * <p>The channel's InputMode overrides the job's TrainingInputMode. Gzip and RecordIO apply in Pipe mode only;
 * File and FastFile hand objects over untouched, as the service does. Augmented manifests are a Pipe-mode format
 * in the service; in File mode Kiln writes epoch 0 of the Pipe stream (same records, order, Gzip and RecordIO
 * handling) to {@code <channel>/<manifest file name>}, and FastFile rejects them as the service does.
 */
public final class ChannelMaterializer {
    private final ObjectStore store;
    private final Path fsRoot;
    private final boolean linkFiles;

    /** Copies objects in File mode. */
    public ChannelMaterializer(ObjectStore store, Path fsRoot) {
        this(store, fsRoot, false);
    }

    /**
     * With {@code linkFiles}, File mode hard-links objects on the same file system instead of copying them. The
     * container then shares the store's inode: a container that writes into its input would change the stored
     * object, which is why copying is the default.
     */
    public ChannelMaterializer(ObjectStore store, Path fsRoot, boolean linkFiles) {
        this.store = Objects.requireNonNull(store);
        this.fsRoot = fsRoot.toAbsolutePath().normalize();
        this.linkFiles = linkFiles;
    }

    /** Materializes a channel for a job whose hosts all belong to {@code host}'s instance group (or to none). */
    public MaterializedChannel materialize(Channel channel, String jobInputMode, Path dataDir, HostSlot host,
            Consumer<String> jobLog) {
        return materialize(channel, jobInputMode, dataDir, host, null, jobLog);
    }

    /**
     * Materializes a channel for one host. {@code cluster} lists every host of a heterogeneous cluster so that
     * ShardedByS3Key with InstanceGroupNames shards over the hosts of those groups only; it may be null otherwise.
     *
     * @throws dev.kiln.api.error.ValidationException for an invalid channel or a path that would escape its root
     * @throws ChannelDataException when the data is missing or malformed (the job's FailureReason)
     */
    public MaterializedChannel materialize(Channel channel, String jobInputMode, Path dataDir, HostSlot host,
            List<HostSlot> cluster, Consumer<String> jobLog) {
        ChannelSpec spec = ChannelSpec.of(channel, jobInputMode);
        ShardSlot slot = ShardSlot.of(spec, host, cluster);
        Path data = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
            // A retry reuses the job's data directory; a link left by a file-system channel is ours to replace.
            if (Files.isSymbolicLink(data.resolve(spec.name()))) {
                Files.delete(data.resolve(spec.name()));
            }
            Path channelDir = SafePaths.resolveInside(data, spec.name(), "Channel name '" + spec.name() + "'");
            MaterializedChannel result = spec.isFileSystem()
                    ? FileSystemChannel.mount(spec.name(), spec.inputMode(), spec.fileSystem(), fsRoot, channelDir)
                    : fromS3(spec, slot, data, channelDir, jobLog);
            jobLog.accept(describe(spec, result));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the FIFO of channel " + spec.name(), e);
        }
    }

    private MaterializedChannel fromS3(ChannelSpec spec, ShardSlot slot, Path dataDir, Path channelDir,
            Consumer<String> jobLog) throws IOException, InterruptedException {
        if (ChannelSpec.AUGMENTED.equals(spec.dataType())) {
            List<AugmentedManifest.Line> lines =
                    AugmentedManifest.read(store, spec.uri(), spec.attributeNames(), spec.gzip());
            LongFunction<List<PipeRecord>> epochs = epoch -> slot.select(lines, spec.seed(), epoch).stream()
                    .flatMap(line -> line.records().stream()).toList();
            List<AugmentedManifest.Line> first = slot.select(lines, spec.seed(), 0);
            long bytes = first.stream().mapToLong(AugmentedManifest.Line::storedSize).sum();
            if (spec.inputMode().equals(ChannelSpec.PIPE)) {
                return new PipeChannel(spec.name(), dataDir, epochs, spec.recordIo(), first.size(), bytes, jobLog);
            }
            writeStream(epochs.apply(0), spec.recordIo(), channelDir, manifestFileName(spec.uri()));
            return new LocalChannel(spec.name(), spec.inputMode(), channelDir, first.size(), bytes);
        }
        List<ChannelObject> all = ChannelSpec.MANIFEST.equals(spec.dataType())
                ? ObjectListing.ofManifest(store, spec.uri())
                : ObjectListing.ofPrefix(store, spec.uri());
        List<ChannelObject> first = slot.select(all, spec.seed(), 0);
        long bytes = first.stream().mapToLong(o -> o.object().size()).sum();
        if (spec.inputMode().equals(ChannelSpec.PIPE)) {
            LongFunction<List<PipeRecord>> epochs = epoch -> slot.select(all, spec.seed(), epoch).stream()
                    .<PipeRecord>map(o -> new PipeRecord.Stored(o.object().path(), o.object().size(), spec.gzip()))
                    .toList();
            return new PipeChannel(spec.name(), dataDir, epochs, spec.recordIo(), first.size(), bytes, jobLog);
        }
        Files.createDirectories(channelDir);
        ObjectPlacer.Method method = spec.inputMode().equals(ChannelSpec.FAST_FILE) ? ObjectPlacer.Method.SYMLINK
                : linkFiles ? ObjectPlacer.Method.HARD_LINK : ObjectPlacer.Method.COPY;
        ObjectPlacer.place(first, channelDir, method);
        return new LocalChannel(spec.name(), spec.inputMode(), channelDir, first.size(), bytes);
    }

    private static void writeStream(List<PipeRecord> records, boolean recordIo, Path channelDir, String fileName)
            throws IOException {
        Files.createDirectories(channelDir);
        Path target = SafePaths.resolveInside(channelDir, fileName, "Manifest file name '" + fileName + "'");
        RecordStreamWriter writer = new RecordStreamWriter(recordIo);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            for (PipeRecord record : records) {
                writer.write(record, out);
            }
        }
    }

    private static String manifestFileName(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        return name.isEmpty() ? "manifest" : name;
    }

    private static String describe(ChannelSpec spec, MaterializedChannel channel) {
        String source = spec.isFileSystem()
                ? spec.fileSystem().fileSystemType() + " " + spec.fileSystem().fileSystemId()
                        + (spec.fileSystem().directoryPath() == null ? "" : spec.fileSystem().directoryPath())
                : spec.uri();
        String unit = ChannelSpec.AUGMENTED.equals(spec.dataType()) ? "records" : "objects";
        String action = switch (channel.inputMode()) {
            case ChannelSpec.PIPE -> "streaming per epoch";
            case ChannelSpec.FAST_FILE -> "linked";
            default -> spec.isFileSystem() ? "mounted" : "downloaded";
        };
        return "Channel " + spec.name() + ": " + action + " " + channel.objectCount() + " " + unit + ", "
                + channel.byteCount() + " bytes, " + channel.inputMode() + " mode, from " + source
                + " to " + channel.path();
    }
}
