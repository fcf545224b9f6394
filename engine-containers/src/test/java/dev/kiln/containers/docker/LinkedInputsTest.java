package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkedInputsTest {
    @TempDir
    Path tmp;

    @Test
    void eachChannelsLinkTargetsAreMountedAtTheirOwnPath() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store/bucket/prefix/sub"));
        Files.writeString(store.resolve("b"), "b");
        Files.writeString(store.getParent().resolve("a"), "a");
        Path fs = Files.createDirectories(tmp.resolve("fs/efs-1/dir"));
        Path data = Files.createDirectories(tmp.resolve("job/opt/ml/input/data"));
        Files.createDirectories(data.resolve("fast/sub"));
        Files.createSymbolicLink(data.resolve("fast/a"), store.getParent().resolve("a"));
        Files.createSymbolicLink(data.resolve("fast/sub/b"), store.resolve("b"));
        Files.createSymbolicLink(data.resolve("efs"), fs);
        Files.createDirectories(data.resolve("copied"));
        Files.writeString(data.resolve("copied/c"), "c");

        List<ContainerSpec.Mount> mounts = LinkedInputs.mounts(tmp.resolve("job/opt/ml"));
        Path prefix = store.getParent().toRealPath();
        assertEquals(List.of(new ContainerSpec.Mount(fs.toRealPath(), fs.toRealPath().toString(), false),
                new ContainerSpec.Mount(prefix, prefix.toString(), true)), mounts);
    }

    @Test
    void noLinksNoMounts() throws Exception {
        Files.createDirectories(tmp.resolve("job/opt/ml/input/data/train"));
        assertEquals(List.of(), LinkedInputs.mounts(tmp.resolve("job/opt/ml")));
        assertEquals(List.of(), LinkedInputs.mounts(tmp.resolve("nothing")));
    }
}
