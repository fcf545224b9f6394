package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a channel's data lives. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSource(S3DataSource s3DataSource, FileSystemDataSource fileSystemDataSource, DatasetSource datasetSource) {
}
