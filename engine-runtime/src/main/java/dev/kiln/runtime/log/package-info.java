/**
 * A job's combined stdout/stderr log, persisted as one UTF-8 text file per host so that
 * {@code kiln logs NAME [--follow]} and CloudWatch-style GetLogEvents can read it while the job
 * runs and after it ends. The file format is described on {@link dev.kiln.runtime.log.JobLogWriter}.
 */
package dev.kiln.runtime.log;
