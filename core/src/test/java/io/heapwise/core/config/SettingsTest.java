package io.heapwise.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  /** A config like the ones components define: a record that checks a rule across its fields. */
  record CacheSettings(long maxBytes, long minBytes, Duration ttl, boolean recordStats) {
    CacheSettings {
      if (minBytes > maxBytes) {
        throw new IllegalArgumentException(
            "min-bytes (" + minBytes + ") must not exceed max-bytes (" + maxBytes + ")");
      }
    }

    static CacheSettings read(SectionReader section) {
      return new CacheSettings(
          section.byteSizeOrHeapShare("max-bytes", 32L << 20),
          section.byteSize("min-bytes", 0),
          section.duration("ttl", Duration.ofHours(4)),
          section.booleanValue("record-stats", false));
    }
  }

  private static final Properties NO_OVERRIDES = new Properties();

  @Test
  void threeBadKeysInAFileAreReportedInOneException() {
    Settings settings = Settings.loadResource("three-bad-keys.properties");

    ConfigException error =
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> settings.read("heapwise.cache.responses.", CacheSettings::read))
            .actual();

    assertThat(error.problems())
        .extracting(ConfigProblem::key)
        .containsExactly(
            "heapwise.cache.responses.max-bytes",
            "heapwise.cache.responses.ttl",
            "heapwise.cache.responses.ttl-secnds");
    assertThat(error.getMessage())
        .startsWith("invalid heapwise configuration (3 problems):")
        .contains(
            "heapwise.cache.responses.max-bytes: \"64 MB B\" is not a byte size"
                + " (expected e.g. 64MiB, 512KB or 25%)")
        .contains("heapwise.cache.responses.ttl: \"4 hours\" has an unknown unit \"hours\"")
        .contains("heapwise.cache.responses.ttl-secnds: \"30\" is set but is not a known key");
  }

  @Test
  void unknownKeySuggestsTheNearestKnownKey() {
    Settings settings = settings("heapwise.x.ttl-secnds", "30");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(
            () ->
                settings.read("heapwise.x.", s -> s.duration("ttl-seconds", Duration.ofSeconds(1))))
        .withMessage(
            "invalid heapwise configuration: heapwise.x.ttl-secnds: \"30\" is set but is not a"
                + " known key (did you mean ttl-seconds?)");
  }

  @Test
  void unknownKeyWithNoCloseMatchListsTheKnownKeys() {
    Settings settings = settings("heapwise.x.colour", "blue");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(
            () ->
                settings.read(
                    "heapwise.x.",
                    s -> s.intValue("max-size", 1, 1, 10) + s.intValue("prefill", 0, 0, 10)))
        .withMessageEndingWith("is set but is not a known key (known keys: max-size, prefill)");
  }

  @Test
  void validSectionBuildsTheConfig() {
    Settings settings = Settings.loadResource("valid.properties");

    CacheSettings config = settings.read("heapwise.cache.responses", CacheSettings::read);

    assertThat(config).isEqualTo(new CacheSettings(64L << 20, 0, Duration.ofHours(4), false));
  }

  @Test
  void absentKeysYieldDefaults() {
    CacheSettings config = Settings.empty().read("heapwise.cache.responses.", CacheSettings::read);

    assertThat(config).isEqualTo(new CacheSettings(32L << 20, 0, Duration.ofHours(4), false));
  }

  @Test
  void loadsAFileFromAPathAsUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("heapwise.properties");
    Files.writeString(
        file, "heapwise.demo.title=Kreis der Experten – Demo\n", StandardCharsets.UTF_8);

    String title = Settings.load(file).read("heapwise.demo.", s -> s.stringValue("title", ""));

    assertThat(title).isEqualTo("Kreis der Experten – Demo");
  }

  @Test
  void missingFileIsAConfigExceptionNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> Settings.load(missing))
        .withMessageContaining(missing.toString())
        .withMessageContaining("cannot be read");
  }

  @Test
  void missingResourceIsAConfigExceptionNamingTheResource() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> Settings.loadResource("/does-not-exist.properties"))
        .withMessage(
            "invalid heapwise configuration: classpath:does-not-exist.properties: does not exist"
                + " (expected a class path resource)");
  }

  @Test
  void keyDefinedTwiceInAFileIsAnError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("twice.properties");
    Files.writeString(
        file,
        "heapwise.pool.q.max-size=8\nheapwise.pool.q.prefill=2\nheapwise.pool.q.max-size=16\n");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> Settings.load(file))
        .withMessageContaining("heapwise.pool.q.max-size: is defined more than once in file")
        .withMessageContaining("(expected each key once)");
  }

  @Test
  void systemPropertyOverridesTheFile() {
    Properties file = properties("heapwise.cache.responses.ttl", "4h");
    Properties system = properties("heapwise.cache.responses.ttl", "30m");

    CacheSettings config =
        Settings.from(file, system).read("heapwise.cache.responses.", CacheSettings::read);

    assertThat(config.ttl()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void realSystemPropertiesOverrideByDefault() {
    String key = "heapwise.settings-test.limit";
    System.setProperty(key, "7");
    try {
      Settings settings = Settings.from(properties(key, "3"));
      System.clearProperty(key);

      int limit = settings.read("heapwise.settings-test.", s -> s.intValue("limit", 1, 0, 10));

      assertThat(limit).as("captured when the settings were created").isEqualTo(7);
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void fileOverridesTheDefault() {
    CacheSettings config =
        settings("heapwise.cache.responses.record-stats", "true")
            .read("heapwise.cache.responses.", CacheSettings::read);

    assertThat(config.recordStats()).isTrue();
  }

  @Test
  void problemsFromSystemPropertiesSaySo() {
    Settings settings =
        Settings.from(new Properties(), properties("heapwise.cache.responses.ttl", "soon"));

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> settings.read("heapwise.cache.responses.", CacheSettings::read))
        .withMessageEndingWith("; set by a system property");
  }

  @Test
  void unknownKeyFromASystemPropertyIsAnError() {
    Settings settings =
        Settings.from(new Properties(), properties("heapwise.cache.responses.tll", "1h"));

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> settings.read("heapwise.cache.responses.", CacheSettings::read))
        .withMessageContaining("heapwise.cache.responses.tll: \"1h\" is set but is not a known key")
        .withMessageContaining("(did you mean ttl?); set by a system property");
  }

  @Test
  void ruleRejectedByTheConfigConstructorBecomesAConfigException() {
    Settings settings =
        settings(
            "heapwise.cache.responses.max-bytes", "1MiB",
            "heapwise.cache.responses.min-bytes", "2MiB");

    ConfigException error =
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> settings.read("heapwise.cache.responses.", CacheSettings::read))
            .actual();

    assertThat(error.getMessage())
        .isEqualTo(
            "invalid heapwise configuration: heapwise.cache.responses: min-bytes"
                + " (2097152) must not exceed max-bytes (1048576)");
    assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badValuesAreReportedEvenIfTheConstructorAlsoRejectsTheDefaults() {
    Settings settings =
        settings(
            "heapwise.cache.responses.max-bytes", "lots",
            "heapwise.cache.responses.min-bytes", "64MiB");

    ConfigException error =
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> settings.read("heapwise.cache.responses.", CacheSettings::read))
            .actual();

    assertThat(error.problems())
        .extracting(ConfigProblem::key)
        .containsExactly("heapwise.cache.responses.max-bytes");
  }

  @Test
  void builderCanRejectWithItsOwnMessage() {
    Settings settings = settings("heapwise.b.low", "5", "heapwise.b.high", "3");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(
            () ->
                settings.read(
                    "heapwise.b.",
                    s -> {
                      int low = s.intValue("low", 0, 0, 10);
                      int high = s.intValue("high", 10, 0, 10);
                      if (low > high) {
                        s.reject("low", "must not exceed high (" + high + ")");
                      }
                      return low;
                    }))
        .withMessage(
            "invalid heapwise configuration: heapwise.b.low: \"5\" must not exceed high (3)");
  }

  @Test
  void readerCannotBeUsedAfterReadReturns() {
    AtomicReference<SectionReader> escaped = new AtomicReference<>();
    Settings.empty()
        .read(
            "heapwise.x.",
            s -> {
              escaped.set(s);
              return 1;
            });

    assertThatIllegalStateException()
        .isThrownBy(() -> escaped.get().intValue("late", 1, 0, 2))
        .withMessageContaining("heapwise.x. was already read");
  }

  @Test
  void subsectionNamesListTheNamedSections() {
    Settings settings = Settings.loadResource("valid.properties");

    assertThat(settings.subsectionNames("heapwise.pool")).containsExactly("query", "response");
    assertThat(settings.subsectionNames("heapwise.cache.")).containsExactly("responses");
    assertThat(settings.subsectionNames("heapwise.buffer.")).isEmpty();
  }

  @Test
  void rejectUnreadKeysCatchesAMistypedSectionName() {
    Settings settings =
        settings("heapwise.pool.query.max-size", "8", "heapwise.pol.query.max-size", "16");
    settings.read("heapwise.pool.query.", s -> s.intValue("max-size", 1, 1, 100));

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> settings.rejectUnreadKeys("heapwise."))
        .withMessage(
            "invalid heapwise configuration: heapwise.pol.query.max-size: \"16\" is set but is"
                + " not a known key (did you mean heapwise.pool.query.max-size?)");
  }

  @Test
  void rejectUnreadKeysPassesWhenEverythingWasRead() {
    Settings settings = settings("heapwise.pool.query.max-size", "8");
    int maxSize = settings.read("heapwise.pool.query.", s -> s.intValue("max-size", 1, 1, 100));

    settings.rejectUnreadKeys("heapwise");

    assertThat(maxSize).isEqualTo(8);
  }

  @Test
  void blankPrefixIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.empty().read(" ", s -> 1))
        .withMessageContaining("prefix");
  }

  @Test
  void maxHeapMustBePositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.empty().withMaxHeapBytes(0))
        .withMessage("maxHeapBytes must be positive but was 0");
  }

  private static Settings settings(String... keysAndValues) {
    return Settings.from(properties(keysAndValues), NO_OVERRIDES);
  }

  static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }
}
