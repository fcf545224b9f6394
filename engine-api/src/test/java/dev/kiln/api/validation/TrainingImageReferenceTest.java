package dev.kiln.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.validation.TrainingImageReference.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "file:///opt/algo/train, /opt/algo/train",
            "file://localhost/opt/algo/train, /opt/algo/train",
            "file:/opt/algo/train, /opt/algo/train",
            "file:bin/train, bin/train",
            "/usr/local/bin/train, /usr/local/bin/train",
            "./train.sh, ./train.sh",
            "../algorithms/train, ../algorithms/train",
            "~/kiln/train, ~/kiln/train"})
    void localExecutables(String image, String path) {
        TrainingImageReference ref = TrainingImageReference.parse(image);
        assertEquals(Kind.LOCAL_EXECUTABLE, ref.kind());
        assertEquals(path, ref.value());
        assertEquals(ref, ref.requireLocal());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ubuntu",
            "train",
            "python:3.11-slim",
            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            "localhost:5000/team/algo",
            "registry.example.com:443/a/b/c:v1.2.3",
            "my_org/my-algo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "ghcr.io/kiln/algo:latest@sha256:0123456789abcdef0123456789abcdef"})
    void containerImages(String image) {
        TrainingImageReference ref = TrainingImageReference.parse(image);
        assertEquals(Kind.CONTAINER_IMAGE, ref.kind());
        ValidationException e = assertThrows(ValidationException.class, ref::requireLocal);
        assertTrue(e.getMessage().contains("Docker executor"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ubuntu", "my image", "repo:", "repo:tag:tag", "-leading/dash", "file://host/opt/train",
            "file:///opt/dir/", "repo@sha256:short", "a//b", ""})
    void malformed(String image) {
        assertThrows(ValidationException.class, () -> TrainingImageReference.parse(image));
    }
}
