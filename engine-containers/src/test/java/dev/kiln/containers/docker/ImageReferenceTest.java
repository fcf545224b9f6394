package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void ecrNameNamesItsRegistry() {
        ImageReference r = ImageReference.parse("123456789012.dkr.ecr.us-west-2.amazonaws.com/algo/xgb:1.7-1");
        assertEquals("123456789012.dkr.ecr.us-west-2.amazonaws.com", r.registry());
        assertEquals("algo/xgb", r.path());
        assertEquals("1.7-1", r.pullTag());
        assertEquals("123456789012.dkr.ecr.us-west-2.amazonaws.com/algo/xgb", r.repository());
        assertEquals("123456789012.dkr.ecr.us-west-2.amazonaws.com:443", r.registryAddress());
    }

    @Test
    void bareNamesLiveOnDockerHubWithTagLatest() {
        ImageReference r = ImageReference.parse("busybox");
        assertEquals(ImageReference.DOCKER_HUB, r.registry());
        assertEquals("busybox", r.repository());
        assertEquals("latest", r.pullTag());
        assertEquals("registry-1.docker.io:443", r.registryAddress());
        assertEquals("library/x", ImageReference.parse("library/x:2").path(), "a first component without a dot is a path");
    }

    @Test
    void portsDigestsAndLocalhost() {
        ImageReference r = ImageReference.parse("localhost:5000/team/algo@sha256:abc");
        assertEquals("localhost:5000", r.registry());
        assertEquals("team/algo", r.path());
        assertEquals("sha256:abc", r.pullTag(), "a digest is pulled by digest");
        assertEquals("localhost:5000", r.registryAddress());
        assertEquals("localhost:80", ImageReference.parse("localhost/algo").registryAddress());
        assertFalse(ImageReference.parse("host:5000/a").path().contains(":"), "the port is not a tag");
    }

    @Test
    void emptyIsNotAReference() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("registry.example.com/"));
    }
}
