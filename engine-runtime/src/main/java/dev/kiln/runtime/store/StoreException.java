package dev.kiln.runtime.store;

/** The job store could not be read or written (a disk or database problem, never a caller's mistake). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
