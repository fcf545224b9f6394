package dev.kiln.runtime.channel;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.FileSystemDataSource;
import dev.kiln.runtime.s3.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An EFS or FSx for Lustre channel: {@code <fsRoot>/<FileSystemId>/<DirectoryPath>} stands in for the mount, and
 * the channel directory becomes a symbolic link to it. Access mode {@code ro} is not enforced (a symbolic link
 * cannot be read-only); {@code ro} and {@code rw} both give the container the directory itself.
 */
final class FileSystemChannel {
    private static final Pattern ID = Pattern.compile("fs-[0-9a-f]{8,18}");

    private FileSystemChannel() {}

    static LocalChannel mount(String name, String mode, FileSystemDataSource fs, Path fsRoot, Path channelDir) {
        String id = fs.fileSystemId();
        if (id == null || !ID.matcher(id).matches()) {
            throw new ValidationException("Channel '" + name + "': FileSystemId '" + id + "' must match fs-[0-9a-f]{8,}"
                    + " and be 11-21 characters");
        }
        requireOneOf(name, "FileSystemAccessMode", fs.fileSystemAccessMode(), List.of("rw", "ro"));
        requireOneOf(name, "FileSystemType", fs.fileSystemType(), List.of("EFS", "FSxLustre"));
        String directory = fs.directoryPath() == null ? "" : fs.directoryPath().replaceFirst("^/+", "");
        Path fileSystem = fsRoot.resolve(id);
        Path target = directory.isEmpty() ? fileSystem
                : SafePaths.resolveInside(fileSystem, directory, "DirectoryPath '" + fs.directoryPath() + "'");
        if (!Files.isDirectory(target)) {
            throw new ChannelDataException("Directory \"" + fs.directoryPath() + "\" was not found on file system "
                    + id + " (expected at " + target + ").");
        }
        try {
            Path real = target.toRealPath();
            if (Files.isDirectory(channelDir) && !Files.isSymbolicLink(channelDir)) {
                Files.delete(channelDir); // only an empty directory can be replaced
            } else {
                Files.deleteIfExists(channelDir);
            }
            Files.createSymbolicLink(channelDir, real);
            long[] totals = count(real);
            return new LocalChannel(name, mode, channelDir, totals[0], totals[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] count(Path dir) throws IOException {
        long[] totals = new long[2];
        try (var files = Files.walk(dir)) {
            files.forEach(p -> {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isRegularFile()) {
                        totals[0]++;
                        totals[1] += attrs.size();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return totals;
    }

    private static void requireOneOf(String name, String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ValidationException("Channel '" + name + "': " + field + " '" + value + "' is not one of "
                    + String.join(", ", allowed));
        }
    }
}
