package io.tierstate.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** No password, secret key or token survives masking, whatever shape the URI around it has. */
class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "postgresql://u:s3cr3t@host/db",
        "postgresql://u:s3cr3t@/db",
        "postgresql://u:s3cr3t@host/",
        "postgresql://u:s3cr3t@host:99999999/db",
        "postgresql://u:s3cr3t@host:port/db",
        "postgresql://u:s3 cr3t@host/db",
        "postgresql://u:s3'cr3t@host/db",
        "postgresql://u:s3@cr3t@host/db",
        "postgresql://u:s3/cr3t@host/db",
        "postgresql://u:s3%cr3t@host/db",
        "postgresql://u:s3cr3t",
        "POSTGRES://u:s3cr3t@HOST/db",
        "jdbc:postgresql://h/db?Password=s3cr3t&sslmode=require",
        "jdbc:postgresql://h/db?user=u&password=s3cr3t",
        "jdbc:postgresql://h/db;PASSWORD=s3cr3t",
        "jdbc:postgresql://h/db?sslpassword=s3cr3t",
        "s3://AKIAEXAMPLE:s3cr3t@bucket/prefix",
        "s3://bucket/p?aws_secret_access_key=s3cr3t&aws_session_token=s3cr3t",
        "https://bucket.s3.amazonaws.com/k?X-Amz-Signature=s3cr3t&X-Amz-Credential=s3cr3t&X-Amz-Security-Token=s3cr3t",
        "could not open 'postgresql://u:s3cr3t@h/db': refused; and 'mysql://x:s3cr3t@y/z' too"})
    void mask_anyShape_leavesNoSecret(String text) {
        String masked = Redaction.mask(text);

        assertThat(masked).doesNotContain("s3cr3t").doesNotContain("cr3t").contains(Redaction.MASK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "postgresql://u:s3cr3t@db.example.com:5432/ops|postgresql://u:****@db.example.com:5432/ops",
        "jdbc:postgresql://h:5432/db?password=x&sslmode=require|jdbc:postgresql://h:5432/db?password=****&sslmode=require",
        "postgresql://tierstate@db.example.com:5432/ops|postgresql://tierstate@db.example.com:5432/ops",
        "postgresql://[::1]:5432/ops|postgresql://[::1]:5432/ops",
        "jdbc:postgresql://h:5432/db?sslmode=require|jdbc:postgresql://h:5432/db?sslmode=require",
        "/home/me/.tierstate|/home/me/.tierstate"})
    void mask_keepsWhatIsNotSecret(String text, String expected) {
        assertThat(Redaction.mask(text)).isEqualTo(expected);
    }
}
