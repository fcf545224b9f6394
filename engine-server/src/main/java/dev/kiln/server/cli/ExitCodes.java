package dev.kiln.server.cli;

/** Exit codes of the kiln command. */
final class ExitCodes {
    static final int OK = 0;
    /** The job ended Failed. */
    static final int FAILED = 1;
    /** The service rejected the request (ValidationException, ResourceNotFound, ResourceInUse, ...). */
    static final int REJECTED = 2;
    /** The job ended Stopped. */
    static final int STOPPED = 3;
    /** Wrong command-line usage. */
    static final int USAGE = 64;
    /** An unexpected error inside Kiln. */
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
