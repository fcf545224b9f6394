package dev.kiln.api.training;

/** SecondaryStatus values, spelled as on the wire (including those the service no longer emits). */
public enum SecondaryStatus {
    Starting, LaunchingMLInstances, PreparingTrainingStack, Downloading, DownloadingTrainingImage,
    Training, Uploading, Stopping, Stopped, MaxRuntimeExceeded, Completed, Failed, Interrupted,
    MaxWaitTimeExceeded, Updating, Restarting, Pending
}
