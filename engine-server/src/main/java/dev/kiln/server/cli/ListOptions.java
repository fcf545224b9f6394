package dev.kiln.server.cli;

import picocli.CommandLine.Option;

/** The filter and paging options that every List* command shares (SageMaker's list request fields). */
final class ListOptions {
    @Option(names = "--status-equals", paramLabel = "STATUS", description = "InProgress, Completed, Failed, Stopping or Stopped")
    String statusEquals;

    @Option(names = "--max-results", paramLabel = "N", description = "1 to 100 (default 10)")
    Integer maxResults;

    @Option(names = "--sort-order", paramLabel = "ORDER", description = "Ascending (default) or Descending")
    String sortOrder;

    @Option(names = "--next-token", paramLabel = "TOKEN")
    String nextToken;
}
