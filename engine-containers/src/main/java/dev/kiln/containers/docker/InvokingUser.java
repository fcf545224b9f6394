package dev.kiln.containers.docker;

import com.sun.security.auth.module.UnixSystem;

/**
 * The user a training container runs as. By default the uid:gid running Kiln, so that what the
 * container writes under the job directory (model, output, checkpoints) belongs to the user and Kiln
 * can archive and delete it; SageMaker runs the image's USER, which {@code kiln.docker.user=image} keeps.
 */
final class InvokingUser {
    private InvokingUser() {}

    /** {@code uid:gid} for the container, or null for the image's USER. */
    static String resolve(String setting) {
        if (setting.equals("image")) {
            return null;
        }
        if (!setting.equals("invoker")) {
            return setting;
        }
        UnixSystem me = new UnixSystem();
        return me.getUid() + ":" + me.getGid();
    }
}
