package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code AlgorithmSpecification.TrainingImage} names in Kiln: a local executable, run by the
 * process executor, or a container image, which needs the Docker executor.
 *
 * <p>A local executable is written as a {@code file://} URI ({@code file:///opt/algo/train}) or
 * as a path that starts with {@code /}, {@code ./}, {@code ../} or {@code ~/}; the leading marker
 * is what tells {@code ./train} (a path relative to the request file) from {@code train} (an image
 * on Docker Hub). Everything else must be a well-formed image reference
 * ({@code [registry[:port]/]repository[:tag][@digest]}), checked for syntax only.
 *
 * @param kind  which of the two it is
 * @param value the path without {@code file://} (possibly relative), or the image reference as given
 */
public record TrainingImageReference(Kind kind, String value) {

    /** The executor a TrainingImage calls for. */
    public enum Kind { LOCAL_EXECUTABLE, CONTAINER_IMAGE }

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?";
    private static final Pattern IMAGE = Pattern.compile(
            "(?:(" + DOMAIN + ")/)?(" + COMPONENT + "(?:/" + COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?"
                    + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");

    /** Reads a TrainingImage value, or says why it is neither a local executable nor an image. */
    public static TrainingImageReference parse(String trainingImage) {
        return tryParse(trainingImage).orElseThrow(() -> new ValidationException(
                "Invalid TrainingImage '" + trainingImage + "': expected a file:// URI or a path starting with "
                        + "/, ./ or ../ (a local executable), or a container image reference "
                        + "[registry/]repository[:tag][@digest]."));
    }

    /** {@link #parse} without the exception. */
    public static Optional<TrainingImageReference> tryParse(String trainingImage) {
        if (trainingImage == null || trainingImage.isBlank()) {
            return Optional.empty();
        }
        String s = trainingImage.strip();
        if (s.startsWith("file:")) {
            return fileUri(s);
        }
        if (s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || s.startsWith("~/")) {
            return Optional.of(new TrainingImageReference(Kind.LOCAL_EXECUTABLE, s));
        }
        return IMAGE.matcher(s).matches()
                ? Optional.of(new TrainingImageReference(Kind.CONTAINER_IMAGE, s))
                : Optional.empty();
    }

    /** {@code file:///p}, {@code file://localhost/p} and {@code file:/p} are absolute; {@code file:p} is relative. */
    private static Optional<TrainingImageReference> fileUri(String s) {
        String rest = s.substring("file:".length());
        String path;
        if (rest.startsWith("//localhost/")) {
            path = rest.substring("//localhost".length());
        } else if (rest.startsWith("///")) {
            path = rest.substring(2);
        } else if (rest.startsWith("//")) {
            return Optional.empty(); // a remote host: nothing Kiln can run
        } else {
            path = rest;
        }
        return path.isEmpty() || path.endsWith("/")
                ? Optional.empty()
                : Optional.of(new TrainingImageReference(Kind.LOCAL_EXECUTABLE, path));
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL_EXECUTABLE;
    }

    /**
     * Throws the ValidationException Kiln answers with while only the process executor exists: a
     * container image needs the Docker executor (planned: issue 5).
     */
    public TrainingImageReference requireLocal() {
        if (!isLocal()) {
            throw new ValidationException("TrainingImage '" + value + "' is a container image; Kiln runs container "
                    + "images with the Docker executor, which is not available yet. Use a local executable "
                    + "(file:///path/to/train, or a path relative to the request file starting with ./), or AlgorithmName.");
        }
        return this;
    }
}
