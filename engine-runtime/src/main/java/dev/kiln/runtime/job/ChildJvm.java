package dev.kiln.runtime.job;

import dev.kiln.runtime.algorithm.AlgorithmMain;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.contract.HostSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the child JVM that runs a built-in algorithm: this JVM's java and class path,
 * sized by the device profile (processor count, heap at 3/4 of the memory limit), with native-library
 * caches kept under the Kiln home rather than the user's home.
 */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> command(String algorithmName, HostSpec host, KilnHome home) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:ActiveProcessorCount=" + Math.max(1, host.numCpus()));
        long heapMb = Math.max(256, host.memoryLimitBytes() / (1024 * 1024) * 3 / 4);
        cmd.add("-Xmx" + heapMb + "m");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-DDJL_CACHE_DIR=" + home.cacheDir().resolve("djl"));
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + home.cacheDir().resolve("javacpp"));
        cmd.add("-Dkiln.home=" + home.root());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AlgorithmMain.class.getName());
        cmd.add(algorithmName);
        return cmd;
    }
}
