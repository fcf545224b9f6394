package dev.kiln.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.validation.SecretDetector.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {

    /** A random-looking key with no EXAMPLE run, as generated keys are. */
    private static final String SECRET_KEY = "h7Fq2Lr9Zx0bW3+Kp8Vt/NcY5mJd1sGe6UaQi4Ro";

    @ParameterizedTest
    @ValueSource(strings = {
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAY34FZKBOKMUTVV7A",
            "--key AKIAIOSFODNN7EXAMPLE --region us-east-1",
            "aws_access_key_id=ABIAJ2QW5NT6EXAMPLEX",
            "ACCA1234567890ABCDEF"})
    void accessKeyIds(String value) {
        assertEquals(Optional.of(Kind.AWS_ACCESS_KEY_ID), SecretDetector.detect("x", value));
    }

    @Test
    void accessKeyIdInsideALongerRunIsNotOne() {
        assertEquals(Optional.empty(), SecretDetector.detect("AKIAIOSFODNN7EXAMPLEXYZ"));
        assertEquals(Optional.empty(), SecretDetector.detect("XAKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void secretAccessKeyStandingAlone() {
        assertEquals(Optional.of(Kind.AWS_SECRET_ACCESS_KEY), SecretDetector.detect("opt", SECRET_KEY));
    }

    @Test
    void secretAccessKeyInASecretContext() {
        // The documentation's example key repeats letters (EXAMPLEKEY); context makes it a secret.
        String example = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertEquals(Optional.of(Kind.AWS_SECRET_ACCESS_KEY), SecretDetector.detect("aws_secret_access_key", example));
        assertEquals(Optional.of(Kind.AWS_SECRET_ACCESS_KEY),
                SecretDetector.detect("creds", "aws_secret_access_key=" + example));
        assertEquals(Optional.of(Kind.AWS_SECRET_ACCESS_KEY), SecretDetector.detect("token", "abcd" + SECRET_KEY.substring(4)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----|PRIVATE_KEY",
            "-----BEGIN RSA PRIVATE KEY-----|PRIVATE_KEY",
            "-----BEGIN OPENSSH PRIVATE KEY-----|PRIVATE_KEY",
            "-----BEGIN EC PRIVATE KEY-----|PRIVATE_KEY",
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl|BEARER_TOKEN",
            "bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a|BEARER_TOKEN",
            "password=hunter2|PASSWORD",
            "--db-url postgres://kiln:s3cr3t@db.local:5432/jobs|PASSWORD",
            "client_secret: 9f8e7d6c5b4a|PASSWORD",
            "SECRET=abc123xyz|PASSWORD"})
    void otherCredentials(String value, Kind kind) {
        assertEquals(Optional.of(kind), SecretDetector.detect("config", value.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MLFLOW_TRACKING_PASSWORD|pa55word|PASSWORD",
            "db.password|x|PASSWORD",
            "AWS_SECRET_ACCESS_KEY|anything-at-all|AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN|IQoJb3JpZ2luX2VjEJr|AWS_SESSION_TOKEN"})
    void credentialNamesMakeAnyValueACredential(String name, String value, Kind kind) {
        assertEquals(Optional.of(kind), SecretDetector.detect(name, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",                 // SHA-1 hex
            "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // SHA-256 hex
            "123e4567-e89b-12d3-a456-426614174000",                      // UUID
            "/opt/ml/input/data/training/part0001Abcd",                  // 40-character path
            "opt/ml/input/data/train/Images2024batch1",
            "/opt/ml/input/data/train/Images2024batch",
            "s3://my-bucket/datasets/Churn2024/train/",
            "file:///var/kiln/data/validation/Part0001A",
            "thisIsAVeryLongCamelCaseIdentifierNameX1",                  // 40-character identifier
            "binary:logistic",
            "0.0001",
            "The quick brown fox jumps over the lazy dog",
            "Bearer tokens are described in RFC 6750",
            "bearer-token-file=/run/secrets/token",
            "password=${DB_PASSWORD}",
            "password=<your password>",
            "secret_name=prod-db-credentials",
            "use_password_auth=true",
            "aGVsbG8gd29ybGQgdGhpcyBpcyBhIGxvbmdlciBiYXNlNjQgc3RyaW5nIHdpdGggbW9yZQ==", // long base64 blob
            "{\"StartStep\": 5, \"NumSteps\": 3}",
            "AKIA"})
    void ordinaryValuesAreNotCredentials(String value) {
        assertEquals(Optional.empty(), SecretDetector.detect("param", value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "false", "${PASSWORD}", "****"})
    void placeholdersUnderCredentialNamesAreNotCredentials(String value) {
        assertEquals(Optional.empty(), SecretDetector.detect("DB_PASSWORD", value));
    }

    @Test
    void entropyOfRandomKeysIsHigherThanOfWords() {
        double key = SecretDetector.entropy(SECRET_KEY);
        double words = SecretDetector.entropy("thisIsAVeryLongCamelCaseIdentifierNameX1");
        assertTrue(key > 4.5 && words < 4.5, key + " vs " + words);
    }
}
