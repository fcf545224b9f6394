package dev.kiln.runtime.channel;

import dev.kiln.runtime.s3.StoredObject;

/** One object of a channel and the path, relative to the channel directory, at which the container sees it. */
record ChannelObject(String relativePath, StoredObject object) {
}
