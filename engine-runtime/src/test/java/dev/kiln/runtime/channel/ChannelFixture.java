package dev.kiln.runtime.channel;

import dev.kiln.api.training.Channel;
import dev.kiln.api.training.DataSource;
import dev.kiln.api.training.FileSystemDataSource;
import dev.kiln.api.training.S3DataSource;
import dev.kiln.api.training.ShuffleConfig;
import dev.kiln.runtime.s3.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/** Builds stores, channels and time-limited FIFO reads for the channel tests. */
final class ChannelFixture {
    static final Duration LIMIT = Duration.ofSeconds(20);

    final Path home;
    final ObjectStore store;
    final Path dataDir;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<MaterializedChannel> opened = new ArrayList<>();

    ChannelFixture(Path home) {
        this.home = home;
        this.store = new ObjectStore(home.resolve("s3"));
        this.dataDir = home.resolve("jobs/job/opt/ml/input/data");
    }

    void put(String uri, byte[] content) throws IOException {
        Path file = Files.createTempFile(home, "obj", ".tmp");
        Files.write(file, content);
        store.put(uri, file);
        Files.delete(file);
    }

    void put(String uri, String content) throws IOException {
        put(uri, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    MaterializedChannel materialize(Channel channel, String jobMode, HostSlot host) {
        return materialize(new ChannelMaterializer(store, home.resolve("fs")), channel, jobMode, host);
    }

    MaterializedChannel materialize(ChannelMaterializer materializer, Channel channel, String jobMode,
            HostSlot host) {
        MaterializedChannel result = materializer.materialize(channel, jobMode, dataDir, host, log::add);
        opened.add(result);
        return result;
    }

    void closeAll() {
        opened.forEach(MaterializedChannel::close);
    }

    static Channel s3(String name, String type, String uri, String distribution, String mode) {
        return channel(name, new S3DataSource(type, uri, distribution, null, null, null, null), null, null, mode, null);
    }

    static Channel channel(String name, S3DataSource source, String compression, String wrapper, String mode,
            Long seed) {
        return new Channel(name, new DataSource(source, null, null), null, compression, wrapper, mode,
                seed == null ? null : new ShuffleConfig(seed));
    }

    static Channel fileSystem(String name, String id, String directory, String access, String mode) {
        return new Channel(name, new DataSource(null, new FileSystemDataSource(id, access, "EFS", directory), null),
                null, null, null, mode, null);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Runs a blocking call on a daemon thread so a bug fails the test after {@link #LIMIT} instead of hanging. */
    static <T> T within(Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "test-fifo-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            thread.interrupt();
        }
    }

    /** Reads a FIFO to EOF, with the time limit. */
    static byte[] readFifo(Path fifo) throws Exception {
        return within(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            }
        });
    }
}
