package dev.kiln.api.neptune;

import java.util.List;

/** The ids of jobs, newest first. */
public record ListMLJobsResponse(List<String> ids) {}
