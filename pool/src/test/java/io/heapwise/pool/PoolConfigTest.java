package io.heapwise.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.ConfigProblem;
import io.heapwise.core.config.Settings;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PoolConfigTest {

  private static Settings settings(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return Settings.from(properties, new Properties());
  }

  @Test
  void defaults() {
    PoolConfig config = PoolConfig.builder("query").build();
    assertThat(config.maxSize()).isEqualTo(64);
    assertThat(config.prefill()).isZero();
    assertThat(config.missPolicy()).isEqualTo(MissPolicy.ALLOCATE);
    assertThat(config.borrowTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.resizeLimit()).isEqualTo(256);
    assertThat(config.leakDetection()).isFalse();
    assertThat(config.leakThreshold()).isZero();
    assertThat(config.leakCaptureRate()).isEqualTo(1.0);
    assertThat(PoolConfig.fromSettings(Settings.from(new Properties(), new Properties()), "query"))
        .isEqualTo(config);
  }

  @Test
  void readsEveryKeyOfItsSection() {
    PoolConfig config =
        PoolConfig.fromSettings(
            settings(
                "heapwise.pool.query.max-size", "256",
                "heapwise.pool.query.prefill", "64",
                "heapwise.pool.query.miss-policy", "block",
                "heapwise.pool.query.borrow-timeout", "250ms",
                "heapwise.pool.query.resize-limit", "1024",
                "heapwise.pool.query.trim-floor", "16",
                "heapwise.pool.query.elevated-trim", "25%",
                "heapwise.pool.query.leak-detection", "true",
                "heapwise.pool.query.leak-threshold", "30s",
                "heapwise.pool.query.leak-capture-rate", "0.1",
                "heapwise.pool.query.jmx", "true",
                "heapwise.pool.other.max-size", "oops"),
            "query");
    assertThat(config)
        .isEqualTo(
            new PoolConfig(
                "query",
                256,
                64,
                MissPolicy.BLOCK,
                Duration.ofMillis(250),
                1024,
                16,
                0.25,
                true,
                Duration.ofSeconds(30),
                0.1,
                true));
  }

  @Test
  void everyBadValueAndUnknownKeyIsReportedAtOnce() {
    Settings settings =
        settings(
            "heapwise.pool.query.max-size", "lots",
            "heapwise.pool.query.miss-policy", "wait",
            "heapwise.pool.query.borrow-timeout", "0ms",
            "heapwise.pool.query.leak-capture-rate", "150%",
            "heapwise.pool.query.prefil", "4");
    ConfigException error =
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> PoolConfig.fromSettings(settings, "query"))
            .actual();
    assertThat(error.problems())
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "heapwise.pool.query.max-size",
            "heapwise.pool.query.miss-policy",
            "heapwise.pool.query.borrow-timeout",
            "heapwise.pool.query.leak-capture-rate",
            "heapwise.pool.query.prefil");
    assertThat(error.getMessage())
        .contains("\"lots\" is not an integer")
        .contains("expected one of: allocate, block, fail")
        .contains("did you mean prefill?");
  }

  @Test
  void rulesAcrossKeysAreReportedNamingBothKeys() {
    Settings settings =
        settings("heapwise.pool.query.max-size", "8", "heapwise.pool.query.prefill", "9");
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> PoolConfig.fromSettings(settings, "query"))
        .withMessageContaining("prefill must be from 0 to 8 but was 9");
  }

  @Test
  void builderRejectsBadValuesNamingKeyValueAndExpectation() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").maxSize(0).build())
        .withMessage("max-size must be from 1 to 1048576 but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").maxSize(8).trimFloor(9).build())
        .withMessage("trim-floor must be from 0 to 8 but was 9");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").maxSize(8).resizeLimit(4).build())
        .withMessage("resize-limit (4) must not be smaller than max-size (8) of pool q");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").borrowTimeout(Duration.ZERO).build())
        .withMessage("borrow-timeout of pool q must be positive but was 0s");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").leakThreshold(Duration.ofSeconds(5)).build())
        .withMessage("leak-threshold (5s) of pool q requires leak-detection=true");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("q").elevatedTrim(1.5).build())
        .withMessage("elevated-trim of pool q must be from 0 to 1 but was 1.5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PoolConfig.builder("bad name!").build())
        .withMessageContaining("pool name \"bad name!\" is not valid");
  }
}
