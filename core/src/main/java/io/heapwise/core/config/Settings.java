package io.heapwise.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A loaded set of heapwise configuration keys, read section by section into typed, validated config
 * objects.
 *
 * <p><b>Sections.</b> Keys are grouped by prefix: {@code heapwise.cache.responses.max-bytes}
 * belongs to the section {@code heapwise.cache.responses.}. A component's config reads one section:
 *
 * <pre>{@code
 * Settings settings = Settings.load(Path.of("heapwise.properties"));
 * CacheConfig config = settings.read("heapwise.cache.responses.", section -> new CacheConfig(
 *     section.byteSizeOrHeapShare("max-bytes", 64L << 20),
 *     section.duration("ttl", Duration.ofHours(4))));
 * }</pre>
 *
 * <p><b>Strictness.</b> {@link #read} never half-succeeds: it returns a complete config object or
 * throws one {@link ConfigException} that lists every problem of the section at once: each bad
 * value (naming the full key, the value and what was expected), each key of the section that the
 * config does not know (with the nearest known key as a suggestion), and any rule the config
 * object's own constructor rejected. Values are trimmed. A key that appears twice in one file is an
 * error when the file is loaded.
 *
 * <p><b>Precedence</b>, highest first:
 *
 * <ol>
 *   <li>a JVM system property with the same full key ({@code -Dheapwise.cache.responses.ttl=1h});
 *   <li>the file or {@link Properties} the settings were loaded from;
 *   <li>the default the config class passes to the typed read.
 * </ol>
 *
 * System properties are captured when the settings are created; later changes are not seen.
 *
 * <p>Settings never load classes by name: a configuration file can choose values, never code.
 *
 * <p>Instances are immutable apart from the record of which keys have been read (used by {@link
 * #rejectUnreadKeys}), and safe to share between threads.
 */
public final class Settings {

  private final Map<String, String> values;
  private final Map<String, String> overrides;
  private final long maxHeapBytes;
  private final Set<String> readKeys;

  private Settings(
      Map<String, String> values,
      Map<String, String> overrides,
      long maxHeapBytes,
      Set<String> readKeys) {
    this.values = values;
    this.overrides = overrides;
    this.maxHeapBytes = maxHeapBytes;
    this.readKeys = readKeys;
  }

  /**
   * Loads a {@code .properties} file (UTF-8), with system properties taking precedence.
   *
   * @param file the file to read
   * @return the settings
   * @throws ConfigException if the file cannot be read or defines a key twice
   */
  public static Settings load(Path file) {
    Objects.requireNonNull(file, "file");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return fromReader(reader, "file " + file);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(file.toString(), null, "cannot be read: " + e)), e);
    }
  }

  /**
   * Loads a {@code .properties} resource (UTF-8) from the class path, with system properties taking
   * precedence. The thread's context class loader is asked first, then the one that loaded
   * heapwise.
   *
   * @param resourceName the resource, e.g. {@code "heapwise.properties"}
   * @return the settings
   * @throws ConfigException if the resource does not exist, cannot be read or defines a key twice
   */
  public static Settings loadResource(String resourceName) {
    Objects.requireNonNull(resourceName, "resourceName");
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    InputStream in = null;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      in = context.getResourceAsStream(name);
    }
    if (in == null) {
      in = Settings.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "classpath:" + name, null, "does not exist (expected a class path resource)")));
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return fromReader(reader, "resource " + name);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem("classpath:" + name, null, "cannot be read: " + e)), e);
    }
  }

  /**
   * Wraps {@link Properties} built in code, with system properties taking precedence.
   *
   * @param properties the keys and values; entries whose key or value is not a String are ignored
   * @return the settings
   */
  public static Settings from(Properties properties) {
    return from(properties, System.getProperties());
  }

  /**
   * Wraps {@link Properties} built in code, with the given overrides taking precedence instead of
   * the system properties. Pass an empty {@code Properties} to disable overriding.
   *
   * @param properties the keys and values
   * @param overrides keys that win over {@code properties}
   * @return the settings
   */
  public static Settings from(Properties properties, Properties overrides) {
    return new Settings(
        copyOf(properties), copyOf(overrides), Runtime.getRuntime().maxMemory(), newReadKeys());
  }

  /**
   * Returns settings with no keys and no overrides: every read yields its default.
   *
   * @return empty settings
   */
  public static Settings empty() {
    return new Settings(Map.of(), Map.of(), Runtime.getRuntime().maxMemory(), newReadKeys());
  }

  /**
   * Returns a copy whose percentages ({@code 25%}) are shares of {@code maxHeapBytes} instead of
   * this JVM's {@link Runtime#maxMemory()}. Meant for tests and for sizing a config for another
   * JVM.
   *
   * @param maxHeapBytes the heap size percentages refer to; positive
   * @return the new settings
   * @throws IllegalArgumentException if {@code maxHeapBytes} is not positive
   */
  public Settings withMaxHeapBytes(long maxHeapBytes) {
    if (maxHeapBytes <= 0) {
      throw new IllegalArgumentException("maxHeapBytes must be positive but was " + maxHeapBytes);
    }
    return new Settings(values, overrides, maxHeapBytes, readKeys);
  }

  /**
   * Returns the heap size that percentage byte sizes refer to.
   *
   * @return the maximum heap in bytes
   */
  public long maxHeapBytes() {
    return maxHeapBytes;
  }

  /**
   * Reads one section into a config object.
   *
   * <p>{@code builder} reads the keys it knows through the {@link SectionReader} and builds the
   * object. Afterwards every key of the section that the builder did not ask for is reported as
   * unknown. If any read failed, any key is unknown, or the builder threw {@link
   * IllegalArgumentException} or {@link IllegalStateException} (a config constructor rejecting a
   * combination of values), the result is discarded and one {@link ConfigException} lists all of
   * it.
   *
   * @param prefix the section prefix, e.g. {@code "heapwise.cache.responses."}; a missing trailing
   *     dot is added
   * @param builder reads keys and builds the config object
   * @param <T> the config type
   * @return the config object, built from valid values only
   * @throws ConfigException if anything in the section is wrong
   */
  public <T> T read(String prefix, Function<? super SectionReader, ? extends T> builder) {
    Objects.requireNonNull(builder, "builder");
    SectionReader reader = new SectionReader(this, normalizePrefix(prefix));
    T config = null;
    RuntimeException rejection = null;
    try {
      config = builder.apply(reader);
    } catch (IllegalArgumentException | IllegalStateException e) {
      rejection = e;
    }
    reader.finish(rejection);
    return config;
  }

  /**
   * Returns the names of the subsections directly under {@code prefix}: for keys {@code
   * heapwise.pool.query.max-size} and {@code heapwise.pool.response.prefill}, {@code
   * subsectionNames("heapwise.pool.")} is {@code [query, response]}.
   *
   * @param prefix the parent prefix; a missing trailing dot is added
   * @return the names, sorted
   */
  public SortedSet<String> subsectionNames(String prefix) {
    String parent = normalizePrefix(prefix);
    SortedSet<String> names = new TreeSet<>();
    for (String key : keysUnder(parent)) {
      String rest = key.substring(parent.length());
      int dot = rest.indexOf('.');
      if (dot > 0) {
        names.add(rest.substring(0, dot));
      }
    }
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * Fails if any key under {@code rootPrefix} was never read by a {@link #read} call on these
   * settings (or a copy made by {@link #withMaxHeapBytes}). Call it after reading every section to
   * catch a mistyped section name ({@code heapwise.pol.query.max-size}), which no single section
   * can see.
   *
   * @param rootPrefix e.g. {@code "heapwise."}; a missing trailing dot is added
   * @throws ConfigException listing each unread key, with the nearest read key as a suggestion
   */
  public void rejectUnreadKeys(String rootPrefix) {
    String root = normalizePrefix(rootPrefix);
    List<ConfigProblem> problems = new ArrayList<>();
    for (String key : keysUnder(root)) {
      if (!readKeys.contains(key)) {
        problems.add(
            new ConfigProblem(
                key,
                lookup(key).text(),
                SectionReader.unknownKeyMessage(key, readKeys, lookup(key).fromOverride())));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Every key under {@code prefix} from either layer, sorted. */
  SortedSet<String> keysUnder(String prefix) {
    SortedSet<String> keys = new TreeSet<>();
    for (String key : values.keySet()) {
      if (key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    for (String key : overrides.keySet()) {
      if (key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** The value that wins for {@code key}, or a value with null text if the key is not set. */
  RawValue lookup(String key) {
    String override = overrides.get(key);
    if (override != null) {
      return new RawValue(override.trim(), true);
    }
    String value = values.get(key);
    return new RawValue(value == null ? null : value.trim(), false);
  }

  void markRead(String key) {
    readKeys.add(key);
  }

  /** A key's text and whether it came from a system property (named in error messages). */
  record RawValue(String text, boolean fromOverride) {}

  private static Settings fromReader(Reader reader, String origin) throws IOException {
    DuplicateTrackingProperties properties = new DuplicateTrackingProperties();
    properties.load(reader);
    if (!properties.duplicates.isEmpty()) {
      List<ConfigProblem> problems = new ArrayList<>();
      for (String key : properties.duplicates) {
        problems.add(
            new ConfigProblem(
                key, null, "is defined more than once in " + origin + " (expected each key once)"));
      }
      throw new ConfigException(problems);
    }
    return from(properties);
  }

  private static Map<String, String> copyOf(Properties properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, String> copy = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key);
      if (value != null) {
        copy.put(key, value);
      }
    }
    return Map.copyOf(copy);
  }

  private static Set<String> newReadKeys() {
    return ConcurrentHashMap.newKeySet();
  }

  private static String normalizePrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("a section prefix must not be blank");
    }
    return prefix.endsWith(".") ? prefix : prefix + ".";
  }

  /** Properties that remember keys set twice, which {@link Properties#load} silently overwrites. */
  private static final class DuplicateTrackingProperties extends Properties {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized: lives only while a file is parsed
    final Set<String> duplicates = new LinkedHashSet<>();

    @Override
    public synchronized Object put(Object key, Object value) {
      Object previous = super.put(key, value);
      if (previous != null) {
        duplicates.add(String.valueOf(key));
      }
      return previous;
    }
  }
}
