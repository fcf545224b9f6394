package dev.kiln.runtime.device;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this machine offers jobs: CPU cores, memory and NVIDIA GPUs. {@link #detect} measures it;
 * configuration can then declare other figures with {@link #CPUS}, {@link #MEMORY} and {@link #GPUS}
 * (a shared workstation keeping cores for itself, a test pretending to have GPUs).
 *
 * @param cpuCores    logical CPUs the JVM may use (at least 1)
 * @param memoryBytes physical memory (or the container's limit, when lower)
 * @param gpus        GPUs by nvidia-smi index
 */
public record HostResources(int cpuCores, long memoryBytes, List<Gpu> gpus) {

    /** CPU cores jobs may use, e.g. {@code 8}. */
    public static final String CPUS = "kiln.host.cpus";
    /** Memory jobs may use: bytes, or with a binary unit ({@code 16g}, {@code 512MiB}, {@code 1T}). */
    public static final String MEMORY = "kiln.host.memory";
    /** GPUs jobs may use: {@code none}, {@code all}, or nvidia-smi indices such as {@code 0,1}. */
    public static final String GPUS = "kiln.host.gpus";

    /**
     * One GPU.
     *
     * @param index       nvidia-smi's index (PCI bus order)
     * @param name        the model as the driver names it, e.g. {@code NVIDIA A10G}; {@code unknown} when declared
     * @param memoryBytes its memory; 0 when unknown
     */
    public record Gpu(int index, String name, long memoryBytes) {}

    public HostResources {
        if (cpuCores < 1) {
            throw new IllegalArgumentException("cpuCores must be at least 1: " + cpuCores);
        }
        if (memoryBytes < 1) {
            throw new IllegalArgumentException("memoryBytes must be positive: " + memoryBytes);
        }
        gpus = List.copyOf(gpus);
    }

    /** Measures this machine, with no overrides. */
    public static HostResources detect() {
        return detect(Map.of());
    }

    public static HostResources detect(Properties overrides) {
        Map<String, String> map = new HashMap<>();
        overrides.stringPropertyNames().forEach(k -> map.put(k, overrides.getProperty(k)));
        return detect(map);
    }

    /**
     * Measures this machine: {@code availableProcessors()}, {@code /proc/meminfo} MemTotal (or the
     * OS MXBean, whichever is lower, so a container's limit wins), and nvidia-smi's GPUs, narrowed to
     * the integer indices in Kiln's own {@code CUDA_VISIBLE_DEVICES} when set. Then applies
     * {@code overrides}. The GPU query is skipped when the overrides settle the GPUs anyway.
     */
    public static HostResources detect(Map<String, String> overrides) {
        String gpuSetting = overrides.get(GPUS);
        boolean gpusSettled = gpuSetting != null && gpuSetting.strip().equalsIgnoreCase("none");
        List<Gpu> gpus = gpusSettled ? List.of() : visible(NvidiaSmi.query(), System.getenv("CUDA_VISIBLE_DEVICES"));
        HostResources measured = new HostResources(Runtime.getRuntime().availableProcessors(), physicalMemory(), gpus);
        return measured.withOverrides(overrides);
    }

    /**
     * These resources with {@link #CPUS}, {@link #MEMORY} and {@link #GPUS} from {@code overrides}
     * replacing the measured figures. GPU indices that were not detected are taken as declared
     * (name {@code unknown}, memory unknown), for machines where nvidia-smi is missing.
     *
     * @throws IllegalArgumentException for a value that does not parse
     */
    public HostResources withOverrides(Map<String, String> overrides) {
        int cpus = cpuCores;
        long memory = memoryBytes;
        List<Gpu> selected = gpus;
        String c = overrides.get(CPUS);
        if (c != null) {
            cpus = parseInt(CPUS, c);
        }
        String m = overrides.get(MEMORY);
        if (m != null) {
            memory = parseBytes(m);
        }
        String g = overrides.get(GPUS);
        if (g != null) {
            selected = selectGpus(g);
        }
        return new HostResources(cpus, memory, selected);
    }

    private List<Gpu> selectGpus(String setting) {
        String s = setting.strip().toLowerCase(Locale.ROOT);
        if (s.equals("none") || s.isEmpty()) {
            return List.of();
        }
        if (s.equals("all")) {
            return gpus;
        }
        List<Gpu> out = new ArrayList<>();
        for (String part : s.split(",")) {
            int index = parseInt(GPUS, part.strip());
            out.add(gpus.stream().filter(x -> x.index() == index).findFirst()
                    .orElse(new Gpu(index, "unknown", 0)));
        }
        return out;
    }

    /** Keeps the GPUs Kiln's own environment lets it see; a non-integer list (GPU UUIDs) is not narrowed. */
    static List<Gpu> visible(List<Gpu> detected, String cudaVisibleDevices) {
        if (cudaVisibleDevices == null) {
            return detected;
        }
        String s = cudaVisibleDevices.strip();
        if (s.isEmpty() || s.equals("-1")) {
            return List.of();
        }
        List<Integer> indices = new ArrayList<>();
        for (String part : s.split(",")) {
            try {
                indices.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                return detected;
            }
        }
        return detected.stream().filter(g -> indices.contains(g.index())).toList();
    }

    private static final Pattern BYTES = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?\\s*");

    /** Bytes from {@code 17179869184}, {@code 16g}, {@code 16GiB}, {@code 512m}, ... (units are binary). */
    static long parseBytes(String value) {
        Matcher m = BYTES.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(MEMORY + ": not a size: " + value);
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Math.round(Double.parseDouble(m.group(1)) * (1L << shift));
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }

    private static long physicalMemory() {
        long fromProc = memTotal(Path.of("/proc/meminfo"));
        long fromBean = 0;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            fromBean = sun.getTotalMemorySize(); // container-aware since JDK 14
        }
        if (fromProc > 0 && fromBean > 0) {
            return Math.min(fromProc, fromBean);
        }
        return Math.max(1, Math.max(fromProc, fromBean));
    }

    /** MemTotal from a meminfo file, in bytes; 0 when unreadable. */
    static long memTotal(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024; // the kernel's "kB" is KiB
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
