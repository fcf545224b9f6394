package dev.kiln.api.neptune;

/** The answer to stopping a job. */
public record CancelMLJobResponse(String status) {}
