package dev.kiln.runtime.output;

import dev.kiln.api.training.OutputDataConfig;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.s3.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes a finished job's artifacts to {@code <S3OutputPath>/<job>/output/}: {@code model.tar.gz}
 * (or, with CompressionType NONE, the model files under {@code model/}) and {@code output.tar.gz} of
 * {@code output/data}.
 */
public final class OutputPublisher {
    private final ObjectStore store;

    public OutputPublisher(ObjectStore store) {
        this.store = store;
    }

    /** The model artifact URI for Describe's ModelArtifacts.S3ModelArtifacts. */
    public static String modelArtifactsUri(OutputDataConfig config, String jobName) {
        String base = outputPrefix(config, jobName);
        return "NONE".equals(config.compressionType()) ? base + "model/" : base + "model.tar.gz";
    }

    static String outputPrefix(OutputDataConfig config, String jobName) {
        String root = config.s3OutputPath();
        if (!root.endsWith("/")) {
            root = root + "/";
        }
        return root + jobName + "/output/";
    }

    /** Uploads the model; returns its URI. */
    public String publishModel(OutputDataConfig config, String jobName, JobLayout layout) throws IOException {
        return publishModel(config, jobName, java.util.List.of(layout));
    }

    /**
     * Uploads the model of a job's hosts, merged (a file written by several hosts is taken from the
     * first, algo-1): distributed scripts save on one host, as the service expects them to.
     */
    public String publishModel(OutputDataConfig config, String jobName, java.util.List<JobLayout> hosts) throws IOException {
        String uri = modelArtifactsUri(config, jobName);
        if ("NONE".equals(config.compressionType())) {
            for (int i = hosts.size() - 1; i >= 0; i--) {
                store.putDirectory(uri, hosts.get(i).modelDir()); // algo-1 last, so its files win
            }
        } else {
            Path tmp = hosts.get(0).jobDir().resolve("model.tar.gz.tmp");
            Archives.tarGz(hosts.stream().map(JobLayout::modelDir).toList(), tmp);
            store.put(uri, tmp);
            Files.deleteIfExists(tmp);
        }
        return uri;
    }

    /** Uploads output/data as output.tar.gz; returns its URI. */
    public String publishOutputData(OutputDataConfig config, String jobName, JobLayout layout) throws IOException {
        return publishOutputData(config, jobName, java.util.List.of(layout));
    }

    /** Uploads the hosts' output/data, merged like the model, as output.tar.gz; returns its URI. */
    public String publishOutputData(OutputDataConfig config, String jobName, java.util.List<JobLayout> hosts) throws IOException {
        String uri = outputPrefix(config, jobName) + "output.tar.gz";
        Path tmp = hosts.get(0).jobDir().resolve("output.tar.gz.tmp");
        Archives.tarGz(hosts.stream().map(JobLayout::outputDataDir).toList(), tmp);
        store.put(uri, tmp);
        Files.deleteIfExists(tmp);
        return uri;
    }
}
