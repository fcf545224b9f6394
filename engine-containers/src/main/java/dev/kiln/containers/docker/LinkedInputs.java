package dev.kiln.containers.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Mounts that make the channels' symbolic links resolve inside the container. FastFile channels link
 * each object to the local object store, and file-system channels (EFS, FSx) link the channel
 * directory to the file system's directory; those absolute host paths do not exist in the container,
 * so each channel's link targets are mounted at the same path: FastFile objects read-only (the store
 * is Kiln's), a file-system directory writable (FileSystemAccessMode is not known here).
 */
final class LinkedInputs {
    /** Host paths that cannot be mounted at the same place without breaking the container. */
    private static final Set<String> SYSTEM_ROOTS = Set.of("/", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/etc",
            "/proc", "/sys", "/dev", "/opt", "/var", "/run", "/tmp", "/home", "/root", "/mnt", "/srv", "/boot");

    private LinkedInputs() {}

    static List<ContainerSpec.Mount> mounts(Path optMlDir) {
        Path data = optMlDir.resolve("input").resolve("data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        Map<Path, Boolean> dirs = new LinkedHashMap<>();
        try (Stream<Path> channels = Files.list(data)) {
            for (Path channel : channels.sorted().toList()) {
                if (Files.isSymbolicLink(channel)) {
                    add(dirs, channel.toRealPath(), false);
                } else if (Files.isDirectory(channel)) {
                    Set<Path> targets = targetDirs(channel);
                    Path common = targets.stream().reduce(LinkedInputs::commonAncestor).orElse(null);
                    if (common != null && mountable(common)) {
                        add(dirs, common, true);
                    } else {
                        targets.forEach(t -> add(dirs, t, true));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the job's input channels", e);
        }
        List<ContainerSpec.Mount> out = new ArrayList<>();
        dirs.forEach((dir, readOnly) -> out.add(new ContainerSpec.Mount(dir, dir.toString(), readOnly)));
        return out;
    }

    private static boolean mountable(Path dir) {
        return dir.getNameCount() >= 2 && !SYSTEM_ROOTS.contains(dir.toString()) && !dir.startsWith("/opt/ml");
    }

    private static void add(Map<Path, Boolean> dirs, Path dir, boolean readOnly) {
        if (!mountable(dir)) {
            return;
        }
        // A directory already mounted covers whatever lies below it.
        if (dirs.keySet().stream().anyMatch(dir::startsWith)) {
            return;
        }
        dirs.keySet().removeIf(d -> d.startsWith(dir));
        dirs.put(dir, readOnly);
    }

    /** The directories holding the targets of the links under {@code channel} (links are not followed). */
    private static Set<Path> targetDirs(Path channel) throws IOException {
        Set<Path> dirs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(channel)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(p)) {
                    Path target = p.toRealPath();
                    dirs.add(Files.isDirectory(target) ? target : target.getParent());
                }
            }
        }
        return dirs;
    }

    static Path commonAncestor(Path a, Path b) {
        Path r = a.getRoot();
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n && a.getName(i).equals(b.getName(i)); i++) {
            r = r.resolve(a.getName(i));
        }
        return r;
    }
}
