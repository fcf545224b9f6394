package dev.kiln.hpo.tuning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Training job names as the service gives them: {@code <tuning-job-name>-<NNN>-<8 hex>}, at most
 * 32 + 1 + 3 + 1 + 8 = 45 characters (63 allowed). The hex part is derived from the tuning job's ARN,
 * creation time and the trial index, so a tuning job that resumes after a crash computes the same
 * name for a trial it had recorded but not yet created.
 */
final class TrialNames {
    private TrialNames() {}

    static String of(String tuningJobName, String arn, long creationMillis, int index) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((arn + "|" + creationMillis + "|" + index).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(h, 0, 4);
            return tuningJobName + "-" + String.format(Locale.ROOT, "%03d", index) + "-" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
