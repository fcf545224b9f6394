import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SageMaker-style training script: linear regression by mini-batch SGD.
 * It reads the contract (SM_* variables, hyperparameters.json, the train and validation channels),
 * prints metrics, checkpoints every epoch (and resumes from a checkpoint), saves the model when
 * stopped (SIGTERM), and writes output/failure when it cannot train.
 */
public class Train {
    static volatile boolean stopRequested;

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopRequested = true));
        Path failure = Path.of(env("SM_OUTPUT_DIR"), "failure");
        try {
            train();
        } catch (Exception e) {
            Files.writeString(failure, "Train.java: " + e.getMessage(), StandardCharsets.UTF_8);
            System.err.println("training failed: " + e);
            System.exit(1);
        }
    }

    static void train() throws Exception {
        Map<String, String> hp = readFlatJson(Path.of(env("SM_INPUT_CONFIG_DIR"), "hyperparameters.json"));
        int epochs = Integer.parseInt(hp.getOrDefault("epochs", "20"));
        double lr = Double.parseDouble(hp.getOrDefault("learning_rate", "0.05"));
        int batch = Integer.parseInt(hp.getOrDefault("batch_size", "32"));
        long sleepMs = Long.parseLong(hp.getOrDefault("sleep_ms_per_epoch", "0"));
        double[][] train = readCsv(Path.of(env("SM_CHANNEL_TRAIN")));
        double[][] valid = System.getenv("SM_CHANNEL_VALIDATION") == null ? null : readCsv(Path.of(env("SM_CHANNEL_VALIDATION")));
        int features = train[0].length - 1;
        System.out.printf(Locale.ROOT, "hosts=%s current_host=%s cpus=%s gpus=%s rows=%d features=%d%n",
                env("SM_HOSTS"), env("SM_CURRENT_HOST"), env("SM_NUM_CPUS"), env("SM_NUM_GPUS"), train.length, features);

        Path checkpointDir = Path.of(System.getenv().getOrDefault("KILN_CHECKPOINT_DIR", "/opt/ml/checkpoints"));
        Path checkpoint = checkpointDir.resolve("checkpoint.txt");
        double[] w = new double[features + 1];
        int startEpoch = 0;
        if (Files.exists(checkpoint)) {
            String[] parts = Files.readString(checkpoint).trim().split(",");
            startEpoch = Integer.parseInt(parts[0]);
            for (int i = 0; i <= features; i++) {
                w[i] = Double.parseDouble(parts[i + 1]);
            }
            System.out.println("resuming from checkpoint at epoch " + startEpoch);
        }
        Random rnd = new Random(42);
        for (int epoch = startEpoch; epoch < epochs && !stopRequested; epoch++) {
            shuffle(train, rnd);
            double loss = 0;
            for (int start = 0; start < train.length; start += batch) {
                int end = Math.min(train.length, start + batch);
                double[] grad = new double[features + 1];
                for (int r = start; r < end; r++) {
                    double err = predict(w, train[r]) - train[r][0];
                    loss += err * err;
                    for (int j = 0; j < features; j++) {
                        grad[j] += err * train[r][j + 1];
                    }
                    grad[features] += err;
                }
                for (int j = 0; j <= features; j++) {
                    w[j] -= lr * grad[j] / (end - start);
                }
            }
            System.out.printf(Locale.ROOT, "epoch=%d train_mse=%.6f%n", epoch + 1, loss / train.length);
            if (valid != null) {
                System.out.printf(Locale.ROOT, "epoch=%d validation_rmse=%.6f%n", epoch + 1, Math.sqrt(mse(w, valid)));
            }
            Files.createDirectories(checkpointDir);
            StringBuilder sb = new StringBuilder().append(epoch + 1);
            for (double v : w) {
                sb.append(',').append(v);
            }
            Files.writeString(checkpoint, sb.toString());
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
        }
        Path model = Path.of(env("SM_MODEL_DIR"), "model.json");
        StringBuilder json = new StringBuilder("{\"weights\": [");
        for (int j = 0; j < features; j++) {
            json.append(j == 0 ? "" : ", ").append(w[j]);
        }
        json.append("], \"bias\": ").append(w[features]).append("}\n");
        Files.writeString(model, json.toString());
        Files.writeString(Path.of(env("SM_OUTPUT_DATA_DIR"), "summary.txt"),
                (stopRequested ? "stopped early" : "completed") + "\n");
        System.out.println(stopRequested ? "stop requested: model saved" : "training complete: model saved");
    }

    static double predict(double[] w, double[] row) {
        double y = w[w.length - 1];
        for (int j = 0; j < w.length - 1; j++) {
            y += w[j] * row[j + 1];
        }
        return y;
    }

    static double mse(double[] w, double[][] rows) {
        double s = 0;
        for (double[] r : rows) {
            double e = predict(w, r) - r[0];
            s += e * e;
        }
        return s / rows.length;
    }

    static void shuffle(double[][] rows, Random rnd) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    }

    /** Every .csv file in the channel directory; the first column is the label, a header line is skipped. */
    static double[][] readCsv(Path dir) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .csv files in channel directory " + dir);
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank() || Character.isLetter(line.charAt(0))) {
                    continue;
                }
                String[] p = line.split(",");
                double[] r = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    r[i] = Double.parseDouble(p[i].trim());
                }
                rows.add(r);
            }
        }
        return rows.toArray(new double[0][]);
    }

    static Map<String, String> readFlatJson(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        Matcher matcher = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(Files.readString(file));
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2));
        }
        return m;
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException("missing environment variable " + name + " (run this through Kiln)");
        }
        return v;
    }
}
