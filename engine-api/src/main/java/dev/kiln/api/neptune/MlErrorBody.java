package dev.kiln.api.neptune;

/** The error body of every neptunedata error. */
public record MlErrorBody(String code, String requestId, String detailedMessage) {}
