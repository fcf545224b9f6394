package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An EFS or FSx for Lustre file system. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileSystemDataSource(
        String fileSystemId,
        String fileSystemAccessMode,
        String fileSystemType,
        String directoryPath) {
}
