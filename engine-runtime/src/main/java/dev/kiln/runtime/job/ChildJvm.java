package dev.kiln.runtime.job;

import dev.kiln.runtime.algorithm.AlgorithmMain;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.contract.HostSpec;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the child JVM that runs a built-in algorithm: this JVM's java and class path,
 * sized by the device profile (processor count, heap at 3/4 of the memory limit), with native-library
 * caches kept under the Kiln home rather than the user's home and the Vector API module where the JDK has it.
 */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> command(String algorithmName, HostSpec host, KilnHome home) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:ActiveProcessorCount=" + Math.max(1, host.numCpus()));
        long heapMb = Math.max(256, host.memoryLimitBytes() / (1024 * 1024) * 3 / 4);
        cmd.add("-Xmx" + heapMb + "m");
        cmd.addAll(vectorModule());
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

    /**
     * The incubating Vector API, which engine-gnn's block products use where the JVM has it (about 2.5x
     * the plain-Java kernels on this machine's AVX-512). The JVM then prints one line, "WARNING: Using
     * incubator modules: jdk.incubator.vector", at the top of the job's log. {@code -Dkiln.vector=false}
     * leaves it out.
     */
    static List<String> vectorModule() {
        boolean present = ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
        return present && !"false".equals(System.getProperty("kiln.vector"))
                ? List.of("--add-modules", "jdk.incubator.vector") : List.of();
    }
}
