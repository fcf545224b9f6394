package dev.kiln.api.algorithm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything an in-process algorithm may touch: the job's /opt/ml tree seen as typed values. */
public interface AlgorithmContext {

    String trainingJobName();

    /** Hyperparameters exactly as given in the request (strings). */
    Map<String, String> hyperParameters();

    /** Channel name to the directory (File, FastFile) or FIFO folder (Pipe) holding its data. */
    Map<String, Path> channels();

    /** The channel's input mode as the job resolved it (File, FastFile or Pipe). */
    String inputMode(String channel);

    /** Where the model goes ({@code /opt/ml/model}); it is archived into model.tar.gz. */
    Path modelDir();

    /** Checkpoints ({@code /opt/ml/checkpoints}); present again when a job restarts. */
    Path checkpointDir();

    /** Extra outputs ({@code /opt/ml/output/data}); archived into output.tar.gz. */
    Path outputDataDir();

    /** CPU threads granted by the instance type's device profile. */
    int numCpus();

    /** GPU ids granted (as in CUDA_VISIBLE_DEVICES); empty on CPU profiles. */
    List<Integer> gpuIds();

    String currentHost();

    List<String> hosts();

    MetricEmitter metrics();

    StopSignal stopSignal();

    /** The job's log (stdout); lines written here are scraped for metrics like any process output. */
    PrintStream log();
}
