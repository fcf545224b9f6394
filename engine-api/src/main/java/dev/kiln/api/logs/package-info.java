/**
 * CloudWatch Logs request and response shapes (GetLogEvents, DescribeLogStreams) as the service
 * defines them. Unlike SageMaker's PascalCase, CloudWatch Logs' wire names are camelCase, and its
 * timestamps are epoch milliseconds (numbers), so every record here carries its own naming.
 */
package dev.kiln.api.logs;
