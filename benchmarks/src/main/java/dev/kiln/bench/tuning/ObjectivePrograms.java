package dev.kiln.bench.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Training programs for the tuning benchmarks: bash and awk computing Branin or Hartmann6 from the
 * hyperparameters x1..xd (SM_HP_X1...). Each prints {@code epoch=k objective=v} for k = 1..EPOCHS with
 * v = f + scale * (1/k - 1/EPOCHS), a curve that improves every epoch and ends at f, sleeping SLEEP
 * seconds per epoch; EPOCHS and SLEEP come from the environment (default 1 and 0: one line, at once).
 */
final class ObjectivePrograms {
    private ObjectivePrograms() {}

    private static final String BRANIN = """
            pi = atan2(0, -1); b = 5.1 / (4 * pi * pi); c = 5 / pi; t = 1 / (8 * pi)
            f = (x[2] - b * x[1] * x[1] + c * x[1] - 6) ^ 2 + 10 * (1 - t) * cos(x[1]) + 10; scale = 20
            """;

    private static final String HARTMANN6 = """
            split("1.0 1.2 3.0 3.2", al, " ")
            split("10 3 17 3.5 1.7 8 0.05 10 17 0.1 8 14 3 3.5 1.7 10 17 8 17 8 0.05 10 0.1 14", A, " ")
            split("0.1312 0.1696 0.5569 0.0124 0.8283 0.5886 0.2329 0.4135 0.8307 0.3736 0.1004 0.9991 " \\
                  "0.2348 0.1451 0.3522 0.2883 0.3047 0.6650 0.4047 0.8828 0.8732 0.5743 0.1091 0.0381", P, " ")
            f = 0
            for (i = 0; i < 4; i++) { s = 0; for (j = 1; j <= 6; j++) { d = x[j] - P[i * 6 + j]; s += A[i * 6 + j] * d * d }
              f -= al[i + 1] * exp(-s) }
            scale = 1
            """;

    /** Writes the program for {@code function} ("branin" or "hartmann6") into {@code dir}. */
    static Path write(Path dir, String function) throws IOException {
        int dims = function.equals("branin") ? 2 : 6;
        String body = function.equals("branin") ? BRANIN : HARTMANN6;
        StringBuilder vars = new StringBuilder();
        for (int i = 1; i <= dims; i++) {
            vars.append(" -v x").append(i).append("=\"$SM_HP_X").append(i).append('"');
        }
        StringBuilder assign = new StringBuilder();
        for (int i = 1; i <= dims; i++) {
            assign.append("x[").append(i).append("] = x").append(i).append("; ");
        }
        String script = """
                #!/usr/bin/env bash
                set -euo pipefail
                [[ -n "${STAMPS:-}" ]] && date +%%s%%N > "$STAMPS/$TRAINING_JOB_NAME.start"
                epochs="${EPOCHS:-1}"
                for ((k = 1; k <= epochs; k++)); do
                  awk%s -v k="$k" -v n="$epochs" 'BEGIN { %s
                %s
                  printf "epoch=%%d objective=%%.8f\\n", k, f + scale * (1 / k - 1 / n) }'
                  [[ "${SLEEP:-0}" != "0" ]] && sleep "$SLEEP"
                done
                [[ -n "${STAMPS:-}" ]] && date +%%s%%N > "$STAMPS/$TRAINING_JOB_NAME.end"
                exit 0
                """.formatted(vars, assign, body);
        Files.createDirectories(dir);
        Path p = dir.resolve(function);
        Files.writeString(p, script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
