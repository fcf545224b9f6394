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
        String uri = modelArtifactsUri(config, jobName);
        if ("NONE".equals(config.compressionType())) {
            store.putDirectory(uri, layout.modelDir());
        } else {
            Path tmp = layout.jobDir().resolve("model.tar.gz.tmp");
            Archives.tarGz(layout.modelDir(), tmp);
            store.put(uri, tmp);
            Files.deleteIfExists(tmp);
        }
        return uri;
    }

    /** Uploads output/data as output.tar.gz; returns its URI. */
    public String publishOutputData(OutputDataConfig config, String jobName, JobLayout layout) throws IOException {
        String uri = outputPrefix(config, jobName) + "output.tar.gz";
        Path tmp = layout.jobDir().resolve("output.tar.gz.tmp");
        Archives.tarGz(layout.outputDataDir(), tmp);
        store.put(uri, tmp);
        Files.deleteIfExists(tmp);
        return uri;
    }
}
