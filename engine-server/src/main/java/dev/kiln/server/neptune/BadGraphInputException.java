package dev.kiln.server.neptune;

/** Input the data processing cannot use; the message names the file and line, and becomes the job's failureReason. */
final class BadGraphInputException extends RuntimeException {
    BadGraphInputException(String file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
