package io.heapwise.demo;

import io.heapwise.core.config.ConfigException;
import io.heapwise.core.config.ConfigProblem;
import io.heapwise.core.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads the demo's settings: the bundled {@code demo.properties} (every knob with its default),
 * then the user's {@code --config} file, then {@code -Ddemo.*} / {@code -Dheapwise.*} system
 * properties, then the command line's own options (such as {@code --duration}); later wins.
 */
final class DemoSettings {

  static final String RESOURCE = "demo.properties";

  private DemoSettings() {}

  static Settings load(Optional<Path> userFile, Properties commandLine) {
    Properties merged = new Properties();
    merged.putAll(bundled());
    userFile.ifPresent(file -> merged.putAll(readFile(file)));
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("demo.") || name.startsWith("heapwise.")) {
        merged.setProperty(name, System.getProperty(name));
      }
    }
    merged.putAll(commandLine);
    return Settings.from(merged, new Properties());
  }

  private static Properties bundled() {
    Properties properties = new Properties();
    try (InputStream in = DemoSettings.class.getResourceAsStream("/" + RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the demo's class path");
      }
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled " + RESOURCE, e);
    }
    return properties;
  }

  private static Properties readFile(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(file.toString(), null, "cannot be read: " + e.getMessage())),
          e);
    }
    return properties;
  }
}
